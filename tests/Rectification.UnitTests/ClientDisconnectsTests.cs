using Microsoft.AspNetCore.Http;
using Rectification.Web.Infrastructure;

namespace Rectification.UnitTests;

public sealed class ClientDisconnectsTests
{
    [Fact]
    public async Task A_request_cancelled_because_its_client_left_ends_as_499()
    {
        using var aborted = new CancellationTokenSource();
        var context = new DefaultHttpContext { RequestAborted = aborted.Token };
        await aborted.CancelAsync();

        await ClientDisconnects.InvokeAsync(context, c => Task.FromCanceled(c.RequestAborted));

        Assert.Equal(ClientDisconnects.ClientClosedRequest, context.Response.StatusCode);
    }

    [Fact]
    public async Task A_cancellation_while_the_client_is_still_there_stays_an_error()
    {
        using var other = new CancellationTokenSource();
        var context = new DefaultHttpContext();
        await other.CancelAsync();

        await Assert.ThrowsAsync<TaskCanceledException>(() => ClientDisconnects.InvokeAsync(context, _ => Task.FromCanceled(other.Token)));
    }

    [Fact]
    public async Task Other_failures_are_left_to_the_error_page()
    {
        using var aborted = new CancellationTokenSource();
        var context = new DefaultHttpContext { RequestAborted = aborted.Token };
        await aborted.CancelAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ClientDisconnects.InvokeAsync(context, _ => throw new InvalidOperationException("boom")));
    }
}
