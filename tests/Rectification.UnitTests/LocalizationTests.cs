using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Rectification.UnitTests;

/// <summary>
/// English is complete: every Chinese text of the interface (a key of the one resource file) has its English,
/// with the same placeholders, and no view writes Chinese outside the localiser. The same rules drive
/// scripts/localization-keys.py, which lists what is missing.
/// </summary>
public sealed partial class LocalizationTests
{
    private static readonly string s_root = FindRoot();

    // Files whose Chinese is data (names, numerals, default records), not interface text.
    private static readonly string[] s_dataFiles =
    [
        "src/Rectification.Core/Text/ChineseNumerals.cs",
        "src/Rectification.Core/Text/ChineseDates.cs",
        "src/Rectification.Core/Inspections/StandardCategories.cs",
        "src/Rectification.Core/Data/DatabaseInitializer.cs",
        "src/Rectification.Core/Scoping/UserScope.cs",
        "src/Rectification.Core/Reports/ReportDocxWriter.cs",
        // E-mails are written outside any request's culture, so each template carries its Chinese and its English.
        "src/Rectification.Core/Notifications/EmailTemplates.cs",
        "src/Rectification.Core/Notifications/EmailTemplates.FollowUps.cs",

        // The 通报's own fixed wording (headings, opening, contact line): the Chinese document, in every UI language.
        "src/Rectification.Core/Reports/ReportWording.cs",
        "src/Rectification.Core/Ledger/LedgerColumns.cs",
        "src/Rectification.Core/Ledger/LedgerTemplate.cs",

        // The 整改档案's contents (file and folder names, the manifest, each finding's summary): a Chinese record.
        "src/Rectification.Core/Archive/ArchiveService.cs",
        "src/Rectification.Core/Archive/ArchiveSummary.cs",
        // The sample feedback document: a Chinese document in every UI language.
        "src/Rectification.Core/Ledger/Word/FeedbackSample.cs",
    ];

    [Fact]
    public void Every_interface_text_has_an_english_translation()
    {
        var english = EnglishResources();
        var missing = InterfaceKeys().Where(k => !english.ContainsKey(k.Key)).Select(k => $"{k.Key}  ({k.Value})").ToList();

        Assert.True(missing.Count == 0, "Missing from SharedResource.en.resx:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Translations_keep_their_placeholders()
    {
        var wrong = EnglishResources()
            .Where(r => !Placeholders(r.Key).SequenceEqual(Placeholders(r.Value)))
            .Select(r => r.Key)
            .ToList();

        Assert.True(wrong.Count == 0, "Placeholders differ:\n" + string.Join('\n', wrong));
    }

    [Fact]
    public void Views_write_chinese_only_through_the_localiser()
    {
        var offenders = new List<string>();
        foreach (var view in Directory.EnumerateFiles(Path.Combine(s_root, "src/Rectification.Web"), "*.cshtml", SearchOption.AllDirectories))
        {
            var text = RazorComment().Replace(File.ReadAllText(view), string.Empty);
            text = ViewKey().Replace(text, string.Empty);
            // A language's own name, marked with its lang attribute, is meant to stay as it is.
            text = OwnLanguageName().Replace(text, string.Empty);
            offenders.AddRange(text.Split('\n').Where(line => Cjk().IsMatch(line)).Select(line => $"{Path.GetFileName(view)}: {line.Trim()}"));
        }

        Assert.True(offenders.Count == 0, "Untranslatable text in views:\n" + string.Join('\n', offenders));
    }

    private static Dictionary<string, string> InterfaceKeys()
    {
        var keys = new Dictionary<string, string>();
        foreach (var project in new[] { "src/Rectification.Core", "src/Rectification.Web" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(s_root, project), "*.*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(s_root, file).Replace('\\', '/');
                if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal)
                    || relative.Contains("/Demo/", StringComparison.Ordinal) || s_dataFiles.Contains(relative))
                {
                    continue;
                }

                var source = File.ReadAllText(file);
                var literals = file.EndsWith(".cs", StringComparison.Ordinal)
                    ? Literal().Matches(source).Select(m => m.Groups[1].Value).Where(l => Cjk().IsMatch(l))
                    : file.EndsWith(".cshtml", StringComparison.Ordinal)
                        ? ViewKey().Matches(source).Select(m => m.Groups[1].Value)
                        : [];
                foreach (var literal in literals)
                {
                    keys.TryAdd(literal, relative);
                }
            }
        }

        Assert.NotEmpty(keys);
        return keys;
    }

    private static Dictionary<string, string> EnglishResources() =>
        XDocument.Load(Path.Combine(s_root, "src/Rectification.Web/Resources/SharedResource.en.resx"))
            .Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    private static IEnumerable<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Rectification.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Rectification.sln not found above the test output.");
    }

    [GeneratedRegex(@"(?<![$@])""((?:[^""\\\n]|\\.)*)""")]
    private static partial Regex Literal();

    [GeneratedRegex(@"L\[""((?:[^""\\\n]|\\.)*)""")]
    private static partial Regex ViewKey();

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    [GeneratedRegex(@"lang=""zh-CN"">[^<]*<")]
    private static partial Regex OwnLanguageName();

    [GeneratedRegex(@"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"\{\d+(?:[:,][^}]*)?\}")]
    private static partial Regex Placeholder();
}
