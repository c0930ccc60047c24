using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncLessons.Samples.Lessons;

/// <summary>
/// AL0007's lesson (<c>asyncio.gather(*(fetch(i) for i in items))</c>): N independent items awaited in a loop take N
/// units; <c>Task.WhenAll</c> over the items takes about one; <c>Parallel.ForEachAsync</c> runs a bounded number at once.
/// </summary>
public sealed class GatherManyLesson : ILesson
{
    private const int ItemCount = 6;

    public string Name => "gather-many";

    public string Title => "Many independent items: one await per iteration, Task.WhenAll, Parallel.ForEachAsync";

    public async Task RunAsync(LessonContext context, CancellationToken cancellationToken)
    {
        var unit = context.Unit / 2;
        var items = Enumerable.Range(1, ItemCount).ToArray();

        var sequential = Stopwatch.StartNew();
        var one = new List<string>();
#pragma warning disable AL0007 // The slow way, on purpose: the lesson measures it.
        foreach (var item in items)
        {
            one.Add(await FetchAsync(item, unit, cancellationToken));
        }
#pragma warning restore AL0007
        context.Output.WriteLine($"one await per item: {string.Join(", ", one)} in {sequential.ElapsedMilliseconds} ms");

        var together = Stopwatch.StartNew();
        var all = await Task.WhenAll(items.Select(item => FetchAsync(item, unit, cancellationToken)));
        context.Output.WriteLine($"with Task.WhenAll: {string.Join(", ", all)} in {together.ElapsedMilliseconds} ms");

        var bounded = Stopwatch.StartNew();
        var options = new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(items, options, async (item, token) => await FetchAsync(item, unit, token));
        context.Output.WriteLine($"with Parallel.ForEachAsync, 2 at a time: {bounded.ElapsedMilliseconds} ms");
    }

    /// <summary>Stands for a call to another service that takes <paramref name="duration"/>.</summary>
    public static async Task<string> FetchAsync(int item, TimeSpan duration, CancellationToken cancellationToken)
    {
        await Task.Delay(duration, cancellationToken);
        return "item" + item;
    }
}
