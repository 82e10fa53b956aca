using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rectification.Core.Data;

namespace Rectification.Core.Accounts;

/// <summary>
/// Identity's user manager with two changes: every password set, change or reset records when it happened
/// (password expiry counts from it), and lockout is timed by the app's <see cref="TimeProvider"/> rather than
/// the machine's clock, so lockouts follow the same clock as everything else (and the tests' fake one).
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

    private IUserLockoutStore<AppUser> LockoutStore => (IUserLockoutStore<AppUser>)Store;

    /// <summary>
    /// Stamps the change before Identity saves the user (one write), and takes it back when Identity refuses the
    /// password. A hash upgraded at sign-in goes through neither path: it is the same password.
    /// </summary>
    private async Task<IdentityResult> WithPasswordChangedAsync(AppUser user, Func<Task<IdentityResult>> change)
    {
        ArgumentNullException.ThrowIfNull(user);
        var previous = user.PasswordChangedAt;
        user.PasswordChangedAt = time.GetUtcNow().UtcDateTime;
        var result = await change();
        if (!result.Succeeded)
        {
            user.PasswordChangedAt = previous;
        }

        return result;
    }
}
