namespace Rectification.Core.Notifications;

/// <summary>
/// A message that was not delivered to the SMTP server: one type for callers to catch and retry, whatever the
/// cause (refused connection, TLS, authentication, a rejected command, a timeout), which stays the inner exception.
/// </summary>
public sealed class EmailDeliveryException : Exception
{
    public EmailDeliveryException()
    {
    }

    public EmailDeliveryException(string message)
        : base(message)
    {
    }

    public EmailDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
