using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DialogPlanner.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StartPageIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FollowUpTasks_MunicipalityId",
                table: "FollowUpTasks");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpTasks_MunicipalityId_Status_DueDate",
                table: "FollowUpTasks",
                columns: new[] { "MunicipalityId", "Status", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_Triage_EventId",
                table: "Findings",
                columns: new[] { "Triage", "EventId" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_MailOwedSinceUtc",
                table: "Events",
                column: "MailOwedSinceUtc",
                filter: "\"MailOwedSinceUtc\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FollowUpTasks_MunicipalityId_Status_DueDate",
                table: "FollowUpTasks");

            migrationBuilder.DropIndex(
                name: "IX_Findings_Triage_EventId",
                table: "Findings");

            migrationBuilder.DropIndex(
                name: "IX_Events_MailOwedSinceUtc",
                table: "Events");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpTasks_MunicipalityId",
                table: "FollowUpTasks",
                column: "MunicipalityId");
        }
    }
}
