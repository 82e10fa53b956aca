using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// Every validation message is in the user's language: the rules a form page carries for the browser (its
/// <c>data-val-*</c> attributes) and the errors it shows after a post. Every form each role can reach by following
/// links is rendered (<see cref="SiteCrawler"/>) and its HTML scanned, in Chinese and in English; then each form is
/// posted with values that cannot be right, and the errors it shows are scanned the same way.
/// </summary>
public sealed partial class ValidationLanguageTests
{
    public static TheoryData<string> RolesWithForms => new() { "admin", "inspector", "leader", "head.a", "staff.a" };

    [Theory]
    [MemberData(nameof(RolesWithForms))]
    public async Task Every_form_page_carries_its_validation_messages_in_chinese(string userName)
    {
        using var app = new AppFactory();
        using var user = await app.LoginAsync(userName);
        var forms = await FormPagesAsync(app, user);

        var problems = forms.SelectMany(p => Problems(p.Url, p.Document, chinese: true)).ToList();

        Assert.True(forms.Sum(p => ValidationMessages(p.Document).Count()) > 3, $"{userName}: only {forms.Count} form pages with few rules found");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Theory]
    [MemberData(nameof(RolesWithForms))]
    public async Task Every_form_posted_with_wrong_values_answers_in_chinese(string userName)
    {
        using var app = new AppFactory();
        using var user = await app.LoginAsync(userName);
        var (problems, errors) = await PostWrongValuesAsync(app, user, chinese: true);

        Assert.True(errors > 0, $"{userName}: no form showed an error");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task In_english_the_same_forms_speak_english()
    {
        using var app = new AppFactory();
        using var admin = await app.LoginAsync("admin");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/Language/Set", new() { ["culture"] = "en", ["returnUrl"] = "/" })).StatusCode);

        var forms = await FormPagesAsync(app, admin);
        var problems = forms.SelectMany(p => Problems(p.Url, p.Document, chinese: false)).ToList();
        var (posted, errors) = await PostWrongValuesAsync(app, admin, chinese: false);

        Assert.Contains(forms.SelectMany(p => ValidationMessages(p.Document)), m => m.Contains("is required", StringComparison.Ordinal));
        Assert.True(errors > 0, "No form showed an error");
        Assert.True(problems.Count + posted.Count == 0, string.Join('\n', problems.Concat(posted)));
    }

    /// <summary>The pages with a form to post that the user reaches by following links.</summary>
    private static async Task<List<CrawledPage>> FormPagesAsync(AppFactory app, AppClient user)
    {
        var crawl = await SiteCrawler.CrawlAsync(user, await AppActions.DiscoverAsync(app.Services), pagesPerAction: 2);
        return [.. crawl.Pages.Where(p => p.Document.QuerySelectorAll("form[method='post']").Length > 0)];
    }

    /// <summary>
    /// Posts every form of every form page with each field a user fills in (hidden ids, versions and the token kept)
    /// set to a value it cannot take; returns what is not in the language, and how many errors were shown.
    /// </summary>
    private static async Task<(List<string> Problems, int Errors)> PostWrongValuesAsync(AppFactory app, AppClient user, bool chinese)
    {
        var problems = new List<string>();
        var errors = 0;
        foreach (var page in await FormPagesAsync(app, user))
        {
            var forms = page.Document.QuerySelectorAll("form[method='post']").OfType<IHtmlFormElement>()
                .Where(f => f.Enctype != "multipart/form-data" && f.Elements.Any(IsFilledIn));
            foreach (var form in forms)
            {
                var wrong = form.Elements.Where(IsFilledIn).OfType<IElement>()
                    .Select(e => (Name: e.GetAttribute("name")!, Value: WrongValue(e)))
                    .GroupBy(f => f.Name).ToDictionary(g => g.Key, g => (string?)g.First().Value);
                var action = form.GetAttribute("action") ?? page.Url;
                var response = await user.Http.PostAsync(action, new FormUrlEncodedContent(AppClient.FormFields(form, wrong)));
                var answer = await AppClient.ParseAsync(response);
                var shown = answer.Errors();
                errors += shown.Count;
                problems.AddRange(shown.Where(e => !InLanguage(e, chinese)).Select(e => $"POST {action}: error “{e}”"));
                problems.AddRange(Problems($"POST {action}", answer, chinese));
            }
        }

        return (problems, errors);
    }

    /// <summary>A field the user fills in: not hidden, not a button, not the file box (uploads are left out).</summary>
    private static bool IsFilledIn(IElement element) =>
        element.GetAttribute("name") is { Length: > 0 }
        && element switch
        {
            IHtmlInputElement input => input.Type is not ("hidden" or "submit" or "button" or "file" or "radio"),
            IHtmlTextAreaElement or IHtmlSelectElement => true,
            _ => false,
        };

    /// <summary>What a field cannot take: far too long for a text, not a number, not a date, not a choice, not a bool.</summary>
    private static string WrongValue(IElement element) => element switch
    {
        IHtmlInputElement { Type: "number" } => "abc",
        IHtmlInputElement { Type: "date" } => "2026-02-30",
        IHtmlInputElement { Type: "checkbox" } => "maybe",
        IHtmlInputElement { Type: "email" } => "not an address",
        IHtmlSelectElement => "not-a-choice",
        _ => new string('长', 5_000),
    };

    /// <summary>The messages of the rules an element carries for the browser (data-val-required="…", not data-val-length-max).</summary>
    private static IEnumerable<string> ValidationMessages(IHtmlDocument page) =>
        page.All.SelectMany(e => e.Attributes).Where(a => RuleMessage().IsMatch(a.Name)).Select(a => a.Value);

    private static IEnumerable<string> Problems(string where, IHtmlDocument page, bool chinese)
    {
        foreach (var message in ValidationMessages(page).Where(m => !InLanguage(m, chinese)))
        {
            yield return $"{where}: rule “{message}”";
        }

        if (chinese && FrameworkEnglish().Match(page.DocumentElement.OuterHtml) is { Success: true } english)
        {
            yield return $"{where}: “{english.Value}”";
        }
    }

    /// <summary>In the language, leaving out what it quotes (the value typed, which is whatever the user typed).</summary>
    private static bool InLanguage(string text, bool chinese)
    {
        var own = Quoted().Replace(text, string.Empty);
        return chinese ? Chinese().IsMatch(own) && !FrameworkEnglish().IsMatch(own) : !Chinese().IsMatch(own);
    }

    [GeneratedRegex("“[^”]*”|\"[^\"]*\"|'[^']*'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^data-val-[a-z]+$")]
    private static partial Regex RuleMessage();

    [GeneratedRegex(@"[\u3400-\u9fff]")]
    private static partial Regex Chinese();

    /// <summary>The framework's own English messages (DataAnnotations and model binding), as they read untranslated.</summary>
    [GeneratedRegex(@"field is required|The field \S+|must be a number|is not valid|is invalid|must be a string|must be between|A value for the|The value '|is not a valid e-mail|must match", RegexOptions.IgnoreCase)]
    private static partial Regex FrameworkEnglish();
}
