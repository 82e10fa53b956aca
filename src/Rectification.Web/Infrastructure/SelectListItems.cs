using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Rectification.Web.Infrastructure;

public static class SelectListItems
{
    /// <summary>
    /// Marks the option of the value the page was asked for, so a filter form shows the filter in force (the pickers
    /// are bound by name from the query string, not through <c>asp-for</c>, so nothing else marks it).
    /// </summary>
    public static List<SelectListItem> Selecting(this IEnumerable<SelectListItem> items, object? value)
    {
        var selected = Convert.ToString(value, CultureInfo.InvariantCulture);
        var list = items.ToList();
        foreach (var item in list)
        {
            item.Selected = selected is not null && item.Value == selected;
        }

        return list;
    }
}
