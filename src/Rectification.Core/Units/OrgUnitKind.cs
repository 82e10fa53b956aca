namespace Rectification.Core.Units;

/// <summary>What sort of organisation a unit is; drives labels and sensible defaults, not access.</summary>
public enum OrgUnitKind
{
    PartyCommittee = 0,
    Bureau = 1,
    Department = 2,
    TownshipEducationOffice = 3,
    School = 4,
    Other = 9,
}
