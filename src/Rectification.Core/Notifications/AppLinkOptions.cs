namespace Rectification.Core.Notifications;

/// <summary>Where the app is reached from users' browsers; e-mails link back to it.</summary>
public sealed class AppLinkOptions
{
    public const string Section = "App";

    /// <summary>The public base address, e.g. https://zhenggai.example.gov.cn/ (behind the reverse proxy).</summary>
    public string BaseUrl { get; set; } = "http://localhost:5080/";

    public Uri Link(string path) => new(new Uri(BaseUrl.EndsWith('/') ? BaseUrl : BaseUrl + "/"), path.TrimStart('/'));
}
