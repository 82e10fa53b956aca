using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rectification.Core.Accounts;

namespace Rectification.IntegrationTests.Infrastructure;

/// <summary>The demo's mechanisms and report, and extra accounts the report and mechanism tests act with.</summary>
public static class ReportData
{
    /// <summary>Issued by the bureau, linked to findings of unit A, unit B and the bureau (师德).</summary>
    public const string EthicsPlan = "关于进一步加强师德师风建设的实施方案";

    /// <summary>Issued by unit A itself, linked to one finding of unit A only.</summary>
    public const string AbsenceRules = "嘉祥街道教职工外出报备管理制度";

    /// <summary>Issued by the bureau, linked to one finding of unit B only.</summary>
    public const string TutoringRules = "校外培训机构网格化管理办法";

    public static Task<int> MechanismIdAsync(this AppFactory app, string title) =>
        app.WithDatabaseAsync(db => db.Mechanisms.Where(m => m.Title == title).Select(m => m.Id).SingleAsync());

    public static Task<int> DocumentIdAsync(this AppFactory app, int mechanismId) =>
        app.WithDatabaseAsync(db => db.MechanismDocuments.Where(d => d.MechanismId == mechanismId).OrderByDescending(d => d.Number).Select(d => d.Id).FirstAsync());

    /// <summary>The demo inspection's report (a draft after seeding).</summary>
    public static async Task<int> ReportIdAsync(this AppFactory app)
    {
        var inspectionId = await app.InspectionIdAsync();
        return await app.WithDatabaseAsync(db => db.PublicReports.Where(r => r.InspectionId == inspectionId).Select(r => r.Id).SingleAsync());
    }

    public static Task<string> ReportSlugAsync(this AppFactory app, int reportId) =>
        app.WithDatabaseAsync(db => db.PublicReports.Where(r => r.Id == reportId).Select(r => r.Slug).SingleAsync());

    /// <summary>An account of <paramref name="role"/> in the unit <paramref name="unitCode"/>, password <see cref="Demo.Password"/>.</summary>
    public static async Task CreateUserAsync(this AppFactory app, string userName, string unitCode, string role)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, DisplayName = userName, UnitId = await app.UnitIdAsync(unitCode) };
        Assert.True((await users.CreateAsync(user, Demo.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }

    /// <summary>Publishes the report through its page, as the inspection office does.</summary>
    public static async Task PublishAsync(this AppClient office, int reportId)
    {
        var page = await office.GetPageAsync($"/Reports/Details/{reportId}");
        var response = await office.SubmitAsync(page, $"form[action='/Reports/Publish/{reportId}']");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
    }
}
