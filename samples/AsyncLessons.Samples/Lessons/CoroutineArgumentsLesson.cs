using System.Threading;
using System.Threading.Tasks;

namespace AsyncLessons.Samples.Lessons;

/// <summary>
/// Coroutines with arguments: <c>gather(my_coroutine(1), my_coroutine(2), my_coroutine(3))</c>. They start in call
/// order, end in the order their waits finish, and <see cref="Task.WhenAll{TResult}(Task{TResult}[])"/> hands back the
/// results in argument order whatever order they ended in.
/// </summary>
public sealed class CoroutineArgumentsLesson : ILesson
{
    public string Name => "arguments";

    public string Title => "Coroutines with arguments: start order, end order, and the order of results";

    public async Task RunAsync(LessonContext context, CancellationToken cancellationToken)
    {
        context.WriteLine("equal waits, as in the notes:");
        var results = await Task.WhenAll(
            Coroutines.MyCoroutineAsync(context, 1, context.Unit, cancellationToken),
            Coroutines.MyCoroutineAsync(context, 2, context.Unit, cancellationToken),
            Coroutines.MyCoroutineAsync(context, 3, context.Unit, cancellationToken));
        context.WriteLine($"results: [{string.Join(", ", results)}]");

        context.WriteLine("the first call waits longest, the last one shortest:");
        var reversed = await Task.WhenAll(
            Coroutines.MyCoroutineAsync(context, 1, context.Unit * 0.6, cancellationToken),
            Coroutines.MyCoroutineAsync(context, 2, context.Unit * 0.4, cancellationToken),
            Coroutines.MyCoroutineAsync(context, 3, context.Unit * 0.2, cancellationToken));
        context.WriteLine($"results: [{string.Join(", ", reversed)}]");
        context.WriteLine("they start in call order (a call runs up to its first await before it returns);");
        context.WriteLine("they end as their waits finish (with equal waits that order is not defined: the notes' asyncio printed 1, 2, 3);");
        context.WriteLine("Task.WhenAll's results keep the argument order, whatever order the tasks ended in");
    }
}
