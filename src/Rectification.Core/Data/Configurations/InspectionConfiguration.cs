using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Inspections;

namespace Rectification.Core.Data.Configurations;

public sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public const int TeamShortNameLength = 50;
    public const int PartyOrganisationLength = 100;

    public void Configure(EntityTypeBuilder<Inspection> builder)
    {
        builder.Property(i => i.Title).HasMaxLength(200);
        builder.Property(i => i.TeamName).HasMaxLength(100);
        builder.Property(i => i.TeamShortName).HasMaxLength(TeamShortNameLength);
        builder.Property(i => i.PartyOrganisation).HasMaxLength(PartyOrganisationLength);
        builder.Property(i => i.PartyOrganisationFullName).HasMaxLength(PartyOrganisationLength);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasOne(i => i.InspectedUnit).WithMany().HasForeignKey(i => i.InspectedUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(i => i.FirstResponsibleUser).WithMany().HasForeignKey(i => i.FirstResponsibleUserId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(i => i.InspectedUnitPath).HasMaxLength(400);
        builder.HasIndex(i => i.FeedbackDate);
        builder.HasIndex(i => i.InspectedUnitPath);
    }
}
