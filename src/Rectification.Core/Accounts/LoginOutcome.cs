namespace Rectification.Core.Accounts;

/// <summary>
/// What a sign-in attempt came to. The login page shows one message for every failure; the distinct values are
/// for the record (an audit entry can name them) and never for the person at the keyboard.
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

    /// <summary>A second step without a first (or after the first one's five minutes ran out).</summary>
    NoPendingSignIn,
}
