using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rectification.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ScaleIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Findings_OwningUnitId_Status",
                table: "Findings");

            migrationBuilder.AlterColumn<string>(
                name: "Path",
                table: "OrgUnits",
                type: "TEXT",
                maxLength: 400,
                nullable: false,
                collation: "NOCASE",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 400);

            migrationBuilder.CreateIndex(
                name: "IX_Findings_OwningUnitId_Status",
                table: "Findings",
                columns: new[] { "OwningUnitId", "Status", "Kind", "Deadline", "ClosedOn", "AssignedOn", "InspectionId", "CategoryId", "Ordinal", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Findings_OwningUnitId_Status",
                table: "Findings");

            migrationBuilder.AlterColumn<string>(
                name: "Path",
                table: "OrgUnits",
                type: "TEXT",
                maxLength: 400,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 400,
                oldCollation: "NOCASE");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_OwningUnitId_Status",
                table: "Findings",
                columns: new[] { "OwningUnitId", "Status" });
        }
    }
}
