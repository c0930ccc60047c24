using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncLessons.Samples.Lessons;

/// <summary>
/// AL0002's lesson (<c>asyncio.sleep</c>, not <c>time.sleep</c>): a polling loop waits with <c>await Task.Delay</c>,
/// so the thread is free for other work between polls.
/// </summary>
public sealed class NonBlockingSleepLesson : ILesson
{
    public string Name => "sleep";

    public string Title => "A polling loop that waits with await Task.Delay, not Thread.Sleep";

    public async Task RunAsync(LessonContext context, CancellationToken cancellationToken)
    {
        var interval = context.Unit / 5;
        var readyAt = Stopwatch.StartNew();
        var ready = Task.Delay(context.Unit, cancellationToken);

        var polls = await PollUntilAsync(() => ready.IsCompleted, interval, cancellationToken);
        context.WriteLine($"ready after {polls} polls, {readyAt.ElapsedMilliseconds} ms; each wait between polls released the thread");
    }

    /// <summary>Checks <paramref name="condition"/> every <paramref name="interval"/> until it holds; returns how many checks it took.</summary>
    public static async Task<int> PollUntilAsync(System.Func<bool> condition, System.TimeSpan interval, CancellationToken cancellationToken)
    {
        var polls = 1;
        while (!condition())
        {
            await Task.Delay(interval, cancellationToken);
            polls++;
        }

        return polls;
    }
}
