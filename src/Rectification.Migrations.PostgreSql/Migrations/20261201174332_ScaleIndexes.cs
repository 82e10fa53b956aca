using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rectification.Migrations.PostgreSql.Migrations
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
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(400)",
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
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(400)",
                oldMaxLength: 400,
                oldCollation: "C");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_OwningUnitId_Status",
                table: "Findings",
                columns: new[] { "OwningUnitId", "Status" });
        }
    }
}
