using Microsoft.AspNetCore.Mvc.Rendering;
using Rectification.Core.Common;
using Rectification.Core.Inspections;
using Rectification.Core.Mechanisms;
using Rectification.Core.Reports;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Inspections;

/// <summary>
/// An inspection's page: its ledger by category, its register of mechanisms, and its public report for those who
/// read it (<paramref name="Report"/> is null until a draft is generated).
/// </summary>
public sealed record InspectionDetailsViewModel(
    InspectionDetails Inspection, MechanismList Mechanisms, bool ReadsReport, ReportSummary? Report, bool CanDraftReport)
{
    /// <summary>The office, leaders and the administrator covering the inspection open its on-site visits (现场查验).</summary>
    public bool ReadsSiteVisits { get; init; }
}

public sealed record InspectionIndexViewModel(PagedList<InspectionListItem> Inspections, bool CanCreate);

/// <summary>The create and edit form: the input, its version for conflict detection, and the pickers.</summary>
public sealed class InspectionFormViewModel : IConflictForm<InspectionInput>
{
    public int? Id { get; set; }

    public int Version { get; set; }

    public InspectionInput Input { get; set; } = new();

    /// <summary>After an edit conflict: what the other person saved, shown beside the user's unsaved input.</summary>
    public InspectionInput? Current { get; set; }

    public IReadOnlyList<SelectListItem> Units { get; set; } = [];

    public IReadOnlyList<SelectListItem> People { get; set; } = [];

    public IReadOnlyList<SelectListItem> Statuses { get; set; } = [];
}
