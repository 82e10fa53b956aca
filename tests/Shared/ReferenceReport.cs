namespace Rectification.Tests.Shared;

/// <summary>
/// The published report the app must reproduce, docs/reference/rectification-report-jiaxiang-2023.txt, in the
/// repository so tests run anywhere. One paragraph per line: the title, the web page's metadata ("- " lines), the
/// opening, the three sections under their headings, the contact line, the signature and the date.
/// </summary>
public sealed class ReferenceReport
{
    public const string RelativePath = "docs/reference/rectification-report-jiaxiang-2023.txt";

    private const string ProgressHeading = "一、整改工作进展情况";
    private const string FeedbackHeading = "二、县委巡察组反馈意见整改落实情况";
    private const string PlansHeading = "三、今后整改工作打算";

    private ReferenceReport(IReadOnlyList<string> lines)
    {
        Title = lines[0];
        Body = lines.Skip(1).SkipWhile(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();
        Opening = Body[0];
        Progress = Between(ProgressHeading, FeedbackHeading);
        Feedback = Between(FeedbackHeading, PlansHeading);
        Plans = Body.SkipWhile(l => l != PlansHeading).Skip(1).SkipLast(3).ToList();
        ContactLine = Body[^3];
        Signature = Body[^2];
        Date = Body[^1];
    }

    public static ReferenceReport Load { get; } = new(ReadLines());

    public string Title { get; }

    /// <summary>Every paragraph after the title and metadata, headings included, in order: the document's text.</summary>
    public IReadOnlyList<string> Body { get; }

    public string Opening { get; }

    /// <summary>Section 一's paragraphs, without its heading.</summary>
    public IReadOnlyList<string> Progress { get; }

    /// <summary>Section 二's paragraphs (category sub-headings and 一是… paragraphs), without its heading.</summary>
    public IReadOnlyList<string> Feedback { get; }

    /// <summary>Section 三's paragraphs, without its heading.</summary>
    public IReadOnlyList<string> Plans { get; }

    public string ContactLine { get; }

    public string Signature { get; }

    public string Date { get; }

    public static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Rectification.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Rectification.sln not found above the test output.");
    }

    private static List<string> ReadLines() =>
        File.ReadAllText(Path.Combine(FindRoot(), RelativePath)).ReplaceLineEndings("\n").Split('\n')
            .Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    private List<string> Between(string start, string end) =>
        Body.SkipWhile(l => l != start).Skip(1).TakeWhile(l => l != end).ToList();
}
