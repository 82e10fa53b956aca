using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Rectification.Core.Units;

namespace Rectification.Web.Infrastructure;

public static class SelectListItems
{
    /// <summary>A unit picker's options in tree order, indented by depth with ideographic spaces (kept by the browser, unlike plain ones).</summary>
    public static List<SelectListItem> ForUnits(IEnumerable<UnitOption> units) =>
        units.Select(u => new SelectListItem(new string('\u3000', u.Depth) + u.Name, u.Id.ToString(CultureInfo.InvariantCulture))).ToList();

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

    /// <summary>
    /// The options as HTML, for the filter forms of the list and the dashboard, which every user opens all day: the
    /// select tag helper builds a tag per option through the HTML generator, and these pickers hold hundreds.
    /// </summary>
    public static IHtmlContent ToOptions(this IEnumerable<SelectListItem> items)
    {
        var html = new HtmlContentBuilder();
        foreach (var item in items)
        {
            html.AppendHtml("<option value=\"").Append(item.Value).AppendHtml(item.Selected ? "\" selected>" : "\">")
                .Append(item.Text).AppendHtml("</option>");
        }

        return html;
    }
}
