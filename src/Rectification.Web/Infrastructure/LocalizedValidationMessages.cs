using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Rectification.Web.Infrastructure;

/// <summary>
/// Every validation rule has a message in the user's language. A DataAnnotations attribute written without an
/// ErrorMessage, the [Required] MVC infers for a non-nullable reference type, and the one it adds in the page for a
/// non-nullable value type (a check box's bool, a form's int version) would otherwise put the framework's English
/// into the form's errors and its <c>data-val-*</c> attributes (The 启用 field is required.). Each gets a Chinese
/// message here, a key of the shared resource that the data-annotations localiser translates like any other.
/// </summary>
/// <remarks>Runs after the data-annotations provider (see WebSetup), so that it sees the rules that provider infers.</remarks>
public sealed class LocalizedValidationMessages : IValidationMetadataProvider
{
    public const string Required = "请填写{0}";

    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        var validators = context.ValidationMetadata.ValidatorMetadata;

        // The client-side rule MVC adds for a non-nullable value type is made only when no [Required] is there:
        // this one takes its place, with a message. A value type is never null, so on the server it never fails.
        var type = context.Key.ModelType;
        if (context.Key.MetadataKind == ModelMetadataKind.Property && type.IsValueType && Nullable.GetUnderlyingType(type) is null
            && !validators.OfType<RequiredAttribute>().Any())
        {
            validators.Add(new RequiredAttribute { ErrorMessage = Required });
        }

        foreach (var attribute in validators.OfType<ValidationAttribute>().Concat(context.Attributes.OfType<ValidationAttribute>()))
        {
            if (string.IsNullOrEmpty(attribute.ErrorMessage) && attribute.ErrorMessageResourceType is null
                && string.IsNullOrEmpty(attribute.ErrorMessageResourceName))
            {
                attribute.ErrorMessage = MessageFor(attribute);
            }
        }
    }

    /// <summary>The message (a resource key) of a rule written without one; {0} is the field's display name.</summary>
    private static string MessageFor(ValidationAttribute attribute) => attribute switch
    {
        RequiredAttribute => Required,
        StringLengthAttribute or MaxLengthAttribute => "{0}不能超过{1}个字",
        MinLengthAttribute => "{0}不能少于{1}个字",
        RangeAttribute => "{0}必须在{1}和{2}之间",
        CompareAttribute => "{0}与{1}不一致",
        RegularExpressionAttribute or DataTypeAttribute => "{0}的格式不正确",
        _ => "{0}的值无效。",
    };
}
