using System.Buffers;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Rectification.IntegrationTests.Infrastructure;

/// <summary>
/// A real SMTP server in the test process, on a free loopback port, that keeps every message it accepts.
/// Point the app at it with <c>Smtp:Host</c> = <see cref="Host"/>, <c>Smtp:Port</c> = <see cref="Port"/> and
/// <c>Smtp:Security</c> = <c>None</c>.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly List<MimeMessage> _messages = [];
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    private TestSmtpServer()
    {
    }

    public string Host => "127.0.0.1";

    public int Port { get; private set; }

    /// <summary>The messages accepted so far, in order of arrival.</summary>
    public IReadOnlyList<MimeMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public static async Task<TestSmtpServer> StartAsync()
    {
        var server = new TestSmtpServer();
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        // Port 0 lets the system choose, so parallel tests never collide; the listener tells which it chose.
        listeners.EndpointStarted += (_, e) => listening.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);

        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)))
            .Build();
        var services = new ServiceProvider();
        services.Add(listeners);
        services.Add(new CollectingStore(server));

        server._running = new SmtpServer.SmtpServer(options, services).StartAsync(server._stop.Token);
        var started = await Task.WhenAny(listening.Task, server._running, Task.Delay(TimeSpan.FromSeconds(10)));
        if (started != listening.Task)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException("The test SMTP server did not start listening.", server._running.Exception);
        }

        server.Port = await listening.Task;
        return server;
    }

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived and returns them all; throws on timeout.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var messages = Messages;
            if (messages.Count >= count)
            {
                return messages;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                throw new TimeoutException(
                    $"Expected {count} e-mail(s) within {timeout}, got {Messages.Count}: " + string.Join(" | ", Messages.Select(m => m.Subject)));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // The server ends its listening loop by cancellation.
        }

        _stop.Dispose();
        _arrived.Dispose();
    }

    private void Add(MimeMessage message)
    {
        lock (_messages)
        {
            _messages.Add(message);
        }

        _arrived.Release();
    }

    private sealed class CollectingStore(TestSmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            server.Add(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
