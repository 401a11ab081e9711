using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DialogPlanner.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HiddenFindingCategories : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "HiddenFindingCategories",
                table: "Municipalities",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HiddenFindingCategories",
                table: "Municipalities");
        }
    }
}
