using System.Linq.Expressions;
using Rectification.Core.Common;
using Rectification.Core.Findings;

namespace Rectification.Core.Scoping;

/// <summary>
/// What a user may see, defined once: a unit path within the scope's <see cref="PathRange"/>, and a draft finding only
/// for a scope that sees drafts. The context's query filters, the reads that specialise the condition to the scope
/// (<see cref="Findings"/>), the permission checks and every in-memory check all use these members, so they cannot
/// disagree (Visibility guard tests compare them for every demo user on both databases).
/// </summary>
public static class Visibility
{
    /// <summary>A finding at hand, in memory.</summary>
    public static bool CanSee(UserScope scope, string owningUnitPath, FindingStatus status) =>
        scope.Covers(owningUnitPath) && (scope.SeesDrafts || status != FindingStatus.Draft);

    /// <summary>
    /// The scope rule as a query condition on a unit path: <paramref name="low"/> ≤ path &lt; <paramref name="high"/>.
    /// The bounds are expressions so the context's filters can read them from the context (a parameter per query) and
    /// a read can pass the values of the scope at hand.
    /// </summary>
    public static Expression<Func<T, bool>> PathWithin<T>(Expression<Func<T, string>> path, Expression<Func<string>> low, Expression<Func<string>> high)
    {
        var within = (Expression<Func<string, string, string, bool>>)((p, l, h) => p.CompareTo(l) >= 0 && p.CompareTo(h) < 0);
        var body = new ParameterReplacer(within.Parameters[0], path.Body).Visit(within.Body);
        body = new ParameterReplacer(within.Parameters[1], low.Body).Visit(body);
        body = new ParameterReplacer(within.Parameters[2], high.Body).Visit(body);
        return Expression.Lambda<Func<T, bool>>(body, path.Parameters);
    }

    /// <summary>
    /// Beyond this many findings, the first rows in some order are read by walking an index in that order and checking
    /// the scope on the way, rather than by finding the scope's findings and sorting them all (<see cref="Subtree"/>).
    /// </summary>
    public const int WalkInOrderAbove = 5_000;

    /// <summary>Drafts are the inspection office's working copy.</summary>
    public static Expression<Func<Finding, bool>> NotDraft { get; } = f => f.Status != FindingStatus.Draft;

    /// <summary>
    /// The findings the scope sees, with the condition written for its shape: nothing for a scope that sees
    /// everything, else one range of <see cref="Finding.OwningUnitPath"/> (and no drafts where they are hidden), which
    /// the indexes that lead with the path serve.
    /// </summary>
    /// <remarks>
    /// <c>walkInOrder</c>: the scope holds so many findings that a page is best read by walking an index in the list's
    /// order and checking the path on the way (<see cref="Subtree"/>).
    /// </remarks>
    public static IQueryable<Finding> Findings(IQueryable<Finding> findings, UserScope scope, bool walkInOrder = false)
    {
        if (!scope.SeesDrafts)
        {
            findings = findings.Where(NotDraft);
        }

        if (scope.SeesEverything)
        {
            return findings;
        }

        return scope.OwnUnitOnly
            ? findings.Where(f => f.OwningUnitPath == scope.UnitPath)
            : findings.Where(Subtree(scope.UnitPath, walkInOrder));
    }

    /// <summary>
    /// The findings of a unit's subtree. Written as a range, the path index finds them at once. With
    /// <paramref name="walkInOrder"/> the same condition is written as a comparison of the path's beginning, which no
    /// index serves: SQLite (built without the statistics that would tell it how many paths a range holds) otherwise
    /// takes the path index for a whole province and sorts every finding for a page of twenty, where walking the
    /// list's own index finds them in the first rows. PostgreSQL judges a range from its statistics, but the statements
    /// Npgsql prepares are soon planned once for any parameters (a generic plan), which guesses a range small: the
    /// province's review queue sorted every submitted finding (40 requests/s under load, 373 walking); it walks where the
    /// order's index also holds the read's filters (<see cref="Data.RectificationDbContext.WalksInOrder"/>). SQL Server
    /// plans for the first parameters it sees and is left to judge.
    /// </summary>
    public static Expression<Func<Finding, bool>> Subtree(string unitPath, bool walkInOrder = false)
    {
        if (walkInOrder)
        {
            return f => f.OwningUnitPath.Substring(0, unitPath.Length) == unitPath;
        }

        var range = PathRange.Subtree(unitPath);
        return PathWithin<Finding>(f => f.OwningUnitPath, () => range.Low, () => range.High);
    }
}
