using Rectification.Core.Inspections;

namespace Rectification.Core.Ledger;

/// <summary>
/// An uploaded ledger between its preview and its confirmation: the rows as read from the file, kept in the
/// database so that the confirmation may reach any instance of the app. It belongs to the user who uploaded it and
/// expires after <see cref="LedgerImporter.Lifetime"/>.
/// </summary>
public class LedgerImport
{
    /// <summary>Random, so an id cannot be guessed; it is also checked against the user.</summary>
    public Guid Id { get; set; }

    public int InspectionId { get; set; }

    public Inspection? Inspection { get; set; }

    public required string UserId { get; set; }

    /// <summary>The client's file name, for display only.</summary>
    public required string FileName { get; set; }

    /// <summary>The rows as JSON (<see cref="LedgerSourceRow"/>s): cell texts, not yet matched to categories, units or people.</summary>
    public required string Rows { get; set; }

    public int RowCount { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Set, once, by the confirmation that imported the rows.</summary>
    public DateTime? ImportedAt { get; set; }

    public int ImportedCount { get; set; }
}
