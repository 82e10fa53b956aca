using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Rectification.Web.Infrastructure;

/// <summary>Model binding's own messages ("the value is invalid") in the user's language.</summary>
public sealed class LocalizedModelBindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var localizer = factory.Create(typeof(SharedResource));
        var messages = options.ModelBindingMessageProvider;
        messages.SetValueIsInvalidAccessor(value => localizer["值“{0}”无效。", value]);
        messages.SetValueMustBeANumberAccessor(field => localizer["{0}必须是数字。", field]);
        messages.SetValueMustNotBeNullAccessor(field => localizer["请填写{0}", field]);
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => localizer["{1}的值“{0}”无效。", value, field]);
        messages.SetMissingBindRequiredValueAccessor(field => localizer["请填写{0}", field]);
        messages.SetMissingKeyOrValueAccessor(() => localizer["请填写此项。"]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => localizer["请求内容不能为空。"]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => localizer["值“{0}”无效。", value]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => localizer["填写的值无效。"]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => localizer["此项必须是数字。"]);
        messages.SetUnknownValueIsInvalidAccessor(field => localizer["{0}的值无效。", field]);
    }
}
