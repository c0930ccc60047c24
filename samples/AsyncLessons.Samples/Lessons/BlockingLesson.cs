using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncLessons.Samples.Lessons;

/// <summary>
/// AL0002's and AL0004's lesson (the event loop must never block): many tasks share a small pool of two threads.
/// Tasks that wait with <c>Thread.Sleep</c> hold a thread each, so they take turns; tasks that
/// <c>await Task.Delay</c> give their thread back while they wait, so they all wait at once.
/// </summary>
public sealed class BlockingLesson : ILesson
{
    private const int TaskCount = 16;
    private const int PoolThreads = 2;

    public string Name => "blocking";

    public string Title => "Blocking versus non-blocking: Thread.Sleep against await Task.Delay on a pool of 2 threads";

    public async Task RunAsync(LessonContext context, CancellationToken cancellationToken)
    {
        var wait = context.Unit / 2;
        context.WriteLine($"{TaskCount} tasks, each waiting {Measure.Ms(wait)}, on a pool of {PoolThreads} threads:");

        var blocking = await Measure.TimeAsync(() => RunOnSmallPoolAsync(() => BlockingWaitAsync(wait), cancellationToken));
        context.WriteLine($"  {"Thread.Sleep (holds its thread):",-38}{Measure.Ms(blocking),8}  (the tasks take turns: {TaskCount / PoolThreads} rounds)");

        var nonBlocking = await Measure.TimeAsync(() => RunOnSmallPoolAsync(() => Task.Delay(wait, cancellationToken), cancellationToken));
        context.WriteLine($"  {"await Task.Delay (frees its thread):",-38}{Measure.Ms(nonBlocking),8}  (all wait at once: {Measure.Speedup(blocking, nonBlocking)} faster)");
    }

    /// <summary>
    /// Starts <see cref="TaskCount"/> copies of <paramref name="work"/> on a scheduler that runs at most
    /// <see cref="PoolThreads"/> of them at a time (a small pool), and waits for all of them.
    /// Each task's awaits resume on the same small pool.
    /// </summary>
    private static Task RunOnSmallPoolAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        var smallPool = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, PoolThreads).ConcurrentScheduler;
        var tasks = Enumerable.Range(0, TaskCount)
            .Select(_ => Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.DenyChildAttach, smallPool).Unwrap());
        return Task.WhenAll(tasks);
    }

    // ---- The wrong version, on purpose: it is what this lesson measures. ----
    // AL0002 rightly reports Thread.Sleep in async code (use await Task.Delay); here the point is to see what
    // the blocking wait costs, so the warning is silenced for this one line.
    private static async Task BlockingWaitAsync(TimeSpan wait)
    {
#pragma warning disable AL0002 // Thread.Sleep in async code: deliberate, measured baseline.
        Thread.Sleep(wait);
#pragma warning restore AL0002
        await Task.Yield();
    }
}
