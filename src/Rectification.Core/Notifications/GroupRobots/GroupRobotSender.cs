using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Rectification.Core.Time;

namespace Rectification.Core.Notifications.GroupRobots;

/// <summary>A post the robot's platform did not accept; the message says why, never the address or secret.</summary>
public sealed class GroupRobotDeliveryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Protects a robot's address and secret, and posts a message to it. The address is checked again before every
/// post (the allowed hosts may have changed since it was saved); redirects are not followed, and the HTTP client
/// has no request logging, since the address carries the robot's key.
/// </summary>
public sealed class GroupRobotSender(
    IHttpClientFactory httpClients,
    IDataProtectionProvider protection,
    IOptions<GroupRobotOptions> options,
    IHostEnvironment environment,
    BusinessClock clock)
{
    public const string HttpClientName = "GroupRobots";

    private readonly IDataProtector _protector = protection.CreateProtector("Rectification.GroupRobots.v1");

    public string Protect(string value) => _protector.Protect(value);

    public Uri? CheckAddress(string? address) => GroupRobotAddress.Parse(address, options.Value, environment.IsProduction());

    public async Task PostAsync(GroupRobot robot, string title, string text, CancellationToken cancellationToken)
    {
        string address;
        string? secret;
        try
        {
            address = _protector.Unprotect(robot.ProtectedAddress);
            secret = robot.ProtectedSecret is null ? null : _protector.Unprotect(robot.ProtectedSecret);
        }
        catch (System.Security.Cryptography.CryptographicException exception)
        {
            throw new GroupRobotDeliveryException("The saved address can no longer be read (data protection key lost); set the robot again.", exception);
        }

        var uri = CheckAddress(address)
            ?? throw new GroupRobotDeliveryException("The address's host is no longer allowed (GroupRobots:AllowedHosts).");
        using var request = new HttpRequestMessage(HttpMethod.Post, GroupRobotPost.Address(uri, secret, new DateTimeOffset(clock.UtcNow)))
        {
            Content = new StringContent(GroupRobotPost.Body(robot.Platform, title, text), Encoding.UTF8, "application/json"),
        };
        var client = httpClients.CreateClient(HttpClientName);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, options.Value.TimeoutSeconds)));
        string reply;
        int status;
        try
        {
            using var response = await client.SendAsync(request, timeout.Token);
            status = (int)response.StatusCode;
            reply = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GroupRobotDeliveryException($"No reply within {options.Value.TimeoutSeconds} s.", exception);
        }
        catch (HttpRequestException exception)
        {
            // The exception's text names host and port at most, never the query that carries the key.
            throw new GroupRobotDeliveryException($"{uri.Host}: {exception.Message}", exception);
        }

        if (GroupRobotPost.Refusal(status, reply) is { } refusal)
        {
            throw new GroupRobotDeliveryException(refusal);
        }
    }
}
