using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DialogPlanner.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NormalizedEmail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invitations_EventId_Email",
                table: "Invitations");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_MunicipalityId_Email",
                table: "Contacts");

            migrationBuilder.AddColumn<string>(
                name: "NormalizedEmail",
                table: "Invitations",
                type: "character varying(254)",
                maxLength: 254,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NormalizedEmail",
                table: "Contacts",
                type: "character varying(254)",
                maxLength: 254,
                nullable: false,
                defaultValue: "");

            // Rows written before the column existed: the same normalisation as EmailAddress.Normalize
            // (stored addresses are already trimmed), before the unique indexes need distinct values.
            migrationBuilder.Sql("""UPDATE "Invitations" SET "NormalizedEmail" = lower(trim("Email"));""");
            migrationBuilder.Sql("""UPDATE "Contacts" SET "NormalizedEmail" = lower(trim("Email"));""");

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_EventId",
                table: "Invitations",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_NormalizedEmail_EventId",
                table: "Invitations",
                columns: new[] { "NormalizedEmail", "EventId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_MunicipalityId_NormalizedEmail",
                table: "Contacts",
                columns: new[] { "MunicipalityId", "NormalizedEmail" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invitations_EventId",
                table: "Invitations");

            migrationBuilder.DropIndex(
                name: "IX_Invitations_NormalizedEmail_EventId",
                table: "Invitations");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_MunicipalityId_NormalizedEmail",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "NormalizedEmail",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "NormalizedEmail",
                table: "Contacts");

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_EventId_Email",
                table: "Invitations",
                columns: new[] { "EventId", "Email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_MunicipalityId_Email",
                table: "Contacts",
                columns: new[] { "MunicipalityId", "Email" },
                unique: true);
        }
    }
}
