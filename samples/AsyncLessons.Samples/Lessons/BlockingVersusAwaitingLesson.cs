using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncLessons.Samples.Lessons;

/// <summary>
/// AL0004's lesson (the event loop): the same waits, run on a pool of only two workers. Blocking ones hold a worker
/// each, so they queue up two at a time; awaited ones hand the worker back, so they all wait together.
/// </summary>
public sealed class BlockingVersusAwaitingLesson : ILesson
{
    private const int Workers = 2;
    private const int Jobs = 6;

    public string Name => "blocking";

    public string Title => "Six waits on two workers: blocking queues them, awaiting overlaps them";

    public async Task RunAsync(LessonContext context, CancellationToken cancellationToken)
    {
        var blocking = await TimeAsync(scheduler => Task.Factory.StartNew(
            () => Thread.Sleep(context.Unit), // the wrong way, on purpose: this worker can do nothing else meanwhile
            cancellationToken,
            TaskCreationOptions.None,
            scheduler));
        await context.Output.WriteLineAsync($"blocking: {Jobs} waits of {context.Unit.TotalMilliseconds} ms on {Workers} workers took {blocking.TotalMilliseconds:F0} ms");

        var awaiting = await TimeAsync(scheduler => Task.Factory.StartNew(
            () => Task.Delay(context.Unit, cancellationToken),
            cancellationToken,
            TaskCreationOptions.None,
            scheduler).Unwrap());
        await context.Output.WriteLineAsync($"awaiting: {Jobs} waits of {context.Unit.TotalMilliseconds} ms on {Workers} workers took {awaiting.TotalMilliseconds:F0} ms");
    }

    /// <summary>Starts <see cref="Jobs"/> jobs on a scheduler that runs at most <see cref="Workers"/> at a time, and times them all.</summary>
    private static async Task<TimeSpan> TimeAsync(Func<TaskScheduler, Task> start)
    {
        var scheduler = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, Workers).ConcurrentScheduler;
        var clock = Stopwatch.StartNew();
        var jobs = new Task[Jobs];
        for (var i = 0; i < Jobs; i++)
        {
            jobs[i] = start(scheduler);
        }

        await Task.WhenAll(jobs);
        return clock.Elapsed;
    }
}
