using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DialogPlanner.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Walks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Findings_EventId",
                table: "Findings");

            migrationBuilder.AddColumn<string>(
                name: "AfterPhotoContentType",
                table: "FollowUpTasks",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AfterPhotoPath",
                table: "FollowUpTasks",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClosedAtUtc",
                table: "FollowUpTasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OverdueNoticeSentAtUtc",
                table: "FollowUpTasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CarriedFromFindingId",
                table: "Findings",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ClientId",
                table: "Findings",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhotoContentType",
                table: "Findings",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FeedbackSentAtUtc",
                table: "Events",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PreviousWalkId",
                table: "Events",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ProtocolPublishedAtUtc",
                table: "Events",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WalkEventId",
                table: "Events",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WalkRole",
                table: "Events",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CategoryResponsibilities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MunicipalityId = table.Column<int>(type: "integer", nullable: false),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CategoryResponsibilities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CategoryResponsibilities_Municipalities_MunicipalityId",
                        column: x => x.MunicipalityId,
                        principalTable: "Municipalities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CategoryResponsibilities_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TaskHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FollowUpTaskId = table.Column<int>(type: "integer", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaskHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TaskHistory_FollowUpTasks_FollowUpTaskId",
                        column: x => x.FollowUpTaskId,
                        principalTable: "FollowUpTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WalkStops",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventId = table.Column<int>(type: "integer", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WalkStops", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WalkStops_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_EventId_ClientId",
                table: "Findings",
                columns: new[] { "EventId", "ClientId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Events_PreviousWalkId",
                table: "Events",
                column: "PreviousWalkId");

            migrationBuilder.CreateIndex(
                name: "IX_Events_WalkEventId",
                table: "Events",
                column: "WalkEventId");

            migrationBuilder.CreateIndex(
                name: "IX_CategoryResponsibilities_MunicipalityId_Category",
                table: "CategoryResponsibilities",
                columns: new[] { "MunicipalityId", "Category" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CategoryResponsibilities_OrganisationId",
                table: "CategoryResponsibilities",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_TaskHistory_FollowUpTaskId_AtUtc",
                table: "TaskHistory",
                columns: new[] { "FollowUpTaskId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_WalkStops_EventId_Order",
                table: "WalkStops",
                columns: new[] { "EventId", "Order" });

            migrationBuilder.AddForeignKey(
                name: "FK_Events_Events_PreviousWalkId",
                table: "Events",
                column: "PreviousWalkId",
                principalTable: "Events",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Events_Events_WalkEventId",
                table: "Events",
                column: "WalkEventId",
                principalTable: "Events",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Events_Events_PreviousWalkId",
                table: "Events");

            migrationBuilder.DropForeignKey(
                name: "FK_Events_Events_WalkEventId",
                table: "Events");

            migrationBuilder.DropTable(
                name: "CategoryResponsibilities");

            migrationBuilder.DropTable(
                name: "TaskHistory");

            migrationBuilder.DropTable(
                name: "WalkStops");

            migrationBuilder.DropIndex(
                name: "IX_Findings_EventId_ClientId",
                table: "Findings");

            migrationBuilder.DropIndex(
                name: "IX_Events_PreviousWalkId",
                table: "Events");

            migrationBuilder.DropIndex(
                name: "IX_Events_WalkEventId",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "AfterPhotoContentType",
                table: "FollowUpTasks");

            migrationBuilder.DropColumn(
                name: "AfterPhotoPath",
                table: "FollowUpTasks");

            migrationBuilder.DropColumn(
                name: "ClosedAtUtc",
                table: "FollowUpTasks");

            migrationBuilder.DropColumn(
                name: "OverdueNoticeSentAtUtc",
                table: "FollowUpTasks");

            migrationBuilder.DropColumn(
                name: "CarriedFromFindingId",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "ClientId",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "PhotoContentType",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "FeedbackSentAtUtc",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "PreviousWalkId",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "ProtocolPublishedAtUtc",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "WalkEventId",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "WalkRole",
                table: "Events");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_EventId",
                table: "Findings",
                column: "EventId");
        }
    }
}
