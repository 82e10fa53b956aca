using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// Every controller action is discovered from the app's own endpoints: the ones reachable without signing in must
/// be exactly the allow-list below, and every other one, requested without a session, sends the visitor to the login.
/// </summary>
public sealed class AnonymousAccessTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly HashSet<string> s_allowList =
    [
        "Account.Login", "Account.LoginWithCode", "Account.LoginWithRecoveryCode", "Account.AccessDenied",
        "Home.Error", "Home.Status", "Language.Set",
        "PublicReports.Index", "PublicReports.Report", "PublicReports.Comment",
    ];

    [Fact]
    public void Only_the_allow_listed_actions_are_open_without_signing_in()
    {
        var anonymous = Actions().Where(a => a.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(a => a.Name).ToHashSet();

        Assert.Equal(s_allowList.Order(), anonymous.Order());
    }

    [Fact]
    public async Task Every_other_action_sends_an_anonymous_visitor_to_the_login()
    {
        using var visitor = app.Anonymous();
        var closed = Actions().Where(a => a.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null).ToList();
        Assert.True(closed.Count > 80, $"Only {closed.Count} actions found");

        var leaks = new List<string>();
        foreach (var action in closed)
        {
            var url = "/" + string.Join('/', action.Endpoint.RoutePattern.PathSegments.Select(segment =>
                string.Concat(segment.Parts.Select(part => part switch
                {
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => parameter.Name switch
                    {
                        "controller" => action.Descriptor.ControllerName,
                        "action" => action.Descriptor.ActionName,
                        _ => "1",
                    },
                    _ => string.Empty,
                }))));
            foreach (var method in action.Methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method != "GET")
                {
                    request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = "1" });
                }

                var response = await visitor.Http.SendAsync(request);
                var location = response.Headers.Location?.ToString() ?? string.Empty;
                if (response.StatusCode != HttpStatusCode.Redirect || !location.Contains("/Account/Login", StringComparison.Ordinal))
                {
                    leaks.Add($"{method} {url} ({action.Name}) answered {(int)response.StatusCode} {location}");
                }
            }
        }

        Assert.Empty(leaks);
    }

    private sealed record ActionEndpoint(string Name, RouteEndpoint Endpoint, ControllerActionDescriptor Descriptor, IReadOnlyList<string> Methods);

    private List<ActionEndpoint> Actions() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Descriptor: e.Metadata.GetMetadata<ControllerActionDescriptor>()))
            .Where(e => e.Descriptor is not null)
            .Select(e => new ActionEndpoint(
                $"{e.Descriptor!.ControllerName}.{e.Descriptor.ActionName}", e.Endpoint, e.Descriptor,
                e.Endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.ToList() is { Count: > 0 } methods ? methods : ["GET"]))
            .ToList();
}
