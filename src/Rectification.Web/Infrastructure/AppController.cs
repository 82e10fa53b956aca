using Microsoft.AspNetCore.Mvc;
using Rectification.Core.Common;

namespace Rectification.Web.Infrastructure;

/// <summary>What every feature controller shares: turning a service's result into a response or form errors.</summary>
public abstract class AppController(DisplayFormatter format) : Controller
{
    public const string SuccessMessage = "Success";
    public const string ErrorMessage = "Error";

    protected DisplayFormatter Format { get; } = format;

    /// <summary>404 for anything missing or out of scope, 403 for a role that may not do it, else null.</summary>
    protected IActionResult? Refusal(OperationResult result) => result.Status switch
    {
        OperationStatus.NotFound => NotFound(),
        OperationStatus.Forbidden => StatusCode(StatusCodes.Status403Forbidden),
        _ => null,
    };

    /// <summary>Puts an invalid or conflicting result on the form, next to its field when it names one.</summary>
    protected void AddToModelState(OperationResult result, string prefix = "")
    {
        var key = result.Field is null ? string.Empty : prefix + result.Field;
        ModelState.AddModelError(key, Format.Message(result));
    }

    /// <summary>
    /// The one answer to a stale save on an edit form: 409, with the record as it is saved now (read again, after the
    /// refusal) beside what the user typed, and its version now. Returns false, changing nothing, for any other result.
    /// The refusal's message, which names who saved last and when, is put on the form by <see cref="AddToModelState"/>.
    /// </summary>
    protected async Task<bool> ShowConflictAsync<TInput>(
        OperationResult result, IConflictForm<TInput> form, Func<Task<(TInput Input, int Version)?>> latest)
        where TInput : class
    {
        if (result.Status != OperationStatus.Conflict)
        {
            return false;
        }

        if (await latest() is { } saved)
        {
            form.Current = saved.Input;
            form.Version = saved.Version;
        }

        // The hidden field would otherwise show the version the user posted, not the one saved now.
        ModelState.Remove(nameof(form.Version));
        Response.StatusCode = StatusCodes.Status409Conflict;
        return true;
    }

    protected void Flash(string message) => TempData[SuccessMessage] = message;

    protected void FlashError(string message) => TempData[ErrorMessage] = message;
}
