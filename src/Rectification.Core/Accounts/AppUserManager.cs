using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rectification.Core.Data;

namespace Rectification.Core.Accounts;

/// <summary>
/// Identity's user manager with these changes: every password set, change or reset records when it happened
/// (password expiry counts from it) and keeps its hash among the user's last ones (<see cref="PasswordHistoryEntry"/>,
/// which the policy validator compares new passwords with); lockout is timed by the app's <see cref="TimeProvider"/>
/// rather than the machine's clock, so lockouts follow the same clock as everything else (and the tests' fake one);
/// and a new authenticator key starts its own record of used codes.
/// </summary>
public sealed class AppUserManager(
    IUserStore<AppUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<AppUser>> logger,
    TimeProvider time,
    RectificationDbContext db)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override Task<IdentityResult> CreateAsync(AppUser user, string password) =>
        WithPasswordChangedAsync(user, () => base.CreateAsync(user, password));

    /// <summary>The user's own change of password, recorded in the audit trail when it succeeds.</summary>
    public override async Task<IdentityResult> ChangePasswordAsync(AppUser user, string currentPassword, string newPassword)
    {
        var result = await WithPasswordChangedAsync(user, () => base.ChangePasswordAsync(user, currentPassword, newPassword));
        if (result.Succeeded)
        {
            db.Audit(Auditing.AuditActions.PasswordChanged, nameof(AppUser), user.Id);
            await db.SaveChangesAsync(CancellationToken);
        }

        return result;
    }

    public override Task<IdentityResult> ResetPasswordAsync(AppUser user, string token, string newPassword) =>
        WithPasswordChangedAsync(user, () => base.ResetPasswordAsync(user, token, newPassword));

    public override Task<IdentityResult> AddPasswordAsync(AppUser user, string password) =>
        WithPasswordChangedAsync(user, () => base.AddPasswordAsync(user, password));

    public override async Task<bool> IsLockedOutAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return await LockoutStore.GetLockoutEnabledAsync(user, CancellationToken)
            && await LockoutStore.GetLockoutEndDateAsync(user, CancellationToken) is { } end
            && end > time.GetUtcNow();
    }

    /// <summary>Identity's rule (lock for the configured time after the configured number of failures), on the app's clock.</summary>
    public override async Task<IdentityResult> AccessFailedAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var failures = await LockoutStore.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (failures >= Options.Lockout.MaxFailedAccessAttempts)
        {
            // In UTC: a TimeProvider may answer with another offset, which PostgreSQL's timestamptz refuses to store.
            var end = time.GetUtcNow().ToUniversalTime().Add(Options.Lockout.DefaultLockoutTimeSpan);
            await LockoutStore.SetLockoutEndDateAsync(user, end, CancellationToken);
            await LockoutStore.ResetAccessFailedCountAsync(user, CancellationToken);
        }

        return await UpdateUserAsync(user);
    }

    /// <summary>
    /// A new key, whose codes have never been used: the record of the last used time step belonged to the old key
    /// (whose codes no longer work at all), and would refuse the new key's first code for up to a minute and a half.
    /// Cleared after the new key is saved, so no moment accepts an old code twice.
    /// </summary>
    public override async Task<IdentityResult> ResetAuthenticatorKeyAsync(AppUser user)
    {
        var result = await base.ResetAuthenticatorKeyAsync(user);
        if (result.Succeeded)
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastTotpStep, 0L), CancellationToken);
            OneTimeAuthenticatorTokenProvider.SetTracked(db, user, 0);
        }

        return result;
    }

    /// <summary>Saves a new user, with the first entry of its password history when it was created with a password.</summary>
    public override Task<IdentityResult> CreateAsync(AppUser user) => SaveWithHistoryAsync(user, () => base.CreateAsync(user));

    /// <summary>Saves the user, with the new password's history entry when a password is being set.</summary>
    protected override Task<IdentityResult> UpdateUserAsync(AppUser user) => SaveWithHistoryAsync(user, () => base.UpdateUserAsync(user));

    private IUserLockoutStore<AppUser> LockoutStore => (IUserLockoutStore<AppUser>)Store;

    /// <summary>Set while a password is being set through <see cref="WithPasswordChangedAsync"/>, until its save.</summary>
    private bool _recordPassword;

    /// <summary>
    /// Stamps the change before Identity saves the user (one write), and takes it back when Identity refuses the
    /// password. A hash upgraded at sign-in goes through neither path: it is the same password, and it neither
    /// restarts the expiry nor takes a place in the history.
    /// </summary>
    private async Task<IdentityResult> WithPasswordChangedAsync(AppUser user, Func<Task<IdentityResult>> change)
    {
        ArgumentNullException.ThrowIfNull(user);
        await RecordCurrentPasswordAsync(user);
        var previous = user.PasswordChangedAt;
        user.PasswordChangedAt = time.GetUtcNow().UtcDateTime;
        _recordPassword = true;
        try
        {
            var result = await change();
            if (!result.Succeeded)
            {
                user.PasswordChangedAt = previous;
            }

            return result;
        }
        finally
        {
            _recordPassword = false;
        }
    }

    /// <summary>
    /// The password being replaced counts among the last ones even when it was set before the history was kept (or
    /// by the demo data, which writes its hash directly): recorded first, in a save of its own, when missing.
    /// </summary>
    private async Task RecordCurrentPasswordAsync(AppUser user)
    {
        if (user.PasswordHash is not { } current || db.Entry(user).State is EntityState.Detached or EntityState.Added
            || await db.PasswordHistory.AnyAsync(h => h.UserId == user.Id && h.PasswordHash == current, CancellationToken))
        {
            return;
        }

        db.PasswordHistory.Add(new PasswordHistoryEntry { UserId = user.Id, PasswordHash = current, SetAt = user.PasswordChangedAt ?? user.CreatedAt });
        await db.SaveChangesAsync(CancellationToken);
    }

    /// <summary>
    /// Adds the hash Identity's hasher just made to the user's history, and drops what falls beyond the last
    /// <see cref="PasswordRules.RecentPasswordsRefused"/>, in the same save as the password itself: the password and
    /// its entry are stored together or not at all. Taken back from the context when the save is refused.
    /// </summary>
    private async Task<IdentityResult> SaveWithHistoryAsync(AppUser user, Func<Task<IdentityResult>> save)
    {
        if (!_recordPassword || user.PasswordHash is not { } hash)
        {
            return await save();
        }

        _recordPassword = false;
        var stored = db.Entry(user).State is not (EntityState.Detached or EntityState.Added);
        var dropped = stored
            ? await db.PasswordHistory.Where(h => h.UserId == user.Id).OrderByDescending(h => h.Id)
                .Skip(PasswordRules.RecentPasswordsRefused - 1).ToListAsync(CancellationToken)
            : [];
        var entry = new PasswordHistoryEntry { UserId = user.Id, PasswordHash = hash, SetAt = user.PasswordChangedAt ?? time.GetUtcNow().UtcDateTime };
        db.PasswordHistory.Add(entry);
        db.PasswordHistory.RemoveRange(dropped);

        var result = await save();
        if (!result.Succeeded)
        {
            db.Entry(entry).State = EntityState.Detached;
            dropped.ForEach(d => db.Entry(d).State = EntityState.Unchanged);
        }

        return result;
    }
}
