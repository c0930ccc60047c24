using System;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncLessons.Samples;

/// <summary>
/// The nearest thing to <c>asyncio.run(main())</c>: runs async code one piece at a time, never two pieces at once,
/// and resumes each piece after its <c>await</c> on the same loop. .NET's thread pool has many threads; this loop
/// shows that a single one-at-a-time loop is enough, because awaiting gives the loop back.
/// </summary>
public static class EventLoop
{
    public static Task RunAsync(Func<Task> main, CancellationToken cancellationToken)
    {
        // The exclusive scheduler runs at most one task at a time; awaits inside `main` capture it
        // (TaskScheduler.Current) and resume there, like callbacks queued on asyncio's loop.
        var loop = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default).ExclusiveScheduler;
        return Task.Factory.StartNew(main, cancellationToken, TaskCreationOptions.DenyChildAttach, loop).Unwrap();
    }
}
