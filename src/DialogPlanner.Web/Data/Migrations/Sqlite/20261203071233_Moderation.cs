using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DialogPlanner.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Moderation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "PhotoHidden",
                table: "Findings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "RemovedAtUtc",
                table: "Findings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RemovedByUserId",
                table: "Findings",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReviewedAtUtc",
                table: "Findings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedByUserId",
                table: "Findings",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            // Findings on protocols published before moderation existed were public already: they count as reviewed
            // then, so those protocols do not empty. Findings of unpublished protocols wait for an organiser.
            migrationBuilder.Sql("""
                UPDATE "Findings" SET "ReviewedAtUtc" = (SELECT e."ProtocolPublishedAtUtc" FROM "Events" e WHERE e."Id" = "Findings"."EventId")
                WHERE "EventId" IN (SELECT "Id" FROM "Events" WHERE "ProtocolPublishedAtUtc" IS NOT NULL)
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PhotoHidden",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "RemovedAtUtc",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "RemovedByUserId",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "ReviewedAtUtc",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "ReviewedByUserId",
                table: "Findings");
        }
    }
}
