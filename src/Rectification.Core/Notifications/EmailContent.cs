namespace Rectification.Core.Notifications;

public enum EmailLanguage
{
    Chinese,
    English,
}

/// <summary>A rendered template: subject, plain text and HTML, ready to address to a recipient.</summary>
public sealed record EmailContent(string Subject, string TextBody, string HtmlBody)
{
    public EmailMessage To(string address, string name) => new(address, name, Subject, TextBody, HtmlBody);
}

/// <summary>
/// What the templates need to know about one notification. <see cref="FindingTitle"/> may be left out only
/// when a whole unit is urged; the kind-specific fields are checked by the template that needs them.
/// </summary>
public sealed record EmailTemplateData
{
    /// <summary>Display name of the person the e-mail goes to.</summary>
    public required string RecipientName { get; init; }

    public string? FindingTitle { get; init; }

    public string? InspectionTitle { get; init; }

    /// <summary>The unit that owns the finding (or the unit urged).</summary>
    public required string UnitName { get; init; }

    /// <summary>The deadline in force; after an approved extension, the new one.</summary>
    public DateOnly? Deadline { get; init; }

    /// <summary>Absolute http(s) address of the finding (or of the urging) in the app.</summary>
    public required Uri Link { get; init; }

    /// <summary>Overdue: whole days past the deadline, at least 1.</summary>
    public int DaysOverdue { get; init; }

    /// <summary>Returned: why; ExtensionDecided when rejected: why.</summary>
    public string? Reason { get; init; }

    /// <summary>Urged: the urging message.</summary>
    public string? Message { get; init; }

    /// <summary>Urged: the date by which the unit is expected to respond or finish; optional.</summary>
    public DateOnly? ExpectedDate { get; init; }
}
