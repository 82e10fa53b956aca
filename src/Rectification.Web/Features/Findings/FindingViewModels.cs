using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Rendering;
using Rectification.Core.Common;
using Rectification.Core.Findings;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Findings;

public sealed class FindingIndexViewModel
{
    public required FindingFilter Filter { get; init; }

    public required PagedList<FindingListItem> Findings { get; init; }

    /// <summary>Why the filter finds nothing whatever the data (a keyword too long, a range that ends before it starts).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public IReadOnlyList<SelectListItem> Inspections { get; init; } = [];

    public IReadOnlyList<SelectListItem> Categories { get; init; } = [];

    public IReadOnlyList<SelectListItem> Units { get; init; } = [];

    public IReadOnlyList<SelectListItem> Statuses { get; init; } = [];

    public IReadOnlyList<SelectListItem> Kinds { get; init; } = [];

    public IReadOnlyList<SelectListItem> Lights { get; init; } = [];

    public IReadOnlyList<SelectListItem> Sorts { get; init; } = [];
}

/// <summary>The inspection office's create and edit form for a finding.</summary>
public sealed class FindingFormViewModel : IConflictForm<FindingInput>
{
    public int? Id { get; set; }

    public int InspectionId { get; set; }

    public string InspectionTitle { get; set; } = string.Empty;

    public int Version { get; set; }

    public FindingInput Input { get; set; } = new();

    /// <summary>After an edit conflict: what the other person saved, shown beside the user's unsaved input.</summary>
    public FindingInput? Current { get; set; }

    public IReadOnlyList<SelectListItem> Categories { get; set; } = [];

    public IReadOnlyList<SelectListItem> Units { get; set; } = [];

    public IReadOnlyList<SelectListItem> People { get; set; } = [];

    public IReadOnlyList<SelectListItem> Kinds { get; set; } = [];

    /// <summary>Display text of a picked option, for the conflict panel.</summary>
    public static string TextOf(IReadOnlyList<SelectListItem> options, object? value) =>
        value is null ? "—" : options.FirstOrDefault(o => o.Value == value.ToString())?.Text.Trim('\u3000') ?? "—";
}

/// <summary>The owning unit's form: measures and the 落实情况 paragraph.</summary>
public sealed class ProgressViewModel : IConflictForm<ProgressInput>
{
    public const int SpareRows = 3;

    public int Id { get; set; }

    public string Title { get; set; } = string.Empty;

    public int Version { get; set; }

    public ProgressInput Input { get; set; } = new();

    public ProgressInput? Current { get; set; }

    public IReadOnlyList<SelectListItem> People { get; set; } = [];
}

/// <summary>The comment box of one status change on the details page.</summary>
public sealed record TransitionFormViewModel(int FindingId, int Version, FindingAction Action, bool RequiresComment);

/// <summary>
/// A status change refused by a rule, carried through the redirect to the finding's page (in TempData, as JSON): which
/// one, what the user had typed into its form, and why it was refused, in the user's language.
/// </summary>
public sealed record RefusedTransition(FindingAction Action, TransitionInput Input, string Error)
{
    public const string Key = nameof(RefusedTransition);

    // Chinese as itself, not \u escapes: the comment may run to 2,000 characters, and TempData travels in a cookie.
    private static readonly JsonSerializerOptions s_json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Write() => JsonSerializer.Serialize(this, s_json);

    public static RefusedTransition? Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<RefusedTransition>(json, s_json);
        }
        catch (JsonException)
        {
            return null; // not ours to show
        }
    }
}

/// <summary>The details page; after a refused status change, which one and what the user had typed.</summary>
public sealed record FindingDetailsViewModel(FindingDetails Finding, FindingAction? FailedAction = null, TransitionInput? Input = null, string? Error = null)
{
    /// <summary>The 长效机制 linked to the finding that the user can see.</summary>
    public IReadOnlyList<Core.Mechanisms.MechanismRef> Mechanisms { get; init; } = [];

    /// <summary>What the on-site visits (现场查验) found of the finding; a close-off by on-site check picks one of them.</summary>
    public IReadOnlyList<Core.Visits.FindingVisitResult> Visits { get; init; } = [];
    /// <summary>回头看 of a long-term finding, newest first, and what the user may do with them.</summary>
    public IReadOnlyList<FollowUpItem> FollowUps { get; init; } = [];

    public bool MayAnswerFollowUp { get; init; }

    public bool MayReviewFollowUp { get; init; }

    /// <summary>What the user had typed into the form of <paramref name="action"/> before it was refused.</summary>
    public TransitionInput? InputFor(FindingAction action) => FailedAction == action ? Input : null;
}

/// <summary>
/// The list's 批量处理 form: the filter in force (for "all matching" and for the way back) and how many it matches.
/// The rows' check boxes sit in the table and join the form through their form attribute.
/// </summary>
public sealed record BulkFormViewModel(RouteValueDictionary Filter, int Page, int Matching)
{
    public const string FormId = "bulk-form";
}
