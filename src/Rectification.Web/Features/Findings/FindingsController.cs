using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using Rectification.Core.Accounts;
using Rectification.Core.Authorization;
using Rectification.Core.Common;
using Rectification.Core.Findings;
using Rectification.Core.Inspections;
using Rectification.Core.Mechanisms;
using Rectification.Core.Scoping;
using Rectification.Core.Units;
using Rectification.Core.Visits;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Findings;

[AuditTarget(typeof(Finding))]
[AuditTarget(typeof(Inspection), "inspectionId")]
public sealed class FindingsController(
    FindingQueries queries,
    FindingEditor editor,
    FindingWorkflowService workflow,
    InspectionService inspections,
    MechanismService mechanisms,
    SiteVisitService visits,
    FollowUpQueries followUps,
    UnitService units,
    UserAdminService people,
    FindingPeople findingPeople,
    IStringLocalizer<SharedResource> localizer,
    DisplayFormatter format) : AppController(format)
{
    /// <summary>The ledger: every finding in the user's scope, filtered, sorted and paged.</summary>
    public async Task<IActionResult> Index(FindingFilter filter, CancellationToken cancellationToken)
    {
        var page = await queries.ListAsync(filter, cancellationToken);
        var picker = await inspections.GetPickerAsync(filter.InspectionId, cancellationToken);
        var unitOptions = await units.GetFilterOptionsAsync(ScopeClaims.ToScope(User), filter.UnitId, cancellationToken);
        var f = filter.Normalised();
        return View(new FindingIndexViewModel
        {
            Filter = f,
            Findings = page,
            Problems = f.Problems().Select(p => p switch
            {
                FindingFilterProblem.TextTooLong => localizer["关键词最多{0}个字,请缩短后再查询。", FindingFilter.MaxTextLength].Value,
                FindingFilterProblem.DeadlineRangeReversed => localizer["整改时限的起始日期晚于截止日期,请重新选择。"].Value,
                _ => localizer["销号日期的起始日期晚于截止日期,请重新选择。"].Value,
            }).ToList(),
            Inspections = picker.Options.Select(i => new SelectListItem(i.Title, Id(i.Id))).Selecting(f.InspectionId),
            Categories = picker.SelectedCategories.Select(c => new SelectListItem(DisplayFormatter.CategoryNumber(c.Ordinal) + c.Name, Id(c.Id)))
                .Selecting(f.CategoryId),
            Units = SelectListItems.ForUnits(unitOptions).Selecting(f.UnitId),
            Statuses = Enum.GetValues<FindingStatus>().Select(s => new SelectListItem(Format.Name(s), s.ToString())).Selecting(f.Status),
            Kinds = KindItems().Selecting(f.Kind),
            Lights = Enum.GetValues<Light>().Select(l => new SelectListItem(Format.Name(l), l.ToString())).Selecting(f.Light),
            Sorts = new SelectListItem[]
            {
                new(localizer["按台账顺序"], nameof(FindingSort.Ledger)),
                new(localizer["按整改时限"], nameof(FindingSort.Deadline)),
                new(localizer["按整改状态"], nameof(FindingSort.Status)),
                new(localizer["按责任单位"], nameof(FindingSort.Unit)),
                new(localizer["按更新时间"], nameof(FindingSort.Updated)),
            }.Selecting(f.Sort),
        });
    }

    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var details = await queries.GetDetailsAsync(id, User, cancellationToken);
        if (details is null)
        {
            return NotFound();
        }

        // After a refused status change (TransitionAsync): its reason, and what the user had typed into its form.
        var refused = TempData[RefusedTransition.Key] is string json ? RefusedTransition.Read(json) : null;
        return View(new FindingDetailsViewModel(details, refused?.Action, refused?.Input, refused?.Error)
        {
            Mechanisms = await mechanisms.ForFindingAsync(id, cancellationToken),
            Visits = await visits.ForFindingAsync(id, User, cancellationToken),
            // Only a long-term finding has follow-ups: the others cost no query for them.
            FollowUps = details.Kind == FindingKind.LongTerm ? await followUps.ForFindingAsync(id, cancellationToken) : [],
            MayAnswerFollowUp = FindingPermissions.MayAnswerFollowUp(ScopeClaims.ToScope(User)),
            MayReviewFollowUp = FindingPermissions.MayReviewFollowUp(ScopeClaims.ToScope(User)),
        });
    }

    [HttpGet]
    [Authorize(Policies.ManageInspections)]
    public async Task<IActionResult> Create(int inspectionId, CancellationToken cancellationToken)
    {
        var inspection = await inspections.GetHeaderAsync(inspectionId, User, cancellationToken);
        if (inspection is null)
        {
            return NotFound();
        }

        if (!inspection.CanAddFinding)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var model = new FindingFormViewModel { InspectionId = inspectionId, InspectionTitle = inspection.Title };
        return View("Form", await WithOptionsAsync(model, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policies.ManageInspections)]
    public async Task<IActionResult> Create(int inspectionId, [Bind(Prefix = "Input")] FindingInput input, CancellationToken cancellationToken)
    {
        var inspection = await inspections.GetHeaderAsync(inspectionId, User, cancellationToken);
        if (inspection is null)
        {
            return NotFound();
        }

        var model = new FindingFormViewModel { InspectionId = inspectionId, InspectionTitle = inspection.Title, Input = input };
        if (!ModelState.IsValid)
        {
            return View("Form", await WithOptionsAsync(model, cancellationToken));
        }

        var result = await editor.CreateAsync(inspectionId, input, User, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (!result.Succeeded)
        {
            AddToModelState(result, "Input.");
            return View("Form", await WithOptionsAsync(model, cancellationToken));
        }

        Flash(localizer["问题已登记。确认无误后请点击“交办”,交由责任单位整改。"]);
        return RedirectToAction(nameof(Details), new { id = result.Value });
    }

    [HttpGet]
    [Authorize(Policies.ManageInspections)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var data = await queries.GetForEditAsync(id, cancellationToken);
        if (data is null)
        {
            return NotFound();
        }

        if (!FindingPermissions.IsEditable(data.Status))
        {
            FlashError(localizer["已销号的问题不能修改;如需调整,请先重新打开(回头看)。"]);
            return RedirectToAction(nameof(Details), new { id });
        }

        var model = new FindingFormViewModel
        {
            Id = id,
            InspectionId = data.InspectionId,
            InspectionTitle = data.InspectionTitle,
            Version = data.Version,
            Input = data.Input,
        };
        return View("Form", await WithOptionsAsync(model, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policies.ManageInspections)]
    public async Task<IActionResult> Edit(int id, int version, [Bind(Prefix = "Input")] FindingInput input, CancellationToken cancellationToken)
    {
        var data = await queries.GetForEditAsync(id, cancellationToken);
        if (data is null)
        {
            return NotFound();
        }

        var model = new FindingFormViewModel
        {
            Id = id,
            InspectionId = data.InspectionId,
            InspectionTitle = data.InspectionTitle,
            Version = version,
            Input = input,
        };
        if (!ModelState.IsValid)
        {
            return View("Form", await WithOptionsAsync(model, cancellationToken));
        }

        var result = await editor.UpdateAsync(id, input, version, User, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (!result.Succeeded)
        {
            AddToModelState(result, "Input.");
            await ShowConflictAsync(result, model, async () =>
                await queries.GetForEditAsync(id, cancellationToken) is { } saved ? (saved.Input, saved.Version) : null);
            return View("Form", await WithOptionsAsync(model, cancellationToken));
        }

        Flash(localizer["问题已保存。"]);
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet]
    public async Task<IActionResult> Progress(int id, CancellationToken cancellationToken)
    {
        var data = await queries.GetProgressAsync(id, cancellationToken);
        if (data is null)
        {
            return NotFound();
        }

        if (!FindingPermissions.MayUpdateProgress(ScopeClaims.ToScope(User)))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (!FindingPermissions.AcceptsProgress(data.Status))
        {
            FlashError(localizer["问题当前状态为“{0}”,不能更新整改进展。", Format.Name(data.Status)]);
            return RedirectToAction(nameof(Details), new { id });
        }

        var model = new ProgressViewModel { Id = id, Title = data.Title, Version = data.Version, Input = data.Input };
        return View(await WithPeopleAsync(model, cancellationToken));
    }

    [HttpPost]
    public async Task<IActionResult> Progress(int id, int version, [Bind(Prefix = "Input")] ProgressInput input, CancellationToken cancellationToken)
    {
        var data = await queries.GetProgressAsync(id, cancellationToken);
        if (data is null)
        {
            return NotFound();
        }

        var model = new ProgressViewModel { Id = id, Title = data.Title, Version = version, Input = input };
        if (!ModelState.IsValid)
        {
            return View(await WithPeopleAsync(model, cancellationToken));
        }

        var result = await editor.UpdateProgressAsync(id, input, version, User, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (!result.Succeeded)
        {
            AddToModelState(result, "Input.");
            await ShowConflictAsync(result, model, async () =>
                await queries.GetProgressAsync(id, cancellationToken) is { } saved ? (saved.Input, saved.Version) : null);
            return View(await WithPeopleAsync(model, cancellationToken));
        }

        Flash(localizer["整改进展已保存。"]);
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost]
    public Task<IActionResult> Assign(int id, int version, TransitionInput input, CancellationToken cancellationToken) =>
        TransitionAsync(id, FindingAction.Assign, version, input, cancellationToken);

    [HttpPost]
    public Task<IActionResult> Claim(int id, int version, TransitionInput input, CancellationToken cancellationToken) =>
        TransitionAsync(id, FindingAction.Claim, version, input, cancellationToken);

    [HttpPost]
    public Task<IActionResult> Start(int id, int version, TransitionInput input, CancellationToken cancellationToken) =>
        TransitionAsync(id, FindingAction.Start, version, input, cancellationToken);

    [HttpPost]
    public Task<IActionResult> Submit(int id, int version, TransitionInput input, CancellationToken cancellationToken) =>
        TransitionAsync(id, FindingAction.Submit, version, input, cancellationToken);

    [HttpPost]
    public Task<IActionResult> Approve(int id, int version, TransitionInput input, CancellationToken cancellationToken) =>
        TransitionAsync(id, FindingAction.Approve, version, input, cancellationToken);

    [HttpPost]
    public Task<IActionResult> Return(int id, int version, TransitionInput input, CancellationToken cancellationToken) =>
        TransitionAsync(id, FindingAction.Return, version, input, cancellationToken);

    [HttpPost]
    public Task<IActionResult> Reopen(int id, int version, TransitionInput input, CancellationToken cancellationToken) =>
        TransitionAsync(id, FindingAction.Reopen, version, input, cancellationToken);

    private async Task<IActionResult> TransitionAsync(int id, FindingAction action, int version, TransitionInput input, CancellationToken cancellationToken)
    {
        var result = await workflow.ApplyAsync(id, action, input, version, User, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (result.Succeeded)
        {
            Flash(localizer["已{0}。", Format.Name(action)]);
            return RedirectToAction(nameof(Details), new { id });
        }

        if (result.Status != OperationStatus.Conflict)
        {
            // Refused by a rule (evidence not yet accepted, no reason given…): post/redirect/get, the reason and what the
            // user typed shown on the page it leads to, so that refreshing that page sends nothing again.
            TempData[RefusedTransition.Key] = new RefusedTransition(action, input, Format.Message(result)).Write();
            return RedirectToAction(nameof(Details), new { id });
        }

        // A stale page (someone acted first): 409, the page as it is now, keeping what the user typed.
        var details = await queries.GetDetailsAsync(id, User, cancellationToken);
        if (details is null)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status409Conflict;
        return View(nameof(Details), new FindingDetailsViewModel(details, action, input, Format.Message(result))
        {
            Mechanisms = await mechanisms.ForFindingAsync(id, cancellationToken),
            Visits = await visits.ForFindingAsync(id, User, cancellationToken),
            // Only a long-term finding has follow-ups: the others cost no query for them.
            FollowUps = details.Kind == FindingKind.LongTerm ? await followUps.ForFindingAsync(id, cancellationToken) : [],
            MayAnswerFollowUp = FindingPermissions.MayAnswerFollowUp(ScopeClaims.ToScope(User)),
            MayReviewFollowUp = FindingPermissions.MayReviewFollowUp(ScopeClaims.ToScope(User)),
        });
    }

    private async Task<FindingFormViewModel> WithOptionsAsync(FindingFormViewModel model, CancellationToken cancellationToken)
    {
        var scope = ScopeClaims.ToScope(User);
        var categories = await inspections.GetCategoriesAsync(model.InspectionId, cancellationToken);
        model.Categories = categories.Select(c => new SelectListItem(DisplayFormatter.CategoryNumber(c.Ordinal) + c.Name, Id(c.Id))).ToList();
        model.Units = SelectListItems.ForUnits(await units.GetOptionsAsync(scope, cancellationToken));
        model.People = PeopleItems(await people.GetOptionsAsync(scope.SeesEverything ? null : scope.UnitPath, cancellationToken));
        model.Kinds = KindItems();
        return model;
    }

    /// <summary>The measure owners the form offers: the finding's people (<see cref="FindingPeople"/>), whom the editor accepts.</summary>
    private async Task<ProgressViewModel> WithPeopleAsync(ProgressViewModel model, CancellationToken cancellationToken)
    {
        model.People = PeopleItems(await findingPeople.OptionsAsync(model.Id, cancellationToken));
        return model;
    }

    private List<SelectListItem> KindItems() =>
        Enum.GetValues<FindingKind>().Select(k => new SelectListItem(Format.Name(k), k.ToString())).ToList();

    private static List<SelectListItem> PeopleItems(IEnumerable<UserOption> options) =>
        options.Select(p => new SelectListItem($"{p.DisplayName}({p.Title ?? p.UnitName})", p.Id)).ToList();

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
