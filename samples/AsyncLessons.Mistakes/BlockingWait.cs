using System.Threading.Tasks;

namespace AsyncLessons.Mistakes;

/// <summary>The wrong version of the event-loop lesson: blocking on tasks inside async code.</summary>
public static class BlockingWait
{
    public static async Task<int> SumPricesAsync(Task<int> first, Task<int> second)
    {
        await Task.Yield();

        // AL0004: Task.WaitAll holds this thread until both finish; 'await Task.WhenAll(first, second)' would not.
        Task.WaitAll(first, second);

        // Silent: after the wait above, both tasks are complete (the rule knows it after an await, too).
        var total = first.Result + second.Result;

        // AL0004: .Result on a task that may still be running blocks this thread; 'await LoadTaxAsync()' would not.
        var tax = LoadTaxAsync().Result;
        return total + tax;
    }

    private static Task<int> LoadTaxAsync() => Task.Run(() => 7);
}
