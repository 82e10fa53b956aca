using Microsoft.EntityFrameworkCore;
using Rectification.Core.Accounts;
using Rectification.Core.Data;

namespace Rectification.Core.Findings;

/// <summary>
/// A finding's people: who may own one of its measures (措施责任人). They are the active accounts of the responsible unit
/// (责任单位) and the units under it, of the responsible department (责任科室) and the units under it, and the finding's
/// responsible leader (责任领导) and responsible person (具体责任人). Nobody else: a unit's head cannot hand a measure to
/// another unit's staff. The progress form offers exactly these, and the editor accepts no one else, except that a
/// measure keeps the active owner it already has (someone who has since moved to another unit).
/// </summary>
public sealed class FindingPeople(RectificationDbContext db)
{
    /// <summary>The progress form's picker: the finding's people and its measures' present owners, by unit then name.</summary>
    public async Task<IReadOnlyList<UserOption>> OptionsAsync(int findingId, CancellationToken cancellationToken = default) =>
        await Of(findingId, withPresentOwners: true)
            .OrderBy(u => u.Unit!.Path).ThenBy(u => u.DisplayName)
            .Select(u => new UserOption(u.Id, u.DisplayName, u.Title, u.Unit!.Name))
            .ToListAsync(cancellationToken);

    /// <summary>Those of <paramref name="userIds"/> who are the finding's people.</summary>
    public async Task<IReadOnlySet<string>> AmongAsync(int findingId, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default) =>
        userIds.Count == 0
            ? new HashSet<string>()
            : (await Of(findingId, withPresentOwners: false).Where(u => userIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken))
                .ToHashSet();

    /// <summary>The finding's people (and, when asked, its measures' present owners): active accounts, in one query.</summary>
    private IQueryable<AppUser> Of(int findingId, bool withPresentOwners)
    {
        var finding = db.Findings.IgnoreQueryFilters().Where(f => f.Id == findingId);
        var owners = db.Measures.IgnoreQueryFilters().Where(m => withPresentOwners && m.FindingId == findingId).Select(m => m.OwnerId);
        return db.Users.Where(u => u.IsActive
            && (finding.Any(f => u.Unit!.Path.StartsWith(f.OwningUnitPath)
                    || (f.ResponsibleDepartmentId != null && u.Unit.Path.StartsWith(f.ResponsibleDepartment!.Path))
                    || u.Id == f.ResponsibleLeaderId
                    || u.Id == f.ResponsiblePersonId)
                || owners.Contains(u.Id)));
    }
}
