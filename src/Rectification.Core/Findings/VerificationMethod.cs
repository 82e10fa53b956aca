namespace Rectification.Core.Findings;

public enum VerificationMethod
{
    /// <summary>查阅资料: verified on the evidence submitted.</summary>
    DocumentReview = 0,

    /// <summary>现场查验: verified on site, on a recorded day.</summary>
    OnSiteCheck = 1,
}
