namespace Rectification.Core.Notifications;

/// <summary>One e-mail to one recipient. The plain-text body is always sent; the HTML body, when given, as its alternative.</summary>
public sealed record EmailMessage(string ToAddress, string ToName, string Subject, string TextBody, string? HtmlBody);
