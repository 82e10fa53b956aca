using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rectification.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AnalyzeUnitPaths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ScaleIndexes changed OrgUnits.Path's collation, and PostgreSQL drops a column's statistics when it
            // alters its type or collation. Without them the planner guesses that any path prefix matches 50 of the
            // 10,000 units and walks every unit for a province-wide page (review queue: 150 ms instead of 6).
            // A table of units changes too rarely for autovacuum to analyse it again soon: analysed here.
            migrationBuilder.Sql("ANALYZE \"OrgUnits\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo.
        }
    }
}
