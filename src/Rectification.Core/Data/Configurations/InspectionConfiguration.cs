using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Common;
using Rectification.Core.Inspections;

namespace Rectification.Core.Data.Configurations;

public sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> builder)
    {
        builder.Property(i => i.Title).HasMaxLength(Limits.InspectionTitle);
        builder.Property(i => i.TeamName).HasMaxLength(Limits.TeamName);
        builder.Property(i => i.TeamShortName).HasMaxLength(Limits.TeamShortName);
        builder.Property(i => i.PartyOrganisation).HasMaxLength(Limits.PartyOrganisation);
        builder.Property(i => i.PartyOrganisationFullName).HasMaxLength(Limits.PartyOrganisation);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasOne(i => i.InspectedUnit).WithMany().HasForeignKey(i => i.InspectedUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(i => i.FirstResponsibleUser).WithMany().HasForeignKey(i => i.FirstResponsibleUserId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(i => i.InspectedUnitPath).HasMaxLength(400);
        builder.HasIndex(i => i.FeedbackDate);
        builder.HasIndex(i => i.InspectedUnitPath);
    }
}
