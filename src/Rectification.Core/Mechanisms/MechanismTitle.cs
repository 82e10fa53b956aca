namespace Rectification.Core.Mechanisms;

/// <summary>
/// A document's title is stored without its book-title marks and always shown with them, so that 《关于…的通知》 and
/// 关于…的通知 typed by two people are the same title.
/// </summary>
public static class MechanismTitle
{
    private const char Open = '《';
    private const char Close = '》';

    /// <summary>The title as stored: trimmed, without one pair of surrounding 《》.</summary>
    public static string Normalise(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var trimmed = title.Trim();
        return trimmed.Length >= 2 && trimmed[0] == Open && trimmed[^1] == Close
            ? trimmed[1..^1].Trim()
            : trimmed;
    }

    /// <summary>The title as shown: 《关于进一步加强师德师风建设的实施方案》.</summary>
    public static string Display(string title) => $"{Open}{title}{Close}";
}
