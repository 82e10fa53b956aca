using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rectification.Migrations.SqlServer.Migrations
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

            migrationBuilder.CreateIndex(
                name: "IX_Findings_OwningUnitId_Status",
                table: "Findings",
                columns: new[] { "OwningUnitId", "Status" });
        }
    }
}
