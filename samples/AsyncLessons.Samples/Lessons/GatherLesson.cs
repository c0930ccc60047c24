using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncLessons.Samples.Lessons;

/// <summary>
/// AL0001's lesson (<c>asyncio.gather</c>): three independent operations of one unit each take three units awaited
/// one after another, and about one unit when they are started together and awaited with <c>Task.WhenAll</c>.
/// </summary>
public sealed class GatherLesson : ILesson
{
    public string Name => "gather";

    public string Title => "Independent operations started together and awaited with Task.WhenAll";

    public async Task RunAsync(LessonContext context, CancellationToken cancellationToken)
    {
        var unit = context.Unit;

        var sequential = Stopwatch.StartNew();
#pragma warning disable AL0001 // The slow way, on purpose: the lesson measures it.
        var profile = await FetchAsync("profile", unit, cancellationToken);
        var orders = await FetchAsync("orders", unit, cancellationToken);
        var balance = await FetchAsync("balance", unit, cancellationToken);
#pragma warning restore AL0001
        sequential.Stop();
        context.Output.WriteLine($"one after another: {profile}, {orders}, {balance} in {sequential.ElapsedMilliseconds} ms");

        var together = Stopwatch.StartNew();
        var profileTask = FetchAsync("profile", unit, cancellationToken);
        var ordersTask = FetchAsync("orders", unit, cancellationToken);
        var balanceTask = FetchAsync("balance", unit, cancellationToken);
        await Task.WhenAll(profileTask, ordersTask, balanceTask);
        profile = await profileTask;
        orders = await ordersTask;
        balance = await balanceTask;
        together.Stop();
        context.Output.WriteLine($"with Task.WhenAll: {profile}, {orders}, {balance} in {together.ElapsedMilliseconds} ms");
    }

    /// <summary>Stands for a call to another service that takes <paramref name="duration"/>.</summary>
    public static async Task<string> FetchAsync(string what, TimeSpan duration, CancellationToken cancellationToken)
    {
        await Task.Delay(duration, cancellationToken);
        return what;
    }
}
