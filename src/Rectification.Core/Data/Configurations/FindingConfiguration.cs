using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Findings;

namespace Rectification.Core.Data.Configurations;

public sealed class FindingConfiguration : IEntityTypeConfiguration<Finding>
{
    public const int TitleLength = 200;
    public const int DescriptionLength = 4000;
    public const int SummaryLength = 10000;

    public void Configure(EntityTypeBuilder<Finding> builder)
    {
        builder.Property(f => f.Title).HasMaxLength(TitleLength);
        builder.Property(f => f.Description).HasMaxLength(DescriptionLength);
        builder.Property(f => f.RectificationSummary).HasMaxLength(SummaryLength);
        builder.Property(f => f.Version).IsConcurrencyToken();

        builder.HasOne(f => f.Inspection).WithMany(i => i.Findings).HasForeignKey(f => f.InspectionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(f => f.Category).WithMany(c => c.Findings).HasForeignKey(f => f.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(f => f.OwningUnit).WithMany().HasForeignKey(f => f.OwningUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(f => f.ResponsibleDepartment).WithMany().HasForeignKey(f => f.ResponsibleDepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(f => f.ResponsibleLeader).WithMany().HasForeignKey(f => f.ResponsibleLeaderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(f => f.ResponsiblePerson).WithMany().HasForeignKey(f => f.ResponsiblePersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(f => f.SubmittedBy).WithMany().HasForeignKey(f => f.SubmittedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(f => f.ClosedBy).WithMany().HasForeignKey(f => f.ClosedById).OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(f => new { f.InspectionId, f.CategoryId, f.Ordinal });
        // Unit first for the subtree filters; the other columns are everything the dashboard counts (status, light,
        // week, category, days to close) and the list sorts by, so a whole province's figures and the list's page
        // are found in this index, and the table is read only for the rows shown. The id last: PostgreSQL's indexes
        // do not carry the primary key the way SQLite's and SQL Server's do.
        builder.HasIndex(f => new { f.OwningUnitId, f.Status, f.Kind, f.Deadline, f.ClosedOn, f.AssignedOn, f.InspectionId, f.CategoryId, f.Ordinal, f.Id })
            .HasDatabaseName("IX_Findings_OwningUnitId_Status");
        builder.HasIndex(f => new { f.Status, f.Deadline });
        builder.HasIndex(f => new { f.Status, f.SubmittedAt });
    }
}
