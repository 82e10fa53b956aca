using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rectification.Core.Data;

namespace Rectification.Core.Accounts;

/// <summary>
/// Server-side sessions: started at sign-in, checked on every request, ended by logout or by disabling the account.
/// The check is one primary-key read; it is what makes a logged-out cookie worthless at once, on every instance.
/// </summary>
public sealed class UserSessionService(RectificationDbContext db, TimeProvider time, IOptions<AccountOptions> options, PasswordExpiry passwordExpiry)
{
    /// <summary>Compiled once: it runs on every signed-in request, page or file.</summary>
    private static readonly Func<RectificationDbContext, Guid, string, CancellationToken, Task<ActiveSessionRow?>> s_activeSession =
        EF.CompileAsyncQuery((RectificationDbContext db, Guid id, string userId, CancellationToken cancellationToken) =>
            db.UserSessions.AsNoTracking()
                .Where(s => s.Id == id && s.UserId == userId && s.EndedAt == null)
                .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new ActiveSessionRow(
                    s.SignedInAt,
                    db.UnitTreeStates.Where(t => t.Id == Units.UnitTreeState.SingletonId).Select(t => t.Revision).FirstOrDefault(),
                    u.SecurityStamp,
                    u.ConcurrencyStamp,
                    u.MustChangePassword,
                    u.PasswordChangedAt,
                    u.CreatedAt))
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

    /// <summary>
    /// The session, when it belongs to the user, has not been ended and is younger than the absolute limit: with the
    /// user's security stamp and whether the password must be changed now, so that the request needs no other query to
    /// tell a still-valid cookie (see <see cref="SessionCheck"/>).
    /// </summary>
    /// <remarks>
    /// Every signed-in request makes this query, so it brings the unit tree's revision along (a scalar subquery): the
    /// in-memory tree (<see cref="Units.UnitDirectory"/>) then costs the request no query of its own.
    /// </remarks>
    public async Task<SessionCheck?> CheckAsync(Guid id, string userId, CancellationToken cancellationToken = default)
    {
        var session = await s_activeSession(db, id, userId, cancellationToken);
        if (session is null)
        {
            return null;
        }

        db.UnitTreeRevisionRead(session.UnitTreeRevision);
        if (Now >= session.SignedInAt + options.Value.AbsoluteTimeout)
        {
            return null;
        }

        var passwordExpired = passwordExpiry.IsExpired(session.PasswordChangedAt, session.CreatedAt);
        return new SessionCheck(session.SecurityStamp, session.ConcurrencyStamp, session.MustChangePassword || passwordExpired);
    }

    public Task EndAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.UserSessions.Where(s => s.Id == id && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, Now), cancellationToken);

    /// <summary>Ends every open session of a user, on every instance, from their next request on.</summary>
    public Task EndAllAsync(string userId, CancellationToken cancellationToken = default) =>
        db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, Now), cancellationToken);
}

/// <summary>
/// An open session: when it began, the unit tree's revision (<see cref="RectificationDbContext.UnitTreeRevisionAsync"/>)
/// and the user's security stamp and password dates read with it.
/// </summary>
internal sealed record ActiveSessionRow(
    DateTime SignedInAt, long UnitTreeRevision, string? SecurityStamp, string? ConcurrencyStamp, bool MustChangePassword, DateTime? PasswordChangedAt,
    DateTime CreatedAt);

/// <summary>
/// An open session's account as the database has it now: the security stamp a valid cookie carries, the version its
/// claims were made from (<see cref="Scoping.ScopeClaims.UserVersion"/>), and whether the password must be changed
/// before anything else (set by an administrator, or expired).
/// </summary>
public sealed record SessionCheck(string? SecurityStamp, string? Version, bool MustChangePassword);
