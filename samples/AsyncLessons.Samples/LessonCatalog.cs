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
    /// <summary>The lesson's base unit of waiting: one second, or 100 ms in quick mode.</summary>
    public TimeSpan Unit => Quick ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1);
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
        new GatherLesson(),
        new GatherManyLesson(),
        new NonBlockingSleepLesson(),
        new AwaitEveryTaskLesson(),
        new BlockingVersusAwaitingLesson(),
        new AsyncFileLesson(),
    };
}
