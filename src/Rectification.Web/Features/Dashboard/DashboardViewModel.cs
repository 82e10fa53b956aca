using Microsoft.AspNetCore.Mvc.Rendering;
using Rectification.Core.Dashboards;

namespace Rectification.Web.Features.Dashboard;

public sealed class DashboardViewModel
{
    public required DashboardData Data { get; init; }


    public IReadOnlyList<SelectListItem> Inspections { get; init; } = [];

    public IReadOnlyList<SelectListItem> Units { get; init; } = [];

    /// <summary>The ranking's order: rate (completion), overdue, total or days (average days to close).</summary>
    public string Sort { get; init; } = "rate";

    public IEnumerable<UnitRow> SortedUnits => Sort switch
    {
        "overdue" => Data.Units.OrderByDescending(u => u.Overdue).ThenBy(u => u.CompletionRate),
        "total" => Data.Units.OrderByDescending(u => u.Total),
        "days" => Data.Units.OrderBy(u => u.AverageDaysToClose ?? double.MaxValue),
        _ => Data.Units,
    };

    /// <summary>The findings list's query values for a figure: the dashboard's own filter plus the figure's.</summary>
    public object ListRoute(object? extra = null)
    {
        var values = new RouteValueDictionary(extra) { ["InspectionId"] = Data.Filter.InspectionId };
        if (!values.ContainsKey("UnitId"))
        {
            values["UnitId"] = Data.FocusUnitId;
        }

        return values;
    }
}
