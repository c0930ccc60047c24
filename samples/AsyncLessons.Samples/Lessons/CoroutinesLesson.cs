using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncLessons.Samples.Lessons;

/// <summary>
/// Coroutines: calling an async method starts it and hands back a <see cref="Task"/> at its first <c>await</c>;
/// awaiting that task pauses the caller, not the thread. Runs on a one-at-a-time <see cref="EventLoop"/>, where a
/// heartbeat keeps ticking while <c>main</c> awaits: the loop was free the whole time.
/// </summary>
public sealed class CoroutinesLesson : ILesson
{
    public string Name => "coroutines";

    public string Title => "Calling an async method returns a Task; awaiting it pauses the caller, not the thread";

    public Task RunAsync(LessonContext context, CancellationToken cancellationToken) =>
        EventLoop.RunAsync(() => MainAsync(context, cancellationToken), cancellationToken);

    private static async Task MainAsync(LessonContext context, CancellationToken cancellationToken)
    {
        // A heartbeat on the same one-at-a-time loop counts its ticks while main is awaiting. If awaiting held the
        // thread, the loop could not run it, and it would count none.
        var mainIsAwaiting = false;
        using var ticker = new PeriodicTimer(context.Unit / 10);
        var heartbeat = CountTicksAsync(ticker, () => mainIsAwaiting);

        context.WriteLine("main: calling MyCoroutineAsync()");
        var stopwatch = Stopwatch.StartNew();
        var coroutine = Coroutines.MyCoroutineAsync(context, context.Unit, cancellationToken);
        context.WriteLine($"main: the call returned a Task after {Measure.Ms(stopwatch.Elapsed)}, IsCompleted = {coroutine.IsCompleted}");
        context.WriteLine("main: (unlike Python, the call already ran the method up to its first await: 'coroutine started' came first)");

        mainIsAwaiting = true;
        await coroutine;
        mainIsAwaiting = false;
        var awaited = stopwatch.Elapsed;
        ticker.Dispose(); // ends the heartbeat: its pending WaitForNextTickAsync returns false
        var ticks = await heartbeat;

        context.WriteLine($"main: awaited the Task, done after {Measure.Ms(awaited)}");
        context.WriteLine($"heartbeat: ticked {ticks} times on the same one-at-a-time loop while main was awaiting: await paused main, not the thread");
    }

    /// <summary>Counts the ticks of <paramref name="ticker"/> that come while <paramref name="counting"/> holds, until the ticker is disposed.</summary>
    private static async Task<int> CountTicksAsync(PeriodicTimer ticker, Func<bool> counting)
    {
        var ticks = 0;
        while (await ticker.WaitForNextTickAsync())
        {
            if (counting())
            {
                ticks++;
            }
        }

        return ticks;
    }
}
