using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncLessons.Samples.Lessons;

/// <summary>
/// AL0007's lesson, <c>asyncio.gather(*(fetch(item) for item in items))</c>: independent work over many items.
/// A loop of awaits does one item at a time; <c>Task.WhenAll(items.Select(...))</c> does them all at once (results in
/// item order); <c>Parallel.ForEachAsync</c> does them a few at a time, for when "all at once" would overload the other side.
/// </summary>
public sealed class GatherManyLesson : ILesson
{
    private const int ItemCount = 8;
    private const int Bound = 3;

    public string Name => "gather-many";

    public string Title => "Many items: a loop of awaits, Task.WhenAll(items.Select(...)), Parallel.ForEachAsync with a bound";

    public async Task RunAsync(LessonContext context, CancellationToken cancellationToken)
    {
        var items = Enumerable.Range(1, ItemCount).ToArray();
        var work = context.Unit / 2;
        context.WriteLine($"{ItemCount} independent items, each taking {Measure.Ms(work)}:");

        var loopCounter = new InFlightCounter();
        var loopResults = new List<int>();
        var loop = await Measure.TimeAsync(() => OneAtATimeAsync(items, loopResults, loopCounter, work, cancellationToken));
        context.WriteLine($"  {"foreach with await inside:",-36}{Measure.Ms(loop),8}  at most {loopCounter.Max} in flight  results [{string.Join(", ", loopResults)}]");

        var allCounter = new InFlightCounter();
        var (allResults, all) = await Measure.TimeAsync(() =>
            Task.WhenAll(items.Select(item => FetchAsync(item, allCounter, work, cancellationToken))));
        context.WriteLine($"  {"Task.WhenAll(items.Select(...)):",-36}{Measure.Ms(all),8}  at most {allCounter.Max} in flight  results [{string.Join(", ", allResults)}]");

        var boundedCounter = new InFlightCounter();
        var boundedResults = new int[items.Length];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Bound, CancellationToken = cancellationToken };
        var bounded = await Measure.TimeAsync(() => Parallel.ForEachAsync(
            Enumerable.Range(0, items.Length),
            options,
            async (index, token) => boundedResults[index] = await FetchAsync(items[index], boundedCounter, work, token)));
        context.WriteLine($"  {$"Parallel.ForEachAsync, {Bound} at a time:",-36}{Measure.Ms(bounded),8}  at most {boundedCounter.Max} in flight  results [{string.Join(", ", boundedResults)}]");
    }

    /// <summary>One independent operation: fetches the square of <paramref name="item"/> after <paramref name="work"/>.</summary>
    private static async Task<int> FetchAsync(int item, InFlightCounter counter, TimeSpan work, CancellationToken cancellationToken)
    {
        using (counter.Enter())
        {
            await Task.Delay(work, cancellationToken);
            return item * item;
        }
    }

    // ---- The slow version, on purpose: it is the baseline this lesson measures. ----
    // This is the await-in-a-loop AL0007 is about (use Task.WhenAll). AL0007 stays silent here today only because
    // every iteration is handed the same `counter`, and it cannot know that sharing it is safe; the suppression
    // states the intent and keeps this measured baseline quiet should the rule learn that.
#pragma warning disable AL0007 // Await in a loop over independent items: deliberate, measured baseline.
    private static async Task OneAtATimeAsync(int[] items, List<int> results, InFlightCounter counter, TimeSpan work, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            results.Add(await FetchAsync(item, counter, work, cancellationToken));
        }
    }
#pragma warning restore AL0007

    /// <summary>Counts operations in flight and remembers the most there ever were at once.</summary>
    private sealed class InFlightCounter
    {
        private int _current;
        private int _max;

        public int Max => Volatile.Read(ref _max);

        public IDisposable Enter()
        {
            var now = Interlocked.Increment(ref _current);
            var max = Volatile.Read(ref _max);
            while (now > max)
            {
                var seen = Interlocked.CompareExchange(ref _max, now, max);
                if (seen == max)
                {
                    break;
                }

                max = seen;
            }

            return new Exit(this);
        }

        private sealed class Exit(InFlightCounter counter) : IDisposable
        {
            public void Dispose() => Interlocked.Decrement(ref counter._current);
        }
    }
}
