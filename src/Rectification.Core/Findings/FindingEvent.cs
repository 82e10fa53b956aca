using Rectification.Core.Accounts;

namespace Rectification.Core.Findings;

/// <summary>One entry of a finding's timeline. Rows are only ever added.</summary>
public class FindingEvent
{
    public long Id { get; set; }

    public int FindingId { get; set; }

    public Finding? Finding { get; set; }

    public FindingEventKind Kind { get; set; }

    public FindingStatus? FromStatus { get; set; }

    public FindingStatus? ToStatus { get; set; }

    public string? ActorId { get; set; }

    public AppUser? Actor { get; set; }

    /// <summary>The actor's name when the event happened, kept even if the account is renamed later.</summary>
    public required string ActorName { get; set; }

    public DateTime At { get; set; }

    public string? Comment { get; set; }

    /// <summary>Field changes as <see cref="FieldChange"/> lines, for edits of responsibility, deadline and the like.</summary>
    public List<FieldChange> Changes { get; set; } = [];
}

/// <summary>One changed field: <see cref="Field"/> is a label key localised on display; values are display text.</summary>
public record FieldChange(string Field, string? Old, string? New);
