using Rectification.Core.Reports;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Reports;

/// <summary>The draft's edit form, its version for conflict detection, and after a conflict what is saved now.</summary>
public sealed class ReportFormViewModel : IConflictForm<ReportInput>
{
    public int Id { get; set; }

    public int InspectionId { get; set; }

    public string InspectionTitle { get; set; } = string.Empty;

    public int Version { get; set; }

    public ReportInput Input { get; set; } = new();

    public ReportInput? Current { get; set; }
}

/// <summary>The regenerated section 二 beside the draft's, with the error of a refused acceptance.</summary>
public sealed record RegenerateViewModel(RegenerationPreview Preview, string? Error = null);
