namespace Rectification.Core.Common;

public enum OperationStatus
{
    Ok,

    /// <summary>Missing, or outside the user's scope: the two are indistinguishable on purpose (404).</summary>
    NotFound,

    /// <summary>Visible to the user, but their role may not do this (403).</summary>
    Forbidden,

    /// <summary>Breaks a business rule; <see cref="OperationResult.Message"/> says which, in words for the user.</summary>
    Invalid,

    /// <summary>Someone else saved the same item first.</summary>
    Conflict,
}

/// <summary>
/// What a write did. <see cref="Message"/> is a resource key (the Chinese text itself) with format
/// <see cref="Args"/>, localised by the web layer; <see cref="Field"/> names the input it concerns, if any.
/// </summary>
public record OperationResult(OperationStatus Status, string? Message = null, string? Field = null, object[]? Args = null)
{
    public static readonly OperationResult Ok = new(OperationStatus.Ok);
    public static readonly OperationResult NotFound = new(OperationStatus.NotFound);
    public static readonly OperationResult Forbidden = new(OperationStatus.Forbidden);

    public bool Succeeded => Status == OperationStatus.Ok;

    public static OperationResult Invalid(string message, string? field = null, params object[] args) =>
        new(OperationStatus.Invalid, message, field, args);

    public static OperationResult Conflict(string message, params object[] args) =>
        new(OperationStatus.Conflict, message, null, args);
}

/// <summary>An <see cref="OperationResult"/> that also carries what was created or changed.</summary>
public sealed record OperationResult<T>(OperationStatus Status, T? Value = default, string? Message = null, string? Field = null, object[]? Args = null)
    : OperationResult(Status, Message, Field, Args)
{
    public static OperationResult<T> Success(T value) => new(OperationStatus.Ok, value);

    public static OperationResult<T> From(OperationResult failure) =>
        new(failure.Status, default, failure.Message, failure.Field, failure.Args);
}
