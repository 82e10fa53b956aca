using Rectification.Core.Common;

namespace Rectification.Core.Findings.Bulk;

/// <summary>
/// One finding the bulk action refused, with the refusal of the single action. A finding outside the user's scope has
/// no number or title: the user may not learn it exists.
/// </summary>
public sealed record BulkRefusal(int FindingId, int? CategoryOrdinal, int? Ordinal, string? Title, OperationResult Reason);

/// <summary>
/// What a bulk action did: <see cref="Changed"/> findings, or nothing at all because of <see cref="Problem"/> (the
/// request itself) or <see cref="Refusals"/> (findings the action may not change).
/// </summary>
public sealed record BulkOutcome(BulkAction Action, int Changed, OperationResult? Problem, IReadOnlyList<BulkRefusal> Refusals)
{
    public bool Succeeded => Problem is null && Refusals.Count == 0;

    public static BulkOutcome Invalid(BulkAction action, string message, params object[] args) =>
        new(action, 0, OperationResult.Invalid(message, null, args), []);
}
