using Rectification.Core.Evidence;
using Rectification.Core.Findings;

namespace Rectification.Core.Mechanisms;

public sealed record MechanismDocumentView(
    int Id, int Number, string FileName, EvidenceFileType FileType, long Length, DateTime UploadedAt, string UploadedByName);

public sealed record MechanismListItem(
    int Id,
    string Title,
    string? DocumentNumber,
    string IssuingUnitName,
    DateOnly IssueDate,
    int FindingCount,
    MechanismDocumentView? Document);

/// <summary>An inspection's register as its page shows it.</summary>
public sealed record MechanismList(int InspectionId, string InspectionTitle, IReadOnlyList<MechanismListItem> Items, bool CanRegister);

/// <summary>A finding the mechanism answers, as far as the reader can see it.</summary>
public sealed record LinkedFinding(int Id, int CategoryOrdinal, int Ordinal, string Title, string OwningUnitName, FindingStatus Status);

public sealed record MechanismDetails(
    int Id,
    int InspectionId,
    string InspectionTitle,
    string Title,
    string? DocumentNumber,
    string IssuingUnitName,
    DateOnly IssueDate,
    string Summary,
    IReadOnlyList<LinkedFinding> Findings,
    IReadOnlyList<MechanismDocumentView> Documents)
{
    public bool CanEdit { get; init; }
}

/// <summary>A mechanism as a finding's page lists it.</summary>
public sealed record MechanismRef(int Id, string Title, string? DocumentNumber, string IssuingUnitName, DateOnly IssueDate);

/// <summary>A finding the form offers for linking: those of the inspection the user can see, in ledger order.</summary>
public sealed record FindingOption(int Id, int CategoryOrdinal, string CategoryName, int Ordinal, string Title);

public sealed record MechanismFormContext(int InspectionId, string InspectionTitle, IReadOnlyList<FindingOption> Findings);
