using System.Buffers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;
using Microsoft.Extensions.Localization;

namespace Rectification.Web.Infrastructure;

/// <summary>
/// Binds text as MVC does, but refuses control characters (U+0000–U+001F other than tab and line breaks, and
/// U+007F): nobody types them, no page can show them, and PostgreSQL cannot even take a NUL as a query parameter,
/// so a filter containing one was a server error. The field gets a message and no value; an action's own parameter
/// with one is a malformed request (<see cref="MalformedParametersFilter"/>).
/// </summary>
public sealed class TextModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        // Values from the query, form and route only: a header or a body has binders of its own.
        context.Metadata.ModelType == typeof(string) && context.BindingInfo.BindingSource is not { IsGreedy: true }
            ? new Binder(
                new SimpleTypeModelBinder(typeof(string), context.Services.GetRequiredService<ILoggerFactory>()),
                context.Services.GetRequiredService<IStringLocalizerFactory>().Create(typeof(SharedResource)))
            : null;

    private static readonly SearchValues<char> s_controlCharacters = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c).Where(c => c is not ('\t' or '\r' or '\n')), '\u007f']);

    public static bool HasControlCharacters(string text) => text.AsSpan().ContainsAny(s_controlCharacters);

    private sealed class Binder(IModelBinder inner, IStringLocalizer localizer) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            if (bindingContext.Result is { IsModelSet: true, Model: string text } && HasControlCharacters(text))
            {
                var name = bindingContext.ModelMetadata.DisplayName ?? bindingContext.ModelMetadata.Name ?? bindingContext.ModelName;
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, localizer["{0}不能包含控制字符。", name]);
                bindingContext.Result = ModelBindingResult.Failed();
            }
        }
    }
}
