using System.Text.RegularExpressions;
using Rectification.Core.Notifications;

namespace Rectification.UnitTests;

/// <summary>Every notification e-mail, in both languages, says what happened to which finding, by when, and links to it.</summary>
public sealed partial class EmailTemplatesTests
{
    private static readonly Uri s_link = new("https://rectify.jiaxiang.example.cn/Findings/Details/42");

    private static readonly EmailTemplateData s_chinese = new()
    {
        RecipientName = "王五",
        FindingTitle = "学校食堂“三净”管理不到位",
        InspectionTitle = "县委第三巡察组对县教育和体育局党组的巡察",
        UnitName = "嘉祥街道教办",
        Deadline = new DateOnly(2023, 5, 9),
        Link = s_link,
        DaysOverdue = 3,
        Reason = "佐证材料不足,缺少整改前后对比照片。",
        Message = "请于本周内完成整改并报送佐证材料。",
        ExpectedDate = new DateOnly(2023, 5, 20),
    };

    private static readonly EmailTemplateData s_english = s_chinese with
    {
        RecipientName = "Wang Wu",
        FindingTitle = "Canteen hygiene not kept up",
        InspectionTitle = "Third inspection of the education bureau",
        UnitName = "Jiaxiang subdistrict education office",
        Reason = "Not enough evidence; before and after photos are missing.",
        Message = "Finish the rectification this week and send the evidence.",
    };

    public static TheoryData<string> Kinds => ["FindingAssigned", "DueSoon", "Overdue", "Returned", "Approved", "Urged", "ExtensionApproved", "ExtensionRejected"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_chinese_e_mail_names_the_finding_its_deadline_and_links_to_it(string kind)
    {
        var mail = Render(kind, s_chinese, EmailLanguage.Chinese);

        Assert.StartsWith("【巡察整改】", mail.Subject, StringComparison.Ordinal);
        Assert.Contains(s_chinese.FindingTitle!, mail.Subject, StringComparison.Ordinal);
        foreach (var body in new[] { mail.TextBody, mail.HtmlBody })
        {
            Assert.Contains("王五", body, StringComparison.Ordinal);
            Assert.Contains(s_chinese.FindingTitle!, body, StringComparison.Ordinal);
            Assert.Contains(s_chinese.InspectionTitle!, body, StringComparison.Ordinal);
            Assert.Contains("嘉祥街道教办", body, StringComparison.Ordinal);
            Assert.Contains("2023年5月9日", body, StringComparison.Ordinal);
            Assert.Contains(s_link.AbsoluteUri, body, StringComparison.Ordinal);
        }

        Assert.Contains("<html lang=\"zh-CN\">", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{s_link.AbsoluteUri}\">", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void An_english_e_mail_is_english_throughout(string kind)
    {
        var mail = Render(kind, s_english, EmailLanguage.English);

        Assert.StartsWith("[Rectification] ", mail.Subject, StringComparison.Ordinal);
        Assert.Contains(s_english.FindingTitle!, mail.Subject, StringComparison.Ordinal);
        foreach (var body in new[] { mail.TextBody, mail.HtmlBody })
        {
            Assert.Contains("Dear Wang Wu,", body, StringComparison.Ordinal);
            Assert.Contains(s_english.FindingTitle!, body, StringComparison.Ordinal);
            Assert.Contains("9 May 2023", body, StringComparison.Ordinal);
            Assert.Contains(s_link.AbsoluteUri, body, StringComparison.Ordinal);
        }

        Assert.Contains("<html lang=\"en\">", mail.HtmlBody, StringComparison.Ordinal);
        // With English data, any Chinese left would be wording the template forgot to translate.
        Assert.DoesNotMatch(Cjk(), mail.Subject + mail.TextBody + mail.HtmlBody);
    }

    [Theory]
    [InlineData(EmailLanguage.Chinese, "已超期3天", "2023年5月9日")]
    [InlineData(EmailLanguage.English, "Overdue by 3 days", "9 May 2023")]
    public void Overdue_says_by_how_many_days(EmailLanguage language, string subject, string deadline)
    {
        var mail = EmailTemplates.Overdue(Data(language), language);

        Assert.Contains(subject, mail.Subject, StringComparison.Ordinal);
        Assert.Contains(deadline, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("1 day:", EmailTemplates.Overdue(s_english with { DaysOverdue = 1 }, EmailLanguage.English).Subject, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EmailLanguage.Chinese, "退回理由:")]
    [InlineData(EmailLanguage.English, "Reason for return: ")]
    public void A_return_gives_the_reason(EmailLanguage language, string label)
    {
        var data = Data(language);
        var mail = EmailTemplates.Returned(data, language);

        Assert.Contains(label + data.Reason, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(data.Reason!, mail.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EmailLanguage.Chinese, "督办意见:", "2023年5月20日")]
    [InlineData(EmailLanguage.English, "Message: ", "20 May 2023")]
    public void An_urging_gives_the_message_and_the_expected_date(EmailLanguage language, string label, string expected)
    {
        var data = Data(language);
        var mail = EmailTemplates.Urged(data, language);

        Assert.Contains(label + data.Message, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(expected, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(expected, mail.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EmailLanguage.Chinese, "督办:嘉祥街道教办", "嘉祥街道教办的巡察整改工作被督办")]
    [InlineData(EmailLanguage.English, "Urged: Jiaxiang subdistrict education office", "The rectification work of Jiaxiang subdistrict education office is being urged.")]
    public void A_whole_unit_can_be_urged(EmailLanguage language, string subject, string text)
    {
        var mail = EmailTemplates.Urged(Data(language) with { FindingTitle = null, Deadline = null }, language);

        Assert.EndsWith(subject, mail.Subject, StringComparison.Ordinal);
        Assert.Contains(text, mail.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EmailLanguage.Chinese, "整改时限调整为2023年5月9日", "驳回理由:")]
    [InlineData(EmailLanguage.English, "the new deadline is 9 May 2023", "Reason: ")]
    public void An_extension_decision_gives_the_new_deadline_or_the_reason(EmailLanguage language, string approvedText, string reasonLabel)
    {
        var data = Data(language);
        var approved = EmailTemplates.ExtensionDecided(data, approved: true, language);
        var rejected = EmailTemplates.ExtensionDecided(data, approved: false, language);

        Assert.Contains(approvedText, approved.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(data.Reason!, approved.TextBody, StringComparison.Ordinal);
        Assert.Contains(reasonLabel + data.Reason, rejected.TextBody, StringComparison.Ordinal);
        Assert.NotEqual(approved.Subject, rejected.Subject);
    }

    [Fact]
    public void Html_carries_every_value_as_text_only()
    {
        var data = s_chinese with
        {
            FindingTitle = "<script>alert('x')</script>食堂",
            RecipientName = "王五 & <b>赵六</b>",
            Reason = "第一行 \"引号\"\n第二行 <img src=x onerror=alert(1)>",
            Link = new Uri("https://rectify.example.cn/Findings/Details/42?from=mail&x=\"1\""),
        };

        var mail = EmailTemplates.Returned(data, EmailLanguage.Chinese);

        Assert.DoesNotContain("<script>", mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("王五 &amp; &lt;b&gt;赵六&lt;/b&gt;", mail.HtmlBody, StringComparison.Ordinal);
        // The reason keeps its line break in HTML too.
        Assert.Contains("<br>第二行", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://rectify.example.cn/Findings/Details/42?from=mail&amp;x=%221%22\"", mail.HtmlBody, StringComparison.Ordinal);
        // Plain text is not HTML: it keeps the title as written.
        Assert.Contains("<script>alert('x')</script>食堂", mail.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Html_is_self_contained(string kind)
    {
        var html = Render(kind, s_chinese, EmailLanguage.Chinese).HtmlBody;

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(ExternalResource(), html);
        Assert.Single(Regex.Matches(html, "https?://"));
    }

    [Fact]
    public void A_title_with_line_breaks_makes_a_one_line_subject()
    {
        var mail = EmailTemplates.FindingAssigned(s_chinese with { FindingTitle = "  食堂管理\r\n  不规范  " });

        Assert.Equal("【巡察整改】新交办问题:食堂管理 不规范", mail.Subject);
    }

    [Fact]
    public void Chinese_is_the_default_language()
    {
        Assert.Equal(EmailTemplates.Approved(s_chinese, EmailLanguage.Chinese), EmailTemplates.Approved(s_chinese));
        Assert.Equal(EmailLanguage.English, EmailTemplates.LanguageFor("en"));
        Assert.Equal(EmailLanguage.English, EmailTemplates.LanguageFor("en-GB"));
        Assert.Equal(EmailLanguage.Chinese, EmailTemplates.LanguageFor("zh-CN"));
        Assert.Equal(EmailLanguage.Chinese, EmailTemplates.LanguageFor(null));
        Assert.Equal(EmailLanguage.Chinese, EmailTemplates.LanguageFor("eng"));
    }

    [Fact]
    public void A_template_refuses_data_it_cannot_write()
    {
        Assert.Throws<ArgumentException>(() => EmailTemplates.Returned(s_chinese with { Reason = " " }));
        Assert.Throws<ArgumentException>(() => EmailTemplates.Urged(s_chinese with { Message = null }));
        Assert.Throws<ArgumentException>(() => EmailTemplates.DueSoon(s_chinese with { Deadline = null }));
        Assert.Throws<ArgumentException>(() => EmailTemplates.Overdue(s_chinese with { DaysOverdue = 0 }));
        Assert.Throws<ArgumentException>(() => EmailTemplates.ExtensionDecided(s_chinese with { Deadline = null }, approved: true));
        Assert.Throws<ArgumentException>(() => EmailTemplates.ExtensionDecided(s_chinese with { Reason = null }, approved: false));
        Assert.Throws<ArgumentException>(() => EmailTemplates.Approved(s_chinese with { FindingTitle = "" }));
        Assert.Throws<ArgumentException>(() => EmailTemplates.Approved(s_chinese with { Link = new Uri("/Findings/Details/42", UriKind.Relative) }));
        Assert.Throws<ArgumentException>(() => EmailTemplates.Approved(s_chinese with { Link = new Uri("javascript:alert(1)") }));
    }

    [Fact]
    public void Content_addresses_a_message()
    {
        var mail = EmailTemplates.Approved(s_chinese);

        var message = mail.To("wang.wu@example.cn", "王五");

        Assert.Equal(new EmailMessage("wang.wu@example.cn", "王五", mail.Subject, mail.TextBody, mail.HtmlBody), message);
    }

    private static EmailTemplateData Data(EmailLanguage language) => language == EmailLanguage.English ? s_english : s_chinese;

    private static EmailContent Render(string kind, EmailTemplateData data, EmailLanguage language) => kind switch
    {
        "FindingAssigned" => EmailTemplates.FindingAssigned(data, language),
        "DueSoon" => EmailTemplates.DueSoon(data, language),
        "Overdue" => EmailTemplates.Overdue(data, language),
        "Returned" => EmailTemplates.Returned(data, language),
        "Approved" => EmailTemplates.Approved(data, language),
        "Urged" => EmailTemplates.Urged(data, language),
        "ExtensionApproved" => EmailTemplates.ExtensionDecided(data, approved: true, language),
        "ExtensionRejected" => EmailTemplates.ExtensionDecided(data, approved: false, language),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    [GeneratedRegex(@"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"<(img|link|style|script|iframe)\b|src=|url\(", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalResource();
}
