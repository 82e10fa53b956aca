using System.Linq.Expressions;

namespace Rectification.Core.Common;

/// <summary>
/// Skip and Take whose counts stay SQL parameters inside a subquery. At the top of a query EF Core turns them into
/// parameters; nested in another query (a page's ids joined back to its rows) it writes them into the SQL as numbers,
/// so every other offset was a new query to translate and compile — hundreds a minute on a busy list. Reading the
/// counts from an object's properties makes them parameters wherever the query ends up.
/// </summary>
public static class QueryWindow
{
    public static IQueryable<T> Window<T>(this IQueryable<T> query, int skip, int take)
    {
        var window = new Counts(skip, take);
        var counts = Expression.Constant(window);
        var skipped = Expression.Call(typeof(Queryable), nameof(Queryable.Skip), [typeof(T)],
            query.Expression, Expression.Property(counts, nameof(Counts.Skip)));
        var taken = Expression.Call(typeof(Queryable), nameof(Queryable.Take), [typeof(T)],
            skipped, Expression.Property(counts, nameof(Counts.Take)));
        return query.Provider.CreateQuery<T>(taken);
    }

    private sealed record Counts(int Skip, int Take);
}
