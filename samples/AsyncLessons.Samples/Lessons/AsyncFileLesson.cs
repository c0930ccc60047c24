using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncLessons.Samples.Lessons;

/// <summary>
/// AL0005's lesson (<c>aiofiles</c> and <c>async with</c>): write a file, then read it back, through the async API.
/// The two steps run one after the other: reading while the write is still in flight would race.
/// </summary>
public sealed class AsyncFileLesson : ILesson
{
    public string Name => "files";

    public string Title => "Write a file, then read it back, with the async file API";

    public async Task RunAsync(LessonContext context, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"asynclessons-{Path.GetRandomFileName()}.txt");
        try
        {
            await using (var writer = new StreamWriter(path))
            {
                await writer.WriteLineAsync("coroutines do nothing until awaited".AsMemory(), cancellationToken);
                await writer.WriteLineAsync("file I/O goes through the async API".AsMemory(), cancellationToken);
            }

            var lines = await File.ReadAllLinesAsync(path, cancellationToken);
            await context.Output.WriteLineAsync($"wrote and read back {lines.Length} lines: \"{lines[0]}\" ... \"{lines[^1]}\"");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
