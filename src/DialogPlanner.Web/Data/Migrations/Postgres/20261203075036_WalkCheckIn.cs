using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DialogPlanner.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WalkCheckIn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invitations_NormalizedEmail_EventId",
                table: "Invitations");

            migrationBuilder.AddColumn<DateTime>(
                name: "CheckedInAtUtc",
                table: "Invitations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Organisation",
                table: "Invitations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "CheckInClosed",
                table: "Events",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "CheckInCode",
                table: "Events",
                type: "character varying(12)",
                maxLength: 12,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_NormalizedEmail_EventId",
                table: "Invitations",
                columns: new[] { "NormalizedEmail", "EventId" },
                unique: true,
                filter: "\"NormalizedEmail\" <> ''");

            migrationBuilder.CreateIndex(
                name: "IX_Events_CheckInCode",
                table: "Events",
                column: "CheckInCode",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invitations_NormalizedEmail_EventId",
                table: "Invitations");

            migrationBuilder.DropIndex(
                name: "IX_Events_CheckInCode",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "CheckedInAtUtc",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "Organisation",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "CheckInClosed",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "CheckInCode",
                table: "Events");

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_NormalizedEmail_EventId",
                table: "Invitations",
                columns: new[] { "NormalizedEmail", "EventId" },
                unique: true);
        }
    }
}
