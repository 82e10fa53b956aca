using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;
using Rectification.Core.Time;

namespace Rectification.Core.Notifications;

/// <summary>
/// Sends through the configured SMTP server with MailKit, one connection per message: reminders come in the
/// tens a day, and a fresh connection cannot be left half-broken by the previous message or a server restart.
/// </summary>
public sealed partial class SmtpEmailSender(
    IOptions<SmtpOptions> options,
    TimeProvider time,
    BusinessClock clock,
    ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public bool IsEnabled => options.Value.IsEnabled;

    public async Task<bool> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        if (!settings.IsEnabled)
        {
            LogDisabled(logger, message.Subject);
            return false;
        }

        // Built before connecting, so a bad address fails as the caller's mistake and costs no connection.
        var mime = Build(message, settings);
        using var client = new SmtpClient { Timeout = checked(settings.TimeoutSeconds * 1000) };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, Map(settings.Security), cancellationToken);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                // StartTlsWhenAvailable falls back to plain text; the password goes unencrypted only when chosen (None).
                if (!client.IsSecure && settings.Security != SmtpSecurity.None)
                {
                    throw new System.Security.Authentication.AuthenticationException("The server offered no TLS; not sending the password in plain text (set Smtp:Security to None to allow it).");
                }

                await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
            }

            await client.SendAsync(mime, cancellationToken);
        }
        catch (Exception exception) when (!(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw new EmailDeliveryException(
                $"E-mail \"{message.Subject}\" to {message.ToAddress} was not delivered to {settings.Host}:{settings.Port}: {exception.Message}",
                exception);
        }

        LogSent(logger, message.Subject, message.ToAddress, mime.MessageId);
        await QuitAsync(client);
        return true;
    }

    /// <summary>
    /// The server has accepted the message; a failing goodbye must not make the caller send it a second time.
    /// </summary>
    private async Task QuitAsync(SmtpClient client)
    {
        try
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogQuitFailed(logger, exception);
        }
    }

    private MimeMessage Build(EmailMessage message, SmtpOptions settings)
    {
        var from = Address(settings.FromName, settings.FromAddress, "Smtp:FromAddress");
        var to = Address(message.ToName, message.ToAddress, nameof(EmailMessage.ToAddress));
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            // The office's own time zone, so the raw header reads as the recipient's clock does.
            Date = TimeZoneInfo.ConvertTime(time.GetUtcNow(), clock.Zone),
            MessageId = MimeUtils.GenerateMessageId(from.Domain),
            Body = body.ToMessageBody(),
        };
        mime.From.Add(from);
        mime.To.Add(to);
        // RFC 3834: tells out-of-office responders and mailing lists that no one is waiting for a reply.
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        return mime;
    }

    private static MailboxAddress Address(string? name, string address, string what)
    {
        if (!EmailAddresses.TryParse(address, out var parsed))
        {
            throw new ArgumentException($"{what} \"{address}\" is not an e-mail address.");
        }

        // MimeKit writes non-ASCII names and subjects as RFC 2047 UTF-8 words, so Chinese survives any server.
        return new MailboxAddress(name, parsed);
    }

    private static SecureSocketOptions Map(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "E-mail is switched off (no Smtp:Host); not sent: {Subject}")]
    private static partial void LogDisabled(ILogger logger, string subject);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The SMTP server accepted the message but the connection did not close cleanly")]
    private static partial void LogQuitFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent e-mail {Subject} to {Address} as {MessageId}")]
    private static partial void LogSent(ILogger logger, string subject, string address, string? messageId);
}
