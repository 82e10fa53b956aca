namespace Rectification.BrowserTests.Infrastructure;

/// <summary>
/// The steps of a journey that several tests share, each run once, in order, whichever test needs it first: a test
/// of step 4 runs steps 1–3 first if no test has yet. After a step fails, every later test fails with its reason.
/// </summary>
public sealed class Steps<TStep>
    where TStep : struct, Enum
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<TStep> _done = [];
    private Exception? _failure;
    private TStep _failedStep;

    public async Task ReachAsync(TStep target, Func<TStep, Task> run)
    {
        await _gate.WaitAsync();
        try
        {
            foreach (var step in Enum.GetValues<TStep>().Where(s => Comparer<TStep>.Default.Compare(s, target) <= 0))
            {
                if (_done.Contains(step))
                {
                    continue;
                }

                if (_failure is not null)
                {
                    throw new InvalidOperationException($"An earlier step ({_failedStep}) failed: {_failure.Message}", _failure);
                }

                try
                {
                    await run(step);
                    _done.Add(step);
                }
                catch (Exception e)
                {
                    (_failure, _failedStep) = (e, step);
                    throw;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
