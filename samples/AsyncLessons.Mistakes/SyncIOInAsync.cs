using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncLessons.Mistakes;

/// <summary>The wrong version of the async file lesson: synchronous file I/O inside async code.</summary>
public static class SyncIOInAsync
{
    public static async Task<string> WriteThenReadAsync(string path, string text, CancellationToken cancellationToken)
    {
        await Task.Delay(1, cancellationToken);

        // AL0005: File.WriteAllText blocks the thread on the disk; 'await File.WriteAllTextAsync(path, text, cancellationToken)' would not.
        File.WriteAllText(path, text);

        // AL0005: 'using' flushes and closes the writer synchronously; 'await using' calls DisposeAsync.
        using (var log = new StreamWriter(path + ".log", append: true))
        {
            await log.WriteLineAsync("written");
        }

        using var reader = new StreamReader(path);

        // AL0005: ReadToEnd blocks; 'await reader.ReadToEndAsync(cancellationToken)' would not.
        return reader.ReadToEnd();
    }
}
