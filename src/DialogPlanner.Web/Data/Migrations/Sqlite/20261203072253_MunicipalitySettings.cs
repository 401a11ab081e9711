using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DialogPlanner.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MunicipalitySettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ContactEmail",
                table: "Municipalities",
                type: "TEXT",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrivacyNotice",
                table: "Municipalities",
                type: "TEXT",
                maxLength: 16000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublicIntroduction",
                table: "Municipalities",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ContactEmail",
                table: "Municipalities");

            migrationBuilder.DropColumn(
                name: "PrivacyNotice",
                table: "Municipalities");

            migrationBuilder.DropColumn(
                name: "PublicIntroduction",
                table: "Municipalities");
        }
    }
}
