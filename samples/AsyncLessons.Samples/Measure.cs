using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;

namespace AsyncLessons.Samples;

/// <summary>Small helpers the lessons share: timing, and printing a time the same way everywhere.</summary>
public static class Measure
{
    /// <summary>Runs <paramref name="work"/> and returns how long it took, start to finish.</summary>
    public static async Task<TimeSpan> TimeAsync(Func<Task> work)
    {
        var stopwatch = Stopwatch.StartNew();
        await work();
        return stopwatch.Elapsed;
    }

    /// <summary>Runs <paramref name="work"/> and returns its result and how long it took.</summary>
    public static async Task<(T Result, TimeSpan Elapsed)> TimeAsync<T>(Func<Task<T>> work)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = await work();
        return (result, stopwatch.Elapsed);
    }

    /// <summary>A duration as the lessons print it (the tests read it back): whole milliseconds.</summary>
    public static string Ms(TimeSpan duration) => $"{(long)duration.TotalMilliseconds} ms";

    /// <summary>How many times faster <paramref name="fast"/> was than <paramref name="slow"/>, e.g. "3.0x".</summary>
    public static string Speedup(TimeSpan slow, TimeSpan fast) =>
        fast > TimeSpan.Zero
            ? (slow.TotalMilliseconds / fast.TotalMilliseconds).ToString("0.0", CultureInfo.InvariantCulture) + "x"
            : "n/a";
}
