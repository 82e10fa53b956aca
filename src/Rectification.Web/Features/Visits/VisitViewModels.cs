using Rectification.Core.Visits;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Visits;

/// <summary>The visit form: the input, its version for conflict detection, and the units and people to choose from.</summary>
public sealed class VisitFormViewModel : IConflictForm<SiteVisitInput>
{
    public int? Id { get; set; }

    public int InspectionId { get; set; }

    public int Version { get; set; }

    public SiteVisitInput Input { get; set; } = new();

    public SiteVisitInput? Current { get; set; }

    public SiteVisitFormOptions? Options { get; set; }
}

/// <summary>A visit's page, with the error of a refused photo upload or result form when there was one.</summary>
public sealed record VisitDetailsViewModel(SiteVisitDetails Visit, long MaxFileBytes);
