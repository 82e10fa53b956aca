namespace Rectification.Core.Notifications;

public interface IEmailSender
{
    /// <summary>False when e-mail is switched off (no <c>Smtp:Host</c>); then <see cref="SendAsync"/> sends nothing.</summary>
    bool IsEnabled { get; }

    /// <summary>
    /// Sends the message, or returns false without any network access when e-mail is switched off.
    /// </summary>
    /// <exception cref="ArgumentException">The recipient's address is not an e-mail address; retrying will not help.</exception>
    /// <exception cref="EmailDeliveryException">The server could not be reached or did not accept the message; worth retrying later.</exception>
    Task<bool> SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
