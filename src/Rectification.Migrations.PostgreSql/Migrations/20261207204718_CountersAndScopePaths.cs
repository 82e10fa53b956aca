using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rectification.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class CountersAndScopePaths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Findings_InspectionId_CategoryId_Ordinal",
                table: "Findings");

            migrationBuilder.DropIndex(
                name: "IX_Findings_OwningUnitId_Status",
                table: "Findings");

            migrationBuilder.DropIndex(
                name: "IX_Findings_Status_Deadline",
                table: "Findings");

            migrationBuilder.AddColumn<string>(
                name: "InspectedUnitPath",
                table: "Inspections",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: "",
                collation: "C");

            migrationBuilder.AddColumn<int>(
                name: "Band",
                table: "Findings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "CategoryOrdinal",
                table: "Findings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "DaysToClose",
                table: "Findings",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OwningUnitPath",
                table: "Findings",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: "",
                collation: "C");

            migrationBuilder.AddColumn<DateOnly>(
                name: "WarningFrom",
                table: "Findings",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CountingState",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    DueSoonDays = table.Column<int>(type: "integer", nullable: false),
                    WarningShare = table.Column<double>(type: "double precision", nullable: false),
                    RebuiltAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CountingState", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FindingTallies",
                columns: table => new
                {
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Event = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Band = table.Column<int>(type: "integer", nullable: false),
                    OwnUnit = table.Column<bool>(type: "boolean", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    DaysToClose = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FindingTallies", x => new { x.UnitId, x.Event, x.Day, x.Status, x.Band, x.OwnUnit });
                });

            migrationBuilder.CreateTable(
                name: "InspectionTallies",
                columns: table => new
                {
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    InspectionId = table.Column<int>(type: "integer", nullable: false),
                    OwnUnit = table.Column<bool>(type: "boolean", nullable: false),
                    Draft = table.Column<bool>(type: "boolean", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionTallies", x => new { x.UnitId, x.InspectionId, x.OwnUnit, x.Draft });
                });

            migrationBuilder.CreateTable(
                name: "UnitTreeState",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Revision = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitTreeState", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "UnitTreeState",
                columns: new[] { "Id", "Revision" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_Inspections_InspectedUnitPath",
                table: "Inspections",
                column: "InspectedUnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_Band_Deadline_OwningUnitPath_Id",
                table: "Findings",
                columns: new[] { "Band", "Deadline", "OwningUnitPath", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_InspectionId_OwningUnitPath_Status",
                table: "Findings",
                columns: new[] { "InspectionId", "OwningUnitPath", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_Ledger",
                table: "Findings",
                columns: new[] { "InspectionId", "CategoryOrdinal", "Ordinal", "Id", "OwningUnitPath", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_OwningUnitId",
                table: "Findings",
                column: "OwningUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_Scope",
                table: "Findings",
                columns: new[] { "OwningUnitPath", "Status", "Band", "Deadline", "WarningFrom", "InspectionId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_UpdatedAt_OwningUnitPath",
                table: "Findings",
                columns: new[] { "UpdatedAt", "OwningUnitPath" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CountingState");

            migrationBuilder.DropTable(
                name: "FindingTallies");

            migrationBuilder.DropTable(
                name: "InspectionTallies");

            migrationBuilder.DropTable(
                name: "UnitTreeState");

            migrationBuilder.DropIndex(
                name: "IX_Inspections_InspectedUnitPath",
                table: "Inspections");

            migrationBuilder.DropIndex(
                name: "IX_Findings_Band_Deadline_OwningUnitPath_Id",
                table: "Findings");

            migrationBuilder.DropIndex(
                name: "IX_Findings_InspectionId_OwningUnitPath_Status",
                table: "Findings");

            migrationBuilder.DropIndex(
                name: "IX_Findings_Ledger",
                table: "Findings");

            migrationBuilder.DropIndex(
                name: "IX_Findings_OwningUnitId",
                table: "Findings");

            migrationBuilder.DropIndex(
                name: "IX_Findings_Scope",
                table: "Findings");

            migrationBuilder.DropIndex(
                name: "IX_Findings_UpdatedAt_OwningUnitPath",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "InspectedUnitPath",
                table: "Inspections");

            migrationBuilder.DropColumn(
                name: "Band",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "CategoryOrdinal",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "DaysToClose",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "OwningUnitPath",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "WarningFrom",
                table: "Findings");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_InspectionId_CategoryId_Ordinal",
                table: "Findings",
                columns: new[] { "InspectionId", "CategoryId", "Ordinal" });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_OwningUnitId_Status",
                table: "Findings",
                columns: new[] { "OwningUnitId", "Status", "Kind", "Deadline", "ClosedOn", "AssignedOn", "InspectionId", "CategoryId", "Ordinal", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_Status_Deadline",
                table: "Findings",
                columns: new[] { "Status", "Deadline" });
        }
    }
}
