namespace Rectification.Core.Accounts;

/// <summary>
/// What a sign-in attempt came to. The login page shows one message for every failure; the distinct values are
/// for the record (an audit entry can name them) and never for the person at the keyboard, except a second-step
/// code that was already used (<see cref="CodeAlreadyUsed"/>).
/// </summary>
public enum LoginOutcome
{
    SignedIn,

    /// <summary>The password was right; the authenticator code is asked next.</summary>
    RequiresTwoFactor,

    UnknownUser,

    WrongPassword,

    /// <summary>Too many failures; refused whatever the password or code.</summary>
    LockedOut,

    /// <summary>The account is disabled.</summary>
    Disabled,

    /// <summary>The second step's code or recovery code was wrong.</summary>
    WrongCode,

    /// <summary>
    /// The authenticator code was right but already used, here or in another session: each code works once. The
    /// page says so (the password was right, so it tells an outsider nothing new) and asks for the next code.
    /// </summary>
    CodeAlreadyUsed,

    /// <summary>A second step without a first (or after the first one's five minutes ran out).</summary>
    NoPendingSignIn,
}
