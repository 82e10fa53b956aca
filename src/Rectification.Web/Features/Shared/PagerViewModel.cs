namespace Rectification.Web.Features.Shared;

/// <summary>Page links for any paged list; <see cref="UrlFor"/> keeps the list's other query values.</summary>
public sealed record PagerViewModel(int Page, int PageCount, int TotalCount, Func<int, string> UrlFor)
{
    /// <summary>First, last and the pages around the current one; null marks a gap.</summary>
    public IEnumerable<int?> VisiblePages()
    {
        int? previous = null;
        for (var page = 1; page <= PageCount; page++)
        {
            if (page == 1 || page == PageCount || Math.Abs(page - Page) <= 2)
            {
                if (previous is { } p && page - p > 1)
                {
                    yield return null;
                }

                yield return page;
                previous = page;
            }
        }
    }
}
