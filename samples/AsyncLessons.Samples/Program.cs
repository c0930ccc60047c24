using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncLessons.Samples;

// Runs the lessons from the asyncio notes, retold in C#: `--list`, `--lesson NAME`, `--quick`.
var options = SampleOptions.Parse(args, Console.Error);
if (options is null)
{
    return 2;
}

if (options.List)
{
    foreach (var lesson in LessonCatalog.All)
    {
        Console.WriteLine($"{lesson.Name,-12} {lesson.Title}");
    }

    return 0;
}

var selected = options.LessonName is null
    ? LessonCatalog.All
    : LessonCatalog.All.Where(l => string.Equals(l.Name, options.LessonName, StringComparison.OrdinalIgnoreCase)).ToArray();
if (selected.Count == 0)
{
    Console.Error.WriteLine($"Unknown lesson '{options.LessonName}'. Known lessons: {string.Join(", ", LessonCatalog.All.Select(l => l.Name))}.");
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

// One lesson at a time, on purpose: each one measures its own timings.
try
{
    foreach (var lesson in selected)
    {
        Console.WriteLine($"== {lesson.Name}: {lesson.Title}");
        await lesson.RunAsync(new LessonContext(Console.Out, options.Quick), cancellation.Token);
        Console.WriteLine();
    }
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}

return 0;
