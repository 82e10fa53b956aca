using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Rectification.Core.Authorization;
using Rectification.Core.Notifications.GroupRobots;
using Rectification.Core.Scoping;
using Rectification.Core.Units;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.GroupRobots;

/// <summary>A unit's 企业微信 / 钉钉 group robot (id is the unit's). Another unit's is not found.</summary>
[Authorize(Policies.ManageGroupRobots)]
[AuditTarget(typeof(OrgUnit))]
public sealed class GroupRobotsController(GroupRobotService robots, IStringLocalizer<SharedResource> localizer, DisplayFormatter format)
    : AppController(format)
{
    /// <summary>The administrator's overview of every robot; anyone else goes straight to their own unit's.</summary>
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var scope = ScopeClaims.ToScope(User);
        if (!scope.IsAdmin)
        {
            return scope.UnitId is { } unitId ? RedirectToAction(nameof(Edit), new { id = unitId }) : NotFound();
        }

        return View(await robots.ListAsync(cancellationToken));
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var settings = await robots.GetAsync(id, cancellationToken);
        return settings is null
            ? NotFound()
            : View(new GroupRobotViewModel { Settings = settings, Input = new GroupRobotInput { Platform = settings.Platform } });
    }

    [HttpPost]
    public async Task<IActionResult> Edit(int id, [Bind(Prefix = "Input")] GroupRobotInput input, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await robots.SaveAsync(id, input, cancellationToken);
            if (Refusal(result) is { } refusal)
            {
                return refusal;
            }

            if (result.Succeeded)
            {
                Flash(localizer["群机器人已保存。"]);
                return RedirectToAction(nameof(Edit), new { id });
            }

            AddToModelState(result, "Input.");
        }

        var settings = await robots.GetAsync(id, cancellationToken);
        if (settings is null)
        {
            return NotFound();
        }

        // What was typed into the secret fields is never sent back to the browser (their errors stay).
        ModelState.SetModelValue("Input.Address", null, null);
        ModelState.SetModelValue("Input.Secret", null, null);
        return View(new GroupRobotViewModel { Settings = settings, Input = new GroupRobotInput { Platform = input.Platform } });
    }

    [HttpPost]
    public async Task<IActionResult> Remove(int id, CancellationToken cancellationToken)
    {
        var result = await robots.RemoveAsync(id, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        Flash(localizer["群机器人已删除。"]);
        return RedirectToAction(nameof(Edit), new { id });
    }

    [HttpPost]
    public async Task<IActionResult> Test(int id, CancellationToken cancellationToken)
    {
        var result = await robots.SendTestAsync(id, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (result.Succeeded)
        {
            Flash(localizer["测试消息已发送。"]);
        }
        else
        {
            FlashError(Format.Message(result));
        }

        return RedirectToAction(nameof(Edit), new { id });
    }
}
