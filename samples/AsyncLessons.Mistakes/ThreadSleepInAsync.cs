using System.Threading;
using System.Threading.Tasks;

namespace AsyncLessons.Mistakes;

/// <summary>The wrong version of the non-blocking sleep lesson (see samples/AsyncLessons.Samples for the right one).</summary>
public static class ThreadSleepInAsync
{
    public static async Task<int> PollUntilReadyAsync(System.Func<bool> isReady, CancellationToken cancellationToken)
    {
        var attempts = 0;
        while (!isReady())
        {
            attempts++;
            // AL0002: Thread.Sleep blocks this thread for the whole wait; 'await Task.Delay(100, cancellationToken)' would not.
            Thread.Sleep(100);
        }

        await Task.Yield();
        return attempts;
    }

    public static async Task RefreshUnderLockAsync(object gate, CancellationToken cancellationToken)
    {
        await Task.Delay(10, cancellationToken);
        lock (gate)
        {
            // AL0002 (no code fix: 'await' is not allowed inside 'lock'): move the wait out of the lock, or guard with
            // a SemaphoreSlim and 'await semaphore.WaitAsync(cancellationToken)' instead of 'lock'.
            Thread.Sleep(100);
        }
    }
}
