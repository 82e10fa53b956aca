using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Rectification.Core.Dashboards;
using Rectification.Core.Inspections;
using Rectification.Core.Scoping;
using Rectification.Core.Units;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Dashboard;

/// <summary>进展看板: where rectification stands in the user's scope, overall or for one inspection.</summary>
[AuditTarget(typeof(Inspection), nameof(DashboardFilter.InspectionId))]
[AuditTarget(typeof(OrgUnit), nameof(DashboardFilter.UnitId))]
public sealed class DashboardController(
    DashboardService dashboards, UnitService units, DisplayFormatter format) : AppController(format)
{
    public async Task<IActionResult> Index(DashboardFilter filter, string? sort, CancellationToken cancellationToken)
    {
        var data = await dashboards.GetAsync(filter, User, cancellationToken);
        if (data is null)
        {
            return NotFound();
        }

        var unitOptions = await units.GetFilterOptionsAsync(ScopeClaims.ToScope(User), data.FocusUnitId, cancellationToken);
        return View(new DashboardViewModel
        {
            Data = data,
            Sort = sort ?? "rate",
            Inspections = data.Inspections.Select(i => new SelectListItem(i.Title, i.Id.ToString(CultureInfo.InvariantCulture))).Selecting(filter.InspectionId),
            Units = SelectListItems.ForUnits(unitOptions).Selecting(data.FocusUnitId),
        });
    }
}
