namespace Rectification.Core.Notifications;

/// <summary>
/// The retry rules both outboxes (e-mail and group robots) follow: a few attempts, a claim that expires when the
/// instance holding it stopped mid-send, and a short error text kept for the people who look after delivery.
/// </summary>
public static class OutboxRetry
{
    public const int MaxAttempts = 3;

    /// <summary>A claim older than this belonged to an instance that stopped mid-send; the message is tried again.</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(10);

    /// <summary>How long to wait after the given number of failed attempts: 1, 5, 25 minutes.</summary>
    public static TimeSpan BackOff(int failedAttempts) => TimeSpan.FromMinutes(Math.Pow(5, Math.Max(0, failedAttempts - 1)));

    public static string ErrorText(Exception exception) =>
        exception.Message.Length > 500 ? exception.Message[..500] : exception.Message;
}
