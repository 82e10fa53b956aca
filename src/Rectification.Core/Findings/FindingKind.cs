namespace Rectification.Core.Findings;

public enum FindingKind
{
    /// <summary>立行立改.</summary>
    Immediate = 0,

    /// <summary>限期整改.</summary>
    ByDeadline = 1,

    /// <summary>长期坚持.</summary>
    LongTerm = 2,
}
