using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncLessons.Samples.Lessons;

/// <summary>
/// AL0003's lesson (a coroutine does nothing useful until it is awaited): the caller awaits the task it starts, so it
/// sees the result and any failure; work it really means to leave running is discarded visibly with <c>_ = ...</c>.
/// </summary>
public sealed class AwaitEveryTaskLesson : ILesson
{
    public string Name => "await";

    public string Title => "Await the task you start, or discard it on purpose with '_ = ...'";

    public async Task RunAsync(LessonContext context, CancellationToken cancellationToken)
    {
        var brewed = new List<string>();
        await BrewAsync("espresso", context.Unit / 10, brewed, cancellationToken);
        context.WriteLine($"after the await: {string.Join(", ", brewed)} brewed; the code after the call waited for it");

        try
        {
            await BrewAsync("decaf", context.Unit / 10, brewed, cancellationToken);
        }
        catch (InvalidOperationException exception)
        {
            context.WriteLine($"the await observed the failure: {exception.Message}");
        }

        var menu = new ConcurrentDictionary<string, bool>();
        _ = WarmUpAsync(menu); // fire-and-forget on purpose: nothing below depends on it
        context.WriteLine("the menu warm-up runs in the background, discarded on purpose with '_ = ...'");
    }

    /// <summary>Brews one coffee; there is no decaf.</summary>
    public static async Task BrewAsync(string name, TimeSpan duration, List<string> brewed, CancellationToken cancellationToken)
    {
        await Task.Delay(duration, cancellationToken);
        if (name == "decaf")
        {
            throw new InvalidOperationException("out of decaf");
        }

        brewed.Add(name);
    }

    private static async Task WarmUpAsync(ConcurrentDictionary<string, bool> menu)
    {
        await Task.Yield();
        menu["espresso"] = true;
    }
}
