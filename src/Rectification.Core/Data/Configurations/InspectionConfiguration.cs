using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Inspections;

namespace Rectification.Core.Data.Configurations;

public sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> builder)
    {
        builder.Property(i => i.Title).HasMaxLength(200);
        builder.Property(i => i.TeamName).HasMaxLength(100);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasOne(i => i.InspectedUnit).WithMany().HasForeignKey(i => i.InspectedUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(i => i.FirstResponsibleUser).WithMany().HasForeignKey(i => i.FirstResponsibleUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => i.FeedbackDate);
    }
}
