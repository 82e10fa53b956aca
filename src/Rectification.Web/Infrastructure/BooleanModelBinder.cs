using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace Rectification.Web.Infrastructure;

/// <summary>
/// Binds a bool as MVC does, except that a value which is not one ("maybe", "2") keeps no raw value in the model
/// state. A check box shown again reads that raw value as a bool, and "maybe" threw there (a FormatException, so a
/// 500) instead of the form showing its error (启用的值“maybe”无效。), which this keeps.
/// </summary>
public sealed class BooleanModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = context.Metadata.ModelType;
        return (Nullable.GetUnderlyingType(type) ?? type) == typeof(bool) && context.BindingInfo.BindingSource is not { IsGreedy: true }
            ? new Binder(new SimpleTypeModelBinder(type, context.Services.GetRequiredService<ILoggerFactory>()))
            : null;
    }

    private sealed class Binder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            var state = bindingContext.ModelState;
            if (!bindingContext.Result.IsModelSet && state.TryGetValue(bindingContext.ModelName, out var entry) && entry.Errors.Count > 0)
            {
                state.SetModelValue(bindingContext.ModelName, rawValue: null, entry.AttemptedValue);
            }
        }
    }
}
