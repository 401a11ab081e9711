using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DialogPlanner.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BulkInvitations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "MailOwedSinceUtc",
                table: "Events",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MailOwedSinceUtc",
                table: "Events");
        }
    }
}
