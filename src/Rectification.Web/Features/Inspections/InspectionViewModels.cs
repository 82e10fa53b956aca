using Microsoft.AspNetCore.Mvc.Rendering;
using Rectification.Core.Common;
using Rectification.Core.Inspections;

namespace Rectification.Web.Features.Inspections;

public sealed record InspectionIndexViewModel(PagedList<InspectionListItem> Inspections, bool CanCreate);

/// <summary>The create and edit form: the input, its version for conflict detection, and the pickers.</summary>
public sealed class InspectionFormViewModel
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
