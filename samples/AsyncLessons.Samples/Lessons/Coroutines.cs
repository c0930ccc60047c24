using System;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncLessons.Samples.Lessons;

/// <summary>The notes' <c>my_coroutine</c>, in C#: shared by the coroutine lessons.</summary>
public static class Coroutines
{
    /// <summary><c>async def my_coroutine(): print('coroutine started'); await asyncio.sleep(1); print('coroutine ended')</c>.</summary>
    public static async Task MyCoroutineAsync(LessonContext context, TimeSpan duration, CancellationToken cancellationToken)
    {
        context.WriteLine("coroutine started");
        await Task.Delay(duration, cancellationToken);
        context.WriteLine("coroutine ended");
    }

    /// <summary><c>async def my_coroutine(n)</c>: the same with an argument; returns <paramref name="n"/> so the caller can see the order of results.</summary>
    public static async Task<int> MyCoroutineAsync(LessonContext context, int n, TimeSpan duration, CancellationToken cancellationToken)
    {
        context.WriteLine($"coroutine started {n}");
        await Task.Delay(duration, cancellationToken);
        context.WriteLine($"coroutine ended {n}");
        return n;
    }
}
