using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncLessons.Samples.Lessons;

namespace AsyncLessons.Samples;

/// <summary>What a lesson gets: where to write, and whether to use short delays (for tests).</summary>
public sealed record LessonContext(TextWriter Output, bool Quick)
{
    private readonly Lock _gate = new();

    /// <summary>The lesson's base unit of waiting: one second, or 200 ms in quick mode.</summary>
    public TimeSpan Unit => Quick ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(1);

    /// <summary>
    /// Prints one line. Lessons print from many tasks at once, so lines never interleave. Printing to the console is
    /// synchronous on purpose: a line is tiny, and an awaited write would only add noise to what is being measured.
    /// </summary>
    public void WriteLine(string line)
    {
        lock (_gate)
        {
            Output.WriteLine(line);
        }
    }
}

/// <summary>One lesson from the notes, runnable.</summary>
public interface ILesson
{
    string Name { get; }
    string Title { get; }
    Task RunAsync(LessonContext context, CancellationToken cancellationToken);
}

/// <summary>Every lesson, in the order of the notes.</summary>
public static class LessonCatalog
{
    public static IReadOnlyList<ILesson> All { get; } = new ILesson[]
    {
        new CoroutinesLesson(),
        new AwaitEveryTaskLesson(),
        new GatherLesson(),
        new CoroutineArgumentsLesson(),
        new EventLoopServerLesson(),
        new AsyncFileLesson(),
        new BlockingLesson(),
        new NonBlockingSleepLesson(),
        new GatherManyLesson(),
    };
}
