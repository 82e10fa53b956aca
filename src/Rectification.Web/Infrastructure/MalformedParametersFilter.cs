using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Rectification.Web.Infrastructure;

/// <summary>
/// An action's own simple parameters — ids, versions, decisions, filter values — come from links, hidden fields and
/// buttons, never from what a user types: one that does not parse ("abc" for an id, "2026-02-30" for a date), or a
/// required one that is missing (a decision), is a malformed request and answers 400 before the action runs. Left to
/// the action it would run with the default instead: a version of "abc" read as 0 matched a record never edited, and
/// the request saved. What a user types is in a form's model (Input.*), whose errors the form shows again; those are
/// not touched here.
/// </summary>
public sealed class MalformedParametersFilter(IModelMetadataProvider metadata) : IActionFilter
{
    public void OnActionExecuting(ActionExecutingContext context)
    {
        foreach (var parameter in context.ActionDescriptor.Parameters)
        {
            var key = parameter.BindingInfo?.BinderModelName ?? parameter.Name;
            if (context.ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0
                && !metadata.GetMetadataForType(parameter.ParameterType).IsComplexType)
            {
                context.Result = new BadRequestResult();
                return;
            }
        }
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }
}
