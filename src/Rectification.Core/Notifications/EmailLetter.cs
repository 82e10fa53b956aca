using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Rectification.Core.Notifications;

/// <summary>
/// The shape every notification e-mail shares, rendered once as plain text and once as HTML so the two always
/// say the same. Labels arrive with their colon, in the letter's language.
/// </summary>
internal sealed record EmailLetter(
    EmailLanguage Language,
    string Subject,
    string Greeting,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<(string Label, string Value)> Notes,
    IReadOnlyList<(string Label, string Value)> Details,
    string LinkText,
    Uri Link,
    string Footer)
{
    // HtmlEncoder.Default would turn every Chinese character into an entity; markup characters are encoded either way.
    private static readonly HtmlEncoder s_html = HtmlEncoder.Create(UnicodeRanges.All);

    public EmailContent Render() => new(Subject, Text(), Html());

    private string Text()
    {
        var text = new StringBuilder();
        text.Append(Greeting).Append("\n\n");
        foreach (var paragraph in Paragraphs)
        {
            text.Append(paragraph).Append("\n\n");
        }

        foreach (var (label, value) in Notes)
        {
            text.Append(label).Append(value).Append("\n\n");
        }

        foreach (var (label, value) in Details)
        {
            text.Append(label).Append(value).Append('\n');
        }

        text.Append('\n').Append(LinkText).Append(Link.AbsoluteUri).Append("\n\n");
        text.Append(Footer).Append('\n');
        return text.ToString();
    }

    private string Html()
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(Language == EmailLanguage.English ? "en" : "zh-CN").Append("\">\n");
        html.Append("<head><meta charset=\"utf-8\"><title>").Append(Encode(Subject)).Append("</title></head>\n<body>\n");
        html.Append("<p>").Append(Encode(Greeting)).Append("</p>\n");
        foreach (var paragraph in Paragraphs)
        {
            html.Append("<p>").Append(Encode(paragraph)).Append("</p>\n");
        }

        foreach (var (label, value) in Notes)
        {
            html.Append("<p><strong>").Append(Encode(label)).Append("</strong>").Append(Encode(value)).Append("</p>\n");
        }

        html.Append("<table>\n");
        foreach (var (label, value) in Details)
        {
            html.Append("<tr><th align=\"left\" valign=\"top\">").Append(Encode(label)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
        html.Append("<p><a href=\"").Append(s_html.Encode(Link.AbsoluteUri)).Append("\">").Append(Encode(LinkText.TrimEnd(' ', ':', '\uff1a'))).Append("</a></p>\n");
        html.Append("<p>").Append(Encode(Footer)).Append("</p>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Encodes each line and keeps the writer's line breaks, which HTML would otherwise fold away.</summary>
    private static string Encode(string value) =>
        string.Join("<br>", value.ReplaceLineEndings("\n").Split('\n').Select(s_html.Encode));
}
