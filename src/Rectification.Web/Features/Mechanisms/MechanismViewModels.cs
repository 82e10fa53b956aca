using Microsoft.AspNetCore.Mvc.Rendering;
using Rectification.Core.Mechanisms;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Mechanisms;

/// <summary>The register and edit form: the input, its version for conflict detection, and the pickers.</summary>
public sealed class MechanismFormViewModel : IConflictForm<MechanismInput>
{
    public int? Id { get; set; }

    public int InspectionId { get; set; }

    public string InspectionTitle { get; set; } = string.Empty;

    public int Version { get; set; }

    public MechanismInput Input { get; set; } = new();

    /// <summary>After an edit conflict: what the other person saved, shown beside the user's unsaved input.</summary>
    public MechanismInput? Current { get; set; }

    public IReadOnlyList<SelectListItem> Units { get; set; } = [];

    public IReadOnlyList<FindingOption> Findings { get; set; } = [];
}

public sealed record MechanismUploadViewModel(int Id, string Title, long MaxFileBytes);
