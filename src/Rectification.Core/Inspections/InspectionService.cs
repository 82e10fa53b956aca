using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Accounts;
using Rectification.Core.Authorization;
using Rectification.Core.Common;
using Rectification.Core.Data;
using Rectification.Core.Findings;
using Rectification.Core.Scoping;
using Rectification.Core.Time;

namespace Rectification.Core.Inspections;

public sealed class InspectionService(
    RectificationDbContext db, IAuthorizationService authorization, BusinessClock clock, EditConflicts conflicts)
{
    public const int PageSize = 20;

    public async Task<PagedList<InspectionListItem>> ListAsync(int page, CancellationToken cancellationToken = default)
    {
        var today = clock.Today;
        var isOverdue = LightRules.Is(Light.Red, today);
        var isDueSoon = LightRules.Is(Light.Yellow, today);
        var query = db.Inspections.AsNoTracking();
        var total = await query.CountAsync(cancellationToken);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));

        // i.Findings is filtered by scope too, so every count is of the findings this user can see.
        var items = await query
            .OrderByDescending(i => i.FeedbackDate).ThenByDescending(i => i.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(i => new InspectionListItem(
                i.Id,
                i.Title,
                i.TeamName,
                i.InspectedUnit!.Name,
                i.InspectionStart,
                i.InspectionEnd,
                i.FeedbackDate,
                i.RectificationDueDate,
                i.Status,
                new FindingCounts(
                    i.Findings.Count(),
                    i.Findings.Count(f => f.Status == FindingStatus.Closed),
                    i.Findings.AsQueryable().Count(isOverdue),
                    i.Findings.AsQueryable().Count(isDueSoon))))
            .ToListAsync(cancellationToken);
        return new PagedList<InspectionListItem>(items, page, PageSize, total);
    }

    /// <summary>The little a finding form needs of its inspection, or null if the user cannot see it.</summary>
    public async Task<InspectionHeader?> GetHeaderAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var row = await db.Inspections.AsNoTracking()
            .Where(i => i.Id == id)
            .Select(i => new { i.Id, i.Title, i.FeedbackDate, i.InspectedUnit!.Path })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var scope = ScopeClaims.ToScope(user);
        return new InspectionHeader(row.Id, row.Title, row.FeedbackDate, row.Path,
            scope.HasRole(Roles.InspectionOffice) && scope.Covers(row.Path));
    }

    /// <summary>Most inspections a filter picker lists: a province holds thousands, and a picker of thousands is neither usable nor cheap to render.</summary>
    public const int FilterPickerLimit = 100;

    /// <summary>
    /// The filter pickers: the newest <see cref="FilterPickerLimit"/> visible inspections, plus the selected one when it
    /// is older (an inspection's own page links to its findings, so older ones stay one click away), and the selected
    /// inspection's categories for the category picker. <see cref="InspectionPicker.Selected"/> is null when the
    /// selected inspection is not visible to the user.
    /// </summary>
    public async Task<InspectionPicker> GetPickerAsync(int? selectedId, CancellationToken cancellationToken = default)
    {
        // One query: the selected inspection sorts first, so it is among the rows taken however old it is, and it
        // alone brings its categories along.
        var rows = await db.InspectionsInScope.AsNoTracking()
            .OrderBy(i => i.Id == selectedId ? 0 : 1).ThenByDescending(i => i.FeedbackDate).ThenByDescending(i => i.Id)
            .Take(FilterPickerLimit + 1)
            .Select(i => new
            {
                Option = new InspectionOption(i.Id, i.Title, i.FeedbackDate),
                Categories = i.Categories.Where(c => c.InspectionId == selectedId).OrderBy(c => c.Ordinal)
                    .Select(c => new CategoryOption(c.Id, c.Ordinal, c.Name))
                    .ToList(),
            })
            .ToListAsync(cancellationToken);
        var selected = rows.Count > 0 && rows[0].Option.Id == selectedId ? rows[0] : null;
        var options = rows.Take(selected is null ? FilterPickerLimit : FilterPickerLimit + 1)
            .Select(r => r.Option)
            .OrderByDescending(o => o.FeedbackDate).ThenByDescending(o => o.Id)
            .ToList();
        return new InspectionPicker(options, selected?.Option, selected?.Categories ?? []);
    }

    /// <summary>An inspection's categories in order, if the user can see the inspection.</summary>
    public async Task<IReadOnlyList<(int Id, int Ordinal, string Name)>> GetCategoriesAsync(int inspectionId, CancellationToken cancellationToken = default)
    {
        var rows = await db.FindingCategories.AsNoTracking()
            .Where(c => c.InspectionId == inspectionId)
            .OrderBy(c => c.Ordinal)
            .Select(c => new { c.Id, c.Ordinal, c.Name })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, r.Ordinal, r.Name)).ToList();
    }

    public async Task<InspectionDetails?> GetDetailsAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var inspection = await db.Inspections.AsNoTracking()
            .Where(i => i.Id == id)
            .Select(i => new
            {
                i.Id,
                i.Title,
                i.TeamName,
                i.TeamShortName,
                i.PartyOrganisation,
                i.PartyOrganisationFullName,
                i.InspectedUnitId,
                InspectedUnitName = i.InspectedUnit!.Name,
                InspectedUnitPath = i.InspectedUnit.Path,
                FirstResponsibleName = i.FirstResponsibleUser!.DisplayName,
                FirstResponsibleTitle = i.FirstResponsibleUser.Title,
                i.InspectionStart,
                i.InspectionEnd,
                i.FeedbackDate,
                i.RectificationDueDate,
                i.Status,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (inspection is null)
        {
            return null;
        }

        var categories = await db.FindingCategories.AsNoTracking()
            .Where(c => c.InspectionId == id)
            .OrderBy(c => c.Ordinal)
            .Select(c => new { c.Id, c.Ordinal, c.Name })
            .ToListAsync(cancellationToken);
        var findings = await db.FindingsInScope.AsNoTracking()
            .Where(f => f.InspectionId == id)
            .OrderBy(f => f.Ordinal).ThenBy(f => f.Id)
            .Select(f => new
            {
                f.CategoryId,
                Item = new CategoryFinding(f.Id, f.Ordinal, f.Title, f.OwningUnit!.Name, f.ResponsiblePerson!.DisplayName, f.Deadline, f.Kind, f.Status,
                    f.Band, f.WarningFrom),
            })
            .ToListAsync(cancellationToken);

        var today = clock.Today;
        var summaries = categories.Select(c =>
        {
            var items = findings.Where(f => f.CategoryId == c.Id)
                .Select(f => f.Item with
                {
                    Light = LightRules.Classify(new LightFacts(f.Item.Band, f.Item.Deadline, f.Item.WarningFrom), today),
                })
                .ToList();
            return new CategorySummary(c.Id, c.Ordinal, c.Name, items) { Counts = Count(items) };
        }).ToList();

        var scope = ScopeClaims.ToScope(user);
        return new InspectionDetails(
            inspection.Id,
            inspection.Title,
            inspection.TeamName,
            inspection.InspectedUnitId,
            inspection.InspectedUnitName,
            inspection.FirstResponsibleName,
            inspection.FirstResponsibleTitle,
            inspection.InspectionStart,
            inspection.InspectionEnd,
            inspection.FeedbackDate,
            inspection.RectificationDueDate,
            inspection.Status,
            summaries)
        {
            Counts = Count(summaries.SelectMany(s => s.Findings).ToList()),
            CanEdit = scope.HasRole(Roles.InspectionOffice) && scope.Covers(inspection.InspectedUnitPath),
            CanEditReport = Reports.ReportPermissions.MayEdit(scope, inspection.InspectedUnitPath),
            TeamShortName = inspection.TeamShortName,
            PartyOrganisation = inspection.PartyOrganisation,
            PartyOrganisationFullName = inspection.PartyOrganisationFullName,
        };
    }

    /// <summary>The inspection as its edit form shows it, with its version for conflict detection.</summary>
    public async Task<(InspectionInput Input, int Version)?> GetForEditAsync(int id, CancellationToken cancellationToken = default)
    {
        var inspection = await db.Inspections.AsNoTracking()
            .Include(i => i.Categories.OrderBy(c => c.Ordinal))
            .FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (inspection is null)
        {
            return null;
        }

        var input = new InspectionInput
        {
            Title = inspection.Title,
            TeamName = inspection.TeamName,
            TeamShortName = inspection.TeamShortName,
            PartyOrganisation = inspection.PartyOrganisation,
            PartyOrganisationFullName = inspection.PartyOrganisationFullName,
            InspectedUnitId = inspection.InspectedUnitId,
            FirstResponsibleUserId = inspection.FirstResponsibleUserId,
            InspectionStart = inspection.InspectionStart,
            InspectionEnd = inspection.InspectionEnd,
            FeedbackDate = inspection.FeedbackDate,
            RectificationDueDate = inspection.RectificationDueDate,
            Status = inspection.Status,
            Categories = inspection.Categories.Select(c => new CategoryInput { Id = c.Id, Name = c.Name }).ToList(),
        };
        return (input, inspection.Version);
    }

    /// <summary>A new inspection's form: the four standard categories, the usual three-month period.</summary>
    public static InspectionInput NewInput() => new()
    {
        Categories = StandardCategories.Names.Select(n => new CategoryInput { Name = n }).ToList(),
    };

    public async Task<OperationResult<int>> CreateAsync(InspectionInput input, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var scope = ScopeClaims.ToScope(user);
        if (!scope.HasRole(Roles.InspectionOffice))
        {
            return OperationResult<int>.From(OperationResult.Forbidden);
        }

        if (await ValidateAsync(input, scope, cancellationToken) is { } invalid)
        {
            return OperationResult<int>.From(invalid);
        }

        var now = clock.UtcNow;
        var inspection = new Inspection
        {
            Title = input.Title!.Trim(),
            TeamName = input.TeamName!.Trim(),
            CreatedAt = now,
        };
        Apply(inspection, input, now);
        var names = input.Categories.Where(c => !c.Remove && !string.IsNullOrWhiteSpace(c.Name)).Select(c => c.Name!.Trim()).ToList();
        var categories = names.Count > 0
            ? names.Select((name, index) => new FindingCategory { Name = name, Ordinal = index + 1 })
            : StandardCategories.Create();
        inspection.Categories.AddRange(categories);

        db.Inspections.Add(inspection);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<int>.Success(inspection.Id);
    }

    public async Task<OperationResult> UpdateAsync(
        int id, InspectionInput input, int version, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var inspection = await db.Inspections
            .Include(i => i.InspectedUnit)
            .Include(i => i.Categories)
            .FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (inspection is null)
        {
            return OperationResult.NotFound;
        }

        if (!(await authorization.AuthorizeAsync(user, inspection, InspectionOperations.Edit)).Succeeded)
        {
            return OperationResult.Forbidden;
        }

        if (inspection.Version != version)
        {
            return await conflicts.ConflictAsync<Inspection>(id, cancellationToken);
        }

        if (await ValidateAsync(input, ScopeClaims.ToScope(user), cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var now = clock.UtcNow;
        Apply(inspection, input, now);
        if (await ApplyCategoriesAsync(inspection, input.Categories, cancellationToken) is { } categoryError)
        {
            return categoryError;
        }

        db.Entry(inspection).Property(i => i.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return OperationResult.Ok;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await conflicts.ConflictAsync<Inspection>(id, cancellationToken);
        }
    }

    private static void Apply(Inspection inspection, InspectionInput input, DateTime now)
    {
        inspection.Title = input.Title!.Trim();
        inspection.TeamName = input.TeamName!.Trim();
        inspection.TeamShortName = Optional(input.TeamShortName);
        inspection.PartyOrganisation = Optional(input.PartyOrganisation);
        inspection.PartyOrganisationFullName = Optional(input.PartyOrganisationFullName);
        inspection.InspectedUnitId = input.InspectedUnitId!.Value;
        inspection.FirstResponsibleUserId = string.IsNullOrWhiteSpace(input.FirstResponsibleUserId) ? null : input.FirstResponsibleUserId;
        inspection.InspectionStart = input.InspectionStart!.Value;
        inspection.InspectionEnd = input.InspectionEnd!.Value;
        inspection.FeedbackDate = input.FeedbackDate!.Value;
        inspection.RectificationDueDate = input.RectificationDueDate ?? input.FeedbackDate!.Value.AddMonths(3);
        inspection.Status = input.Status;
        inspection.UpdatedAt = now;
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Renames, reorders (by position in the form), adds and removes categories; a category in use stays.</summary>
    private async Task<OperationResult?> ApplyCategoriesAsync(Inspection inspection, List<CategoryInput> inputs, CancellationToken cancellationToken)
    {
        var inUse = await db.Findings.IgnoreQueryFilters()
            .Where(f => f.InspectionId == inspection.Id)
            .Select(f => f.CategoryId).Distinct().ToListAsync(cancellationToken);
        var ordinal = 1;
        for (var index = 0; index < inputs.Count; index++)
        {
            var input = inputs[index];
            var name = input.Name?.Trim();
            var existing = input.Id == 0 ? null : inspection.Categories.FirstOrDefault(c => c.Id == input.Id);
            if (input.Id != 0 && existing is null)
            {
                return OperationResult.Invalid("问题类别已不存在,请刷新页面后重试。");
            }

            if (input.Remove)
            {
                if (existing is null)
                {
                    continue;
                }

                if (inUse.Contains(existing.Id))
                {
                    return OperationResult.Invalid("类别“{0}”下还有问题,不能删除。", $"Categories[{index}].Name", existing.Name);
                }

                db.FindingCategories.Remove(existing);
                continue;
            }

            if (string.IsNullOrEmpty(name))
            {
                if (existing is null)
                {
                    continue; // an empty spare row
                }

                return OperationResult.Invalid("请填写{0}", $"Categories[{index}].Name", "问题类别");
            }

            if (existing is null)
            {
                inspection.Categories.Add(new FindingCategory { Name = name, Ordinal = ordinal++ });
            }
            else
            {
                existing.Name = name;
                existing.Ordinal = ordinal++;
            }
        }

        return inspection.Categories.Any(c => db.Entry(c).State != EntityState.Deleted)
            ? null
            : OperationResult.Invalid("至少需要一个问题类别。");
    }

    private async Task<OperationResult?> ValidateAsync(InspectionInput input, UserScope scope, CancellationToken cancellationToken)
    {
        var unitPath = await db.Units.Where(u => u.Id == input.InspectedUnitId && u.IsActive).Select(u => u.Path).FirstOrDefaultAsync(cancellationToken);
        if (unitPath is null || !scope.Covers(unitPath))
        {
            return OperationResult.Invalid("所选被巡察单位不存在、已停用或不在您的管理范围内。", nameof(InspectionInput.InspectedUnitId));
        }

        if (!string.IsNullOrWhiteSpace(input.FirstResponsibleUserId)
            && !await db.Users.AnyAsync(u => u.Id == input.FirstResponsibleUserId && u.IsActive, cancellationToken))
        {
            return OperationResult.Invalid("所选人员不存在或已停用。", nameof(InspectionInput.FirstResponsibleUserId));
        }

        if (input.InspectionEnd < input.InspectionStart)
        {
            return OperationResult.Invalid("巡察结束日期不能早于开始日期。", nameof(InspectionInput.InspectionEnd));
        }

        if (input.FeedbackDate < input.InspectionEnd)
        {
            return OperationResult.Invalid("反馈日期不能早于巡察结束日期。", nameof(InspectionInput.FeedbackDate));
        }

        if (input.RectificationDueDate is { } due && due < input.FeedbackDate)
        {
            return OperationResult.Invalid("整改期限不能早于反馈日期。", nameof(InspectionInput.RectificationDueDate));
        }

        return null;
    }

    private static FindingCounts Count(IReadOnlyCollection<CategoryFinding> findings) => new(
        findings.Count,
        findings.Count(f => f.Status == FindingStatus.Closed),
        findings.Count(f => f.Light == Light.Red),
        findings.Count(f => f.Light == Light.Yellow));
}
