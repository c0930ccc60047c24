using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncLessons.Mistakes;

/// <summary>The wrong version of the "a coroutine is something you can await" lesson.</summary>
public sealed class AsyncVoid
{
    private readonly List<string> _sent = new();

    // AL0006: async void. The caller cannot await it, and an exception here crashes the process.
    public async void SaveSettings(string path, string text)
    {
        await File.WriteAllTextAsync(path, text);
    }

    public async Task NotifyAllAsync(List<string> names)
    {
        // AL0006: the async lambda becomes an Action<string>. ForEach starts every send and returns at once;
        // "Everyone notified" prints before any send has finished, and a failing send crashes the process.
        names.ForEach(async name => await SendAsync(name));
        Console.WriteLine("Everyone notified");
        await Task.Yield();
    }

    public Timer StartPolling() =>
        // AL0006 (no code fix: TimerCallback must return void): this lambda is async void too.
        new(async _ => await SendAsync("poll"), null, TimeSpan.Zero, TimeSpan.FromSeconds(1));

    private async Task SendAsync(string name)
    {
        await Task.Delay(10);
        lock (_sent)
        {
            _sent.Add(name);
        }
    }
}
