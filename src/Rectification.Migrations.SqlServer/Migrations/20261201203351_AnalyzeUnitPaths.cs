using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rectification.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AnalyzeUnitPaths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Nothing on this provider: the statistics of OrgUnits.Path that ScaleIndexes dropped are PostgreSQL's (see
            // that provider's migration). The migration keeps the three histories in step.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo.
        }
    }
}
