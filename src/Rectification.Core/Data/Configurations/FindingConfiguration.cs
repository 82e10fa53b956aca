using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Common;
using Rectification.Core.Findings;

namespace Rectification.Core.Data.Configurations;

public sealed class FindingConfiguration : IEntityTypeConfiguration<Finding>
{
    public void Configure(EntityTypeBuilder<Finding> builder)
    {
        builder.Property(f => f.Title).HasMaxLength(Limits.FindingTitle);
        builder.Property(f => f.Description).HasMaxLength(Limits.FindingDescription);
        builder.Property(f => f.RectificationSummary).HasMaxLength(Limits.FindingSummary);
        builder.Property(f => f.Version).IsConcurrencyToken();
        builder.Property(f => f.OwningUnitPath).HasMaxLength(400);

        builder.HasOne(f => f.Inspection).WithMany(i => i.Findings).HasForeignKey(f => f.InspectionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(f => f.Category).WithMany(c => c.Findings).HasForeignKey(f => f.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(f => f.OwningUnit).WithMany().HasForeignKey(f => f.OwningUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(f => f.ResponsibleDepartment).WithMany().HasForeignKey(f => f.ResponsibleDepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(f => f.ResponsibleLeader).WithMany().HasForeignKey(f => f.ResponsibleLeaderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(f => f.ResponsiblePerson).WithMany().HasForeignKey(f => f.ResponsiblePersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(f => f.SubmittedBy).WithMany().HasForeignKey(f => f.SubmittedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(f => f.ClosedBy).WithMany().HasForeignKey(f => f.ClosedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(f => f.SiteVisit).WithMany().HasForeignKey(f => f.SiteVisitId).OnDelete(DeleteBehavior.Restrict);

        // The ledger's order (inspection, category, finding), with the scope's and the drafts' conditions inside the
        // index: a page of a whole province is the next rows of it, wherever it starts.
        builder.HasIndex(f => new { f.InspectionId, f.CategoryOrdinal, f.Ordinal, f.Id, f.OwningUnitPath, f.Status })
            .HasDatabaseName("IX_Findings_Ledger");

        // Whether an inspection has findings in a scope (the inspection pickers): one seek per inspection.
        builder.HasIndex(f => new { f.InspectionId, f.OwningUnitPath, f.Status });

        // The scope first (a range of paths, Visibility), then what lists, lights and pickers filter by: a unit's or a
        // county's findings are one short range of this index, read without the table. The id last: PostgreSQL's
        // indexes do not carry the primary key the way SQLite's and SQL Server's do.
        builder.HasIndex(f => new { f.OwningUnitPath, f.Status, f.Band, f.Deadline, f.WarningFrom, f.InspectionId, f.Id })
            .HasDatabaseName("IX_Findings_Scope");

        // The same conditions led by the light: the most overdue and the soonest due of a whole province, and the
        // reminder job's candidates, without reading every open finding first.
        builder.HasIndex(f => new { f.Band, f.Deadline, f.OwningUnitPath, f.Id });

        // The most recently updated (the home page), for scopes too large to sort.
        builder.HasIndex(f => new { f.UpdatedAt, f.OwningUnitPath });
        builder.HasIndex(f => new { f.Status, f.SubmittedAt });
    }
}
