using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Rectification.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AddSiteVisits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SiteVisitId",
                table: "Findings",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SiteVisitId",
                table: "EvidenceItems",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SiteVisits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InspectionId = table.Column<int>(type: "integer", nullable: false),
                    VisitedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Team = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<string>(type: "text", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SiteVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SiteVisits_Inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "Inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SiteVisitResults",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteVisitId = table.Column<int>(type: "integer", nullable: false),
                    FindingId = table.Column<int>(type: "integer", nullable: false),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SiteVisitResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SiteVisitResults_Findings_FindingId",
                        column: x => x.FindingId,
                        principalTable: "Findings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SiteVisitResults_SiteVisits_SiteVisitId",
                        column: x => x.SiteVisitId,
                        principalTable: "SiteVisits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SiteVisitUnits",
                columns: table => new
                {
                    SiteVisitId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SiteVisitUnits", x => new { x.SiteVisitId, x.UnitId });
                    table.ForeignKey(
                        name: "FK_SiteVisitUnits_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SiteVisitUnits_SiteVisits_SiteVisitId",
                        column: x => x.SiteVisitId,
                        principalTable: "SiteVisits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_SiteVisitId",
                table: "Findings",
                column: "SiteVisitId");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceItems_SiteVisitId",
                table: "EvidenceItems",
                column: "SiteVisitId");

            migrationBuilder.CreateIndex(
                name: "IX_SiteVisitResults_FindingId",
                table: "SiteVisitResults",
                column: "FindingId");

            migrationBuilder.CreateIndex(
                name: "IX_SiteVisitResults_SiteVisitId_FindingId",
                table: "SiteVisitResults",
                columns: new[] { "SiteVisitId", "FindingId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SiteVisits_InspectionId_VisitedOn",
                table: "SiteVisits",
                columns: new[] { "InspectionId", "VisitedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SiteVisitUnits_UnitId",
                table: "SiteVisitUnits",
                column: "UnitId");

            migrationBuilder.AddForeignKey(
                name: "FK_EvidenceItems_SiteVisits_SiteVisitId",
                table: "EvidenceItems",
                column: "SiteVisitId",
                principalTable: "SiteVisits",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Findings_SiteVisits_SiteVisitId",
                table: "Findings",
                column: "SiteVisitId",
                principalTable: "SiteVisits",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_EvidenceItems_SiteVisits_SiteVisitId",
                table: "EvidenceItems");

            migrationBuilder.DropForeignKey(
                name: "FK_Findings_SiteVisits_SiteVisitId",
                table: "Findings");

            migrationBuilder.DropTable(
                name: "SiteVisitResults");

            migrationBuilder.DropTable(
                name: "SiteVisitUnits");

            migrationBuilder.DropTable(
                name: "SiteVisits");

            migrationBuilder.DropIndex(
                name: "IX_Findings_SiteVisitId",
                table: "Findings");

            migrationBuilder.DropIndex(
                name: "IX_EvidenceItems_SiteVisitId",
                table: "EvidenceItems");

            migrationBuilder.DropColumn(
                name: "SiteVisitId",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "SiteVisitId",
                table: "EvidenceItems");
        }
    }
}
