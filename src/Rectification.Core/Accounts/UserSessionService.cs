using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rectification.Core.Data;

namespace Rectification.Core.Accounts;

/// <summary>
/// Server-side sessions: started at sign-in, checked on every request, ended by logout or by disabling the account.
/// The check is one primary-key read; it is what makes a logged-out cookie worthless at once, on every instance.
/// </summary>
public sealed class UserSessionService(RectificationDbContext db, TimeProvider time, IOptions<AccountOptions> options)
{
    /// <summary>Compiled once: it runs on every signed-in request, page or file.</summary>
    private static readonly Func<RectificationDbContext, Guid, string, CancellationToken, Task<ActiveSessionRow?>> s_activeSession =
        EF.CompileAsyncQuery((RectificationDbContext db, Guid id, string userId, CancellationToken cancellationToken) =>
            db.UserSessions.AsNoTracking()
                .Where(s => s.Id == id && s.UserId == userId && s.EndedAt == null)
                .Select(s => new ActiveSessionRow(
                    s.SignedInAt,
                    db.UnitTreeStates.Where(u => u.Id == Units.UnitTreeState.SingletonId).Select(u => u.Revision).FirstOrDefault()))
                .FirstOrDefault());

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<Guid> StartAsync(string userId, CancellationToken cancellationToken = default)
    {
        // Sessions past the absolute limit can never be used again: drop the user's old ones while we are here.
        var expired = Now - options.Value.AbsoluteTimeout;
        await db.UserSessions.Where(s => s.UserId == userId && s.SignedInAt <= expired).ExecuteDeleteAsync(cancellationToken);

        var session = new UserSession { Id = Guid.NewGuid(), UserId = userId, SignedInAt = Now };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    /// <summary>True while the session belongs to the user, has not been ended and is younger than the absolute limit.</summary>
    /// <remarks>
    /// Every signed-in request makes this query, so it brings the unit tree's revision along (a scalar subquery): the
    /// in-memory tree (<see cref="Units.UnitDirectory"/>) then costs the request no query of its own.
    /// </remarks>
    public async Task<bool> IsActiveAsync(Guid id, string userId, CancellationToken cancellationToken = default)
    {
        var session = await s_activeSession(db, id, userId, cancellationToken);
        if (session is null)
        {
            return false;
        }

        db.UnitTreeRevisionRead(session.UnitTreeRevision);
        return Now < session.SignedInAt + options.Value.AbsoluteTimeout;
    }

    public Task EndAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.UserSessions.Where(s => s.Id == id && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, Now), cancellationToken);

    /// <summary>Ends every open session of a user, on every instance, from their next request on.</summary>
    public Task EndAllAsync(string userId, CancellationToken cancellationToken = default) =>
        db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, Now), cancellationToken);
}

/// <summary>An open session's sign-in time, and the unit tree's revision (<see cref="RectificationDbContext.UnitTreeRevisionAsync"/>) read with it.</summary>
internal sealed record ActiveSessionRow(DateTime SignedInAt, long UnitTreeRevision);
