using System.Threading;
using System.Threading.Tasks;

namespace AsyncLessons.Samples.Lessons;

/// <summary>
/// AL0001's lesson, the notes' headline example: <c>await asyncio.gather(my_coroutine(), my_coroutine(), my_coroutine())</c>.
/// Three independent one-second operations take three seconds awaited one after another, and one second together.
/// </summary>
public sealed class GatherLesson : ILesson
{
    public string Name => "gather";

    public string Title => "Three independent ~1 s operations: one after another, then together with Task.WhenAll";

    public async Task RunAsync(LessonContext context, CancellationToken cancellationToken)
    {
        context.WriteLine("await, await, await (one after another):");
        var sequential = await Measure.TimeAsync(() => OneAfterAnotherAsync(context, cancellationToken));

        context.WriteLine("await Task.WhenAll(MyCoroutineAsync(), MyCoroutineAsync(), MyCoroutineAsync()) (like asyncio.gather):");
        var together = await Measure.TimeAsync(() => Task.WhenAll(
            Coroutines.MyCoroutineAsync(context, context.Unit, cancellationToken),
            Coroutines.MyCoroutineAsync(context, context.Unit, cancellationToken),
            Coroutines.MyCoroutineAsync(context, context.Unit, cancellationToken)));

        context.WriteLine($"{"one after another:",-20}{Measure.Ms(sequential),8}");
        context.WriteLine($"{"Task.WhenAll:",-20}{Measure.Ms(together),8}  ({Measure.Speedup(sequential, together)} faster: the three waits overlap)");
    }

    // ---- The slow version, on purpose: it is the baseline this lesson measures. ----
    // These are the independent awaits AL0001 is about (start them together and await Task.WhenAll). AL0001 stays
    // silent here today only because every call is handed the same `context`, and it cannot know that sharing it is
    // safe; the suppression states the intent and keeps this measured baseline quiet should the rule learn that.
#pragma warning disable AL0001 // Sequential awaits of independent operations: deliberate, measured baseline.
    private static async Task OneAfterAnotherAsync(LessonContext context, CancellationToken cancellationToken)
    {
        await Coroutines.MyCoroutineAsync(context, context.Unit, cancellationToken);
        await Coroutines.MyCoroutineAsync(context, context.Unit, cancellationToken);
        await Coroutines.MyCoroutineAsync(context, context.Unit, cancellationToken);
    }
#pragma warning restore AL0001
}
