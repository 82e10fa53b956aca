namespace Rectification.Core.Notifications;

/// <summary>
/// The retry rules both outboxes (e-mail and group robots) follow: a few attempts, a claim that expires when the
/// instance holding it stopped mid-send, and a short error text kept for the people who look after delivery.
/// </summary>
public static class OutboxRetry
{
    public const int MaxAttempts = 3;

    /// <summary>A claim older than this belonged to an instance that stopped mid-send; the message is tried again.</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(10);

    /// <summary>How long to wait after the given number of failed attempts: 1, 5, 25 minutes.</summary>
    public static TimeSpan BackOff(int failedAttempts) => TimeSpan.FromMinutes(Math.Pow(5, Math.Max(0, failedAttempts - 1)));

    public static string ErrorText(Exception exception) =>
        exception.Message.Length > 500 ? exception.Message[..500] : exception.Message;

    /// <summary>
    /// One run of an outbox: asks for a batch of pending ids, claims each with a conditional update (a message
    /// another instance claimed first is passed over), sends what it claimed, and goes on until a batch yields no
    /// claim. Both the batch query and the claims see the same stale-claim limit, taken when the batch is asked for.
    /// </summary>
    /// <param name="utcNow">The clock the outbox runs on.</param>
    /// <param name="pendingBatch">The next pending ids, given the current time and the stale-claim limit.</param>
    /// <param name="claim">Claims one id at the given time, given the stale-claim limit; the rows updated (0 or 1).</param>
    /// <param name="send">Sends one claimed message; whether it went out.</param>
    /// <returns>How many were sent.</returns>
    public static async Task<int> DrainAsync(
        Func<DateTime> utcNow,
        Func<DateTime, DateTime, Task<List<long>>> pendingBatch,
        Func<long, DateTime, DateTime, Task<int>> claim,
        Func<long, Task<bool>> send)
    {
        var sent = 0;
        while (true)
        {
            var now = utcNow();
            var staleClaim = now - ClaimTimeout;
            var claimedAny = false;
            foreach (var id in await pendingBatch(now, staleClaim))
            {
                if (await claim(id, utcNow(), staleClaim) == 0)
                {
                    continue; // another instance took it
                }

                claimedAny = true;
                if (await send(id))
                {
                    sent++;
                }
            }

            if (!claimedAny)
            {
                return sent;
            }
        }
    }
}
