using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rectification.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AddEvidenceAndReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "FollowUpDate",
                table: "Findings",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SubmittedAt",
                table: "Findings",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubmittedById",
                table: "Findings",
                type: "nvarchar(450)",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "VerificationMethod",
                table: "Findings",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "VerifiedOn",
                table: "Findings",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EvidenceItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FindingId = table.Column<int>(type: "int", nullable: false),
                    MeasureId = table.Column<int>(type: "int", nullable: true),
                    Description = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    EvidenceDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Review = table.Column<int>(type: "int", nullable: false),
                    ReviewNote = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ReviewedById = table.Column<string>(type: "nvarchar(450)", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedById = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    IsDeleted = table.Column<bool>(type: "bit", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DeletedById = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    DeleteReason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidenceItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvidenceItems_AspNetUsers_ReviewedById",
                        column: x => x.ReviewedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EvidenceItems_Findings_FindingId",
                        column: x => x.FindingId,
                        principalTable: "Findings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EvidenceItems_Measures_MeasureId",
                        column: x => x.MeasureId,
                        principalTable: "Measures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EvidenceVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    EvidenceItemId = table.Column<int>(type: "int", nullable: false),
                    Number = table.Column<int>(type: "int", nullable: false),
                    FileName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    FileType = table.Column<int>(type: "int", nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "char(64)", unicode: false, fixedLength: true, maxLength: 64, nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UploadedById = table.Column<string>(type: "nvarchar(450)", nullable: true),
                    UploadedByName = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidenceVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvidenceVersions_AspNetUsers_UploadedById",
                        column: x => x.UploadedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EvidenceVersions_EvidenceItems_EvidenceItemId",
                        column: x => x.EvidenceItemId,
                        principalTable: "EvidenceItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_Status_SubmittedAt",
                table: "Findings",
                columns: new[] { "Status", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_SubmittedById",
                table: "Findings",
                column: "SubmittedById");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceItems_FindingId_IsDeleted",
                table: "EvidenceItems",
                columns: new[] { "FindingId", "IsDeleted" });

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceItems_MeasureId",
                table: "EvidenceItems",
                column: "MeasureId");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceItems_ReviewedById",
                table: "EvidenceItems",
                column: "ReviewedById");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceVersions_EvidenceItemId_Number",
                table: "EvidenceVersions",
                columns: new[] { "EvidenceItemId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceVersions_Sha256",
                table: "EvidenceVersions",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceVersions_UploadedById",
                table: "EvidenceVersions",
                column: "UploadedById");

            migrationBuilder.AddForeignKey(
                name: "FK_Findings_AspNetUsers_SubmittedById",
                table: "Findings",
                column: "SubmittedById",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Findings_AspNetUsers_SubmittedById",
                table: "Findings");

            migrationBuilder.DropTable(
                name: "EvidenceVersions");

            migrationBuilder.DropTable(
                name: "EvidenceItems");

            migrationBuilder.DropIndex(
                name: "IX_Findings_Status_SubmittedAt",
                table: "Findings");

            migrationBuilder.DropIndex(
                name: "IX_Findings_SubmittedById",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "FollowUpDate",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "SubmittedAt",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "SubmittedById",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "VerificationMethod",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "VerifiedOn",
                table: "Findings");
        }
    }
}
