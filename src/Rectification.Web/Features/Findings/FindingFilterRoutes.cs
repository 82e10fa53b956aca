using System.Globalization;
using Rectification.Core.Findings;

namespace Rectification.Web.Features.Findings;

/// <summary>
/// The findings list's filter as a query string: the pager, the exports and the return from a bulk action all link
/// to the same list this way. Empty and default values are left out, so links stay short.
/// </summary>
public static class FindingFilterRoutes
{
    public static RouteValueDictionary Values(FindingFilter f) => new(new
    {
        f.InspectionId,
        f.CategoryId,
        f.UnitId,
        f.Status,
        f.Kind,
        f.Light,
        UnitExact = f.UnitExact ? true : (bool?)null,
        Overdue = f.Overdue ? true : (bool?)null,
        DueSoon = f.DueSoon ? true : (bool?)null,
        DeadlineFrom = Iso(f.DeadlineFrom),
        DeadlineTo = Iso(f.DeadlineTo),
        ClosedFrom = Iso(f.ClosedFrom),
        ClosedTo = Iso(f.ClosedTo),
        f.Text,
        f.Sort,
        Descending = f.Descending ? true : (bool?)null,
    });

    public static string? Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
