using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rectification.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AddLights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "AssignedOn",
                table: "Findings",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ClosedOn",
                table: "Findings",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "OriginalDeadline",
                table: "Findings",
                type: "date",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AssignedOn",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "ClosedOn",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "OriginalDeadline",
                table: "Findings");
        }
    }
}
