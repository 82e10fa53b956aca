using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Rectification.Web.Features.Evidence;

namespace Rectification.IntegrationTests.Infrastructure;

/// <summary>
/// A value an action binds from the request: its name as the form or query carries it ("Input.Title", "version",
/// "Input.Measures[0].Deadline"), its type, and whether a [Required] rule asks for it.
/// </summary>
public sealed record BoundField(string Name, Type Type, bool Required)
{
    public Type ValueType => Nullable.GetUnderlyingType(Type) ?? Type;
}

/// <summary>
/// One controller action and HTTP method, as the app's own endpoints describe it: its route, the roles its policies
/// let through, and every value it binds (its parameters and, for a model, the model's bindable properties).
/// </summary>
public sealed record AppAction(
    string Key,
    string Method,
    RouteEndpoint Endpoint,
    ControllerActionDescriptor Descriptor,
    bool Anonymous,
    IReadOnlySet<string>? AllowedRoles,
    IReadOnlyList<BoundField> Fields,
    bool AnyMethod)
{
    /// <summary>The action reads its multipart body itself (an upload), so MVC binds nothing from the form.</summary>
    public bool StreamsUpload => Endpoint.Metadata.GetMetadata<DisableFormValueModelBindingAttribute>() is not null;

    /// <summary>The route's own parameters ("id", "slug", "code"), not the controller and action names.</summary>
    public IReadOnlyList<RoutePatternParameterPart> RouteParameters =>
        [.. Endpoint.RoutePattern.Parameters.Where(p => p.Name is not ("controller" or "action"))];

    /// <summary>The action's parameters that name a record: the usual id names whatever their type, and any other "…Id" of a simple type.</summary>
    public IEnumerable<ParameterDescriptor> IdParameters => Descriptor.Parameters.Where(IsIdParameter);

    private static readonly HashSet<string> s_idNames = ["id", "findingId", "inspectionId", "replaces", "returnReportId"];

    private static bool IsIdParameter(ParameterDescriptor parameter)
    {
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        return s_idNames.Contains(parameter.Name)
            || (parameter.Name.EndsWith("Id", StringComparison.Ordinal) && (type == typeof(int) || type == typeof(long) || type == typeof(string) || type == typeof(Guid)));
    }

    public bool AllowsRole(string? role) => role is null ? Anonymous : AllowedRoles is null || AllowedRoles.Contains(role);

    /// <summary>The path with <paramref name="values"/> in its parameters (missing optional ones left out).</summary>
    public string Path(IReadOnlyDictionary<string, string> values)
    {
        var segments = new List<string>();
        foreach (var segment in Endpoint.RoutePattern.PathSegments)
        {
            var text = string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternParameterPart { Name: "controller" } => Descriptor.ControllerName,
                RoutePatternParameterPart { Name: "action" } => Descriptor.ActionName,
                RoutePatternParameterPart parameter => values.TryGetValue(parameter.Name, out var value) ? value : string.Empty,
                _ => string.Empty,
            }));
            if (text.Length > 0)
            {
                segments.Add(text);
            }
        }

        return "/" + string.Join('/', segments);
    }

    /// <summary>The route values when <paramref name="path"/> (no query) is this action's route, else null.</summary>
    public Dictionary<string, string>? Match(string path)
    {
        var given = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        var pattern = Endpoint.RoutePattern.PathSegments;
        if (given.Count > pattern.Count)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < pattern.Count; i++)
        {
            if (pattern[i].Parts is not [var part])
            {
                return null; // no complex segments in this app
            }

            var value = i < given.Count ? given[i] : null;
            switch (part)
            {
                case RoutePatternLiteralPart literal when !string.Equals(literal.Content, value, StringComparison.OrdinalIgnoreCase):
                    return null;
                case RoutePatternParameterPart { Name: "controller" or "action" } name:
                    var expected = name.Name == "controller" ? Descriptor.ControllerName : Descriptor.ActionName;
                    var actual = value ?? name.Default as string;
                    if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
                    {
                        return null;
                    }

                    break;
                case RoutePatternParameterPart parameter when value is null:
                    if (!parameter.IsOptional && parameter.Default is null)
                    {
                        return null;
                    }

                    break;
                case RoutePatternParameterPart parameter:
                    if (parameter.ParameterPolicies.Any(p => p.Content == "int") && !int.TryParse(value, out _))
                    {
                        return null;
                    }

                    values[parameter.Name] = value;
                    break;
            }
        }

        return values;
    }
}

/// <summary>Discovers every controller action from the running app's endpoint data source: no hand-kept list.</summary>
public static class AppActions
{
    public static async Task<List<AppAction>> DiscoverAsync(IServiceProvider services)
    {
        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var metadata = services.GetRequiredService<IModelMetadataProvider>();
        var actions = new List<AppAction>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<ControllerActionDescriptor>() is not { } descriptor)
            {
                continue;
            }

            var roles = await AllowedRolesAsync(endpoint, policies);
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var fields = BoundFields(descriptor, metadata);
            // An action without a method attribute answers any method: it is listed as GET and as POST.
            var listed = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.ToList() ?? [];
            var methods = listed.Count > 0 ? listed : ["GET", "POST"];
            actions.AddRange(methods.Select(method => new AppAction(
                $"{descriptor.ControllerName}.{descriptor.ActionName} {method}", method, endpoint, descriptor, anonymous, roles, fields, listed.Count == 0)));
        }

        return actions;
    }

    /// <summary>The roles every policy on the endpoint lets through; null when no policy names roles.</summary>
    private static async Task<IReadOnlySet<string>?> AllowedRolesAsync(RouteEndpoint endpoint, IAuthorizationPolicyProvider policies)
    {
        HashSet<string>? allowed = null;
        foreach (var data in endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>())
        {
            var policy = data.Policy is { } name ? await policies.GetPolicyAsync(name) : null;
            foreach (var requirement in policy?.Requirements.OfType<RolesAuthorizationRequirement>() ?? [])
            {
                allowed = allowed is null ? [.. requirement.AllowedRoles] : [.. allowed.Intersect(requirement.AllowedRoles)];
            }
        }

        return allowed;
    }

    private static List<BoundField> BoundFields(ControllerActionDescriptor descriptor, IModelMetadataProvider provider)
    {
        var fields = new List<BoundField>();
        foreach (var parameter in descriptor.Parameters.OfType<ControllerParameterDescriptor>())
        {
            var source = parameter.BindingInfo?.BindingSource;
            if (parameter.ParameterType == typeof(CancellationToken) || source == BindingSource.Services || source == BindingSource.Special)
            {
                continue;
            }

            var metadata = provider is ModelMetadataProvider parameters
                ? parameters.GetMetadataForParameter(parameter.ParameterInfo)
                : provider.GetMetadataForType(parameter.ParameterType);
            // A model without a prefix binds its properties by their own names (a filter's "Status", a form's "Password").
            var name = parameter.BindingInfo?.BinderModelName ?? (metadata.IsComplexType ? string.Empty : parameter.Name);
            Flatten(metadata, name, depth: 0, fields);
        }

        return fields;
    }

    private static void Flatten(ModelMetadata metadata, string name, int depth, List<BoundField> fields)
    {
        if (metadata.IsEnumerableType && metadata.ModelType != typeof(string) && metadata.ElementMetadata is { } element)
        {
            Flatten(element, name + "[0]", depth + 1, fields);
            return;
        }

        if (!metadata.IsComplexType)
        {
            var required = metadata.ValidatorMetadata.OfType<RequiredAttribute>().Any() && !metadata.ModelType.IsValueType;
            fields.Add(new BoundField(name, metadata.ModelType, required));
            return;
        }

        if (depth > 3)
        {
            return;
        }

        foreach (var property in metadata.Properties.Where(p => p.IsBindingAllowed && !p.IsReadOnly))
        {
            var propertyName = property.BinderModelName ?? property.PropertyName!;
            Flatten(property, name.Length == 0 ? propertyName : $"{name}.{propertyName}", depth + 1, fields);
        }
    }
}
