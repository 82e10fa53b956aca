namespace Rectification.Core.Notifications;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>STARTTLS when the server offers it, plain otherwise: works with most servers as they come.</summary>
    StartTlsWhenAvailable,

    /// <summary>Never encrypt; for a relay on the same host or a trusted network only.</summary>
    None,

    /// <summary>Require STARTTLS; fail when the server does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (implicit TLS, usually port 465).</summary>
    SslOnConnect,
}

public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public const string DefaultFromName = "巡察整改管理系统";

    /// <summary>The SMTP server's host name. Empty switches e-mail off: nothing is sent and nothing is connected to.</summary>
    public string Host { get; set; } = string.Empty;

    public int Port { get; set; } = 25;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTlsWhenAvailable;

    /// <summary>Signs in with this user name when set; many internal relays accept mail without.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender's address; required when <see cref="Host"/> is set.</summary>
    public string FromAddress { get; set; } = string.Empty;

    public string FromName { get; set; } = DefaultFromName;

    /// <summary>Longest wait for any one step (connect, a command, the message) before giving up.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Host);
}
