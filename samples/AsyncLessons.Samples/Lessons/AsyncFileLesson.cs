using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncLessons.Samples.Lessons;

/// <summary>
/// AL0005's and AL0008's lesson, the notes' <c>aiofiles</c> example: write a file, then read it back, through the async
/// API — one after the other. The notes start both at once (<c>gather(write_task, read_task)</c>); that is a race. The
/// second half of this lesson runs it once as written and shows what the read saw, then walks the write step by step,
/// without racing, to show every answer such a read could get.
/// </summary>
public sealed class AsyncFileLesson : ILesson
{
    private const string Data = "Hello, world!";

    public string Name => "files";

    public string Title => "Async file I/O: write, then read back, in sequence (starting both at once is a race)";

    public async Task RunAsync(LessonContext context, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("asynclessons-files-");
        try
        {
            var path = Path.Combine(folder.FullName, "example.txt");

            var stopwatch = Stopwatch.StartNew();
            await WriteToFileAsync(path, Data, cancellationToken);
            var text = await ReadFromFileAsync(path, cancellationToken);
            context.WriteLine($"write, then read: read back \"{text}\" ({text.Length} characters) in {Measure.Ms(stopwatch.Elapsed)}");

            await RaceAsync(context, Path.Combine(folder.FullName, "together.txt"), cancellationToken);
            await ShowTheRaceAsync(context, Path.Combine(folder.FullName, "race.txt"), cancellationToken);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary><c>write_to_file(filename, data)</c>.</summary>
    private static Task WriteToFileAsync(string path, string data, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(path, data, cancellationToken);

    /// <summary><c>read_from_file(filename)</c>.</summary>
    private static Task<string> ReadFromFileAsync(string path, CancellationToken cancellationToken) =>
        File.ReadAllTextAsync(path, cancellationToken);

    /// <summary>
    /// The notes' version, run as written: the write and the read started at once and gathered. What the read sees
    /// depends on timing; AL0008 reports this, and its fix is the order used above.
    /// </summary>
    private static async Task RaceAsync(LessonContext context, string path, CancellationToken cancellationToken)
    {
#pragma warning disable AL0008 // The notes' race, run on purpose to show what the read sees.
        var writeTask = WriteToFileAsync(path, Data, cancellationToken);
        var readTask = TryReadAsync(path, cancellationToken);
        await Task.WhenAll(writeTask, readTask);
#pragma warning restore AL0008
        context.WriteLine($"write and read started together (gather): the read saw {await readTask}; the file now holds \"{await File.ReadAllTextAsync(path, cancellationToken)}\"");
    }

    /// <summary>
    /// Started together, the read can begin at any point of the write. This walks the write one step at a time and,
    /// after each step, reads what a read starting right then would get. Each of these answers is possible when the
    /// two run at once; which one you get depends on timing.
    /// </summary>
    private static async Task ShowTheRaceAsync(LessonContext context, string path, CancellationToken cancellationToken)
    {
        context.WriteLine("why not write and read at once, as gather(write_task, read_task) does? The read sees whatever the write has done so far:");

        context.WriteLine($"  read before the write opens the file:    {await TryReadAsync(path, cancellationToken)}");

        await using (var writer = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 4096, FileOptions.Asynchronous))
        {
            context.WriteLine($"  read after the file is created:          {await TryReadAsync(path, cancellationToken)}");

            await writer.WriteAsync(Encoding.UTF8.GetBytes(Data[..7]), cancellationToken);
            await writer.FlushAsync(cancellationToken);
            context.WriteLine($"  read after the first part is written:    {await TryReadAsync(path, cancellationToken)}");

            await writer.WriteAsync(Encoding.UTF8.GetBytes(Data[7..]), cancellationToken);
        }

        context.WriteLine($"  read after the write completes:          {await TryReadAsync(path, cancellationToken)}");
        context.WriteLine("four different answers from the same two tasks: a race. Await the write, then read.");
    }

    /// <summary>Reads the whole file as a concurrent reader would (sharing it with a writer), or says why it cannot.</summary>
    private static async Task<string> TryReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 4096, FileOptions.Asynchronous);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return $"\"{await reader.ReadToEndAsync(cancellationToken)}\"";
        }
        catch (FileNotFoundException)
        {
            return "FileNotFoundException";
        }
    }
}
