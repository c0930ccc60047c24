using System;
using System.Collections.Generic;
using System.Text;

namespace AsyncLessons.Corpus;

/// <summary>One generated source file.</summary>
public sealed record CorpusFile(string Name, string Text)
{
    public int LineCount
    {
        get
        {
            var lines = 1;
            foreach (var c in Text)
            {
                if (c == '\n')
                {
                    lines++;
                }
            }

            return lines;
        }
    }
}

/// <summary>
/// A deterministic generator of realistic async C#: per feature module a model, a repository interface and its
/// in-memory implementation, a service and a controller, with awaits, loops, lambdas, LINQ, <c>using</c>,
/// <c>try</c>/<c>catch</c>, <c>IAsyncEnumerable</c> and <c>lock</c> — and, at a low rate, the mistakes each
/// AsyncLessons rule catches (AL0001..AL0008), each marked by a trailing <c>// planted: ALxxxx</c> comment on the line
/// the rule reports (<see cref="PlantedMistakes"/>). Everything else is correct code every rule must stay silent on,
/// including the look-alikes real code is full of (awaits after <c>Task.WhenAll</c> read with <c>.Result</c>,
/// dependent awaits, a shared DbContext, state changes in order, readers over memory streams, event handlers).
/// Shared by the benchmark and the robustness tests; the code compiles without errors against the .NET reference
/// assemblies alone.
/// </summary>
public static class AsyncCorpus
{
    /// <summary>Modules at size 1×; a module is about 350 lines, so 1× is about 3,500 lines and 16× more than 50,000.</summary>
    public const int ModulesPerScale = 10;

    /// <summary>The default seed: the same seed always gives the same text.</summary>
    public const int DefaultSeed = 20261124;

    /// <summary>The chance that a module contains one rule's mistake (per rule, per module).</summary>
    public const double DefaultMistakeRate = 0.06;

    /// <summary>The rules whose mistakes the generator writes, in the order modules 0..7 are guaranteed to hold them.</summary>
    public static IReadOnlyList<string> MistakeRuleIds { get; } = new[] { "AL0001", "AL0002", "AL0003", "AL0004", "AL0005", "AL0006", "AL0007", "AL0008" };

    private static readonly string[] Domains =
    {
        "Order", "Customer", "Invoice", "Product", "Shipment", "Payment", "Review", "Coupon",
        "Ticket", "Account", "Report", "Booking", "Message", "Device", "Tenant", "Schedule",
    };

    /// <summary>The generated sources at size <paramref name="scale"/> (1, 4, 16, ...).</summary>
    public static IReadOnlyList<CorpusFile> GenerateScale(int scale, int seed = DefaultSeed) =>
        Generate(ModulesPerScale * scale, seed);

    /// <summary>
    /// <paramref name="modules"/> module files and one shared file. Module <c>i</c> for <c>i</c> &lt; 7 always holds the
    /// mistake of <see cref="MistakeRuleIds"/>[i]; every module holds each other mistake with probability
    /// <paramref name="mistakeRate"/>.
    /// </summary>
    public static IReadOnlyList<CorpusFile> Generate(int modules, int seed = DefaultSeed, double mistakeRate = DefaultMistakeRate)
    {
        var random = new Random(seed);
        var files = new List<CorpusFile>(modules + 1) { new("Common.cs", Common) };
        for (var i = 0; i < modules; i++)
        {
            var mistakes = new bool[MistakeRuleIds.Count];
            for (var r = 0; r < mistakes.Length; r++)
            {
                mistakes[r] = i == r || random.NextDouble() < mistakeRate;
            }

            var name = Domains[i % Domains.Length] + (i / Domains.Length).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            files.Add(new CorpusFile(name + ".cs", Module(name, mistakes, random)));
        }

        return files;
    }

    /// <summary>The marker the generator leaves at the end of the line where it plants a rule's mistake.</summary>
    public const string PlantedMarker = "// planted: ";

    /// <summary>
    /// Where the generator planted mistakes in <paramref name="files"/>: file name, 1-based line and rule id, read from
    /// the <see cref="PlantedMarker"/> comments (the line where the rule reports).
    /// </summary>
    public static IReadOnlyList<(string File, int Line, string RuleId)> PlantedMistakes(IReadOnlyList<CorpusFile> files)
    {
        var planted = new List<(string File, int Line, string RuleId)>();
        foreach (var file in files)
        {
            var lines = file.Text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var marker = lines[i].IndexOf(PlantedMarker, StringComparison.Ordinal);
                if (marker >= 0)
                {
                    planted.Add((file.Name, i + 1, lines[i].Substring(marker + PlantedMarker.Length).Trim()));
                }
            }
        }

        return planted;
    }

    /// <summary>Total lines of <paramref name="files"/>.</summary>
    public static int CountLines(IReadOnlyList<CorpusFile> files)
    {
        var total = 0;
        foreach (var file in files)
        {
            total += file.LineCount;
        }

        return total;
    }

    private const string Common = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Shop.Common;

        public interface ILogger
        {
            void Info(string message);
            void Error(Exception exception, string message);
        }

        public interface IAuditLog
        {
            Task WriteAsync(string message, CancellationToken cancellationToken = default);
        }

        public sealed class ConsoleLogger : ILogger
        {
            public void Info(string message) => Console.WriteLine(message);
            public void Error(Exception exception, string message) => Console.Error.WriteLine(message + ": " + exception.Message);
        }

        public sealed class MemoryAuditLog : IAuditLog
        {
            private readonly List<string> _entries = new();
            private readonly object _gate = new();

            public async Task WriteAsync(string message, CancellationToken cancellationToken = default)
            {
                await Task.Yield();
                cancellationToken.ThrowIfCancellationRequested();
                lock (_gate)
                {
                    _entries.Add(DateTimeOffset.UtcNow.ToString("O") + " " + message);
                }
            }

            public int Count
            {
                get
                {
                    lock (_gate)
                    {
                        return _entries.Count;
                    }
                }
            }
        }

        public sealed record Result<T>(bool Ok, T? Value, string? Error)
        {
            public static Result<T> Success(T value) => new(true, value, null);
            public static Result<T> Failure(string error) => new(false, default, error);
        }

        public sealed class NotFoundException : Exception
        {
            public NotFoundException(string message) : base(message) { }
        }

        """;

    private static string Planted(string ruleId) => PlantedMarker + ruleId;

    private static string Module(string name, bool[] mistakes, Random random)
    {
        var entity = name;
        var lower = char.ToLowerInvariant(name[0]) + name.Substring(1);
        var pageSize = 10 + random.Next(40);
        var retries = 2 + random.Next(4);
        var sb = new StringBuilder(12_000);
        sb.Append($$"""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using System.Net.Http;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;
            using Shop.Common;

            namespace Shop.{{name}}s;

            public sealed record {{entity}}(int Id, string Name, decimal Amount, DateTimeOffset CreatedAt, bool Archived);

            public interface I{{entity}}Repository
            {
                Task<{{entity}}?> FindAsync(int id, CancellationToken cancellationToken);
                Task<IReadOnlyList<{{entity}}>> ListAsync(int page, int pageSize, CancellationToken cancellationToken);
                Task SaveAsync({{entity}} item, CancellationToken cancellationToken);
                Task<bool> DeleteAsync(int id, CancellationToken cancellationToken);
                ValueTask<int> CountAsync(CancellationToken cancellationToken);
                IAsyncEnumerable<{{entity}}> StreamAsync(CancellationToken cancellationToken);
            }

            public sealed class InMemory{{entity}}Repository : I{{entity}}Repository
            {
                private readonly Dictionary<int, {{entity}}> _items = new();
                private readonly object _gate = new();

                public async Task<{{entity}}?> FindAsync(int id, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    lock (_gate)
                    {
                        return _items.TryGetValue(id, out var item) ? item : null;
                    }
                }

                public Task<IReadOnlyList<{{entity}}>> ListAsync(int page, int pageSize, CancellationToken cancellationToken)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    lock (_gate)
                    {
                        IReadOnlyList<{{entity}}> slice = _items.Values
                            .OrderBy(i => i.Id)
                            .Skip(page * pageSize)
                            .Take(pageSize)
                            .ToList();
                        return Task.FromResult(slice);
                    }
                }

                public async Task SaveAsync({{entity}} item, CancellationToken cancellationToken)
                {
                    await Task.Delay(1, cancellationToken).ConfigureAwait(false);
                    lock (_gate)
                    {
                        _items[item.Id] = item;
                    }
                }

                public Task<bool> DeleteAsync(int id, CancellationToken cancellationToken)
                {
                    lock (_gate)
                    {
                        return Task.FromResult(_items.Remove(id));
                    }
                }

                public ValueTask<int> CountAsync(CancellationToken cancellationToken)
                {
                    lock (_gate)
                    {
                        return new ValueTask<int>(_items.Count);
                    }
                }

                public async IAsyncEnumerable<{{entity}}> StreamAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
                {
                    {{entity}}[] snapshot;
                    lock (_gate)
                    {
                        snapshot = _items.Values.ToArray();
                    }

                    foreach (var item in snapshot)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        await Task.Yield();
                        yield return item;
                    }
                }
            }

            public static class {{entity}}Rules
            {
                public static bool IsValid({{entity}} item) =>
                    item.Id > 0 && !string.IsNullOrWhiteSpace(item.Name) && item.Amount >= 0m;

                public static string Category({{entity}} item) => item.Amount switch
                {
                    < 10m => "small",
                    < 1000m => "medium",
                    _ => "large",
                };

                public static decimal Total(IEnumerable<{{entity}}> items) =>
                    items.Where(i => !i.Archived).Sum(i => i.Amount);
            }

            public sealed class {{entity}}Service
            {
                private readonly I{{entity}}Repository _repository;
                private readonly IAuditLog _audit;
                private readonly HttpClient _http;
                private readonly ILogger _logger;
                private readonly string _exportDirectory;

                public {{entity}}Service(I{{entity}}Repository repository, IAuditLog audit, HttpClient http, ILogger logger, string exportDirectory)
                {
                    _repository = repository;
                    _audit = audit;
                    _http = http;
                    _logger = logger;
                    _exportDirectory = exportDirectory;
                }

                public async Task<{{entity}}> GetAsync(int id, CancellationToken cancellationToken)
                {
                    var item = await _repository.FindAsync(id, cancellationToken).ConfigureAwait(false);
                    if (item is null)
                    {
                        throw new NotFoundException("{{lower}} " + id + " was not found");
                    }

                    await _audit.WriteAsync("read {{lower}} " + item.Id, cancellationToken).ConfigureAwait(false);
                    return item;
                }

                public async Task<List<{{entity}}>> ListAllAsync(CancellationToken cancellationToken)
                {
                    var all = new List<{{entity}}>();
                    var page = 0;
                    while (true)
                    {
                        var batch = await _repository.ListAsync(page, {{pageSize}}, cancellationToken);
                        all.AddRange(batch);
                        if (batch.Count < {{pageSize}})
                        {
                            break;
                        }

                        page++;
                    }

                    return all;
                }

                public async Task<decimal> ActiveTotalAsync(CancellationToken cancellationToken)
                {
                    var total = 0m;
                    await foreach (var item in _repository.StreamAsync(cancellationToken))
                    {
                        if (!item.Archived && {{entity}}Rules.IsValid(item))
                        {
                            total += item.Amount;
                        }
                    }

                    return total;
                }

                public async Task<IReadOnlyList<{{entity}}>> FindManyAsync(IEnumerable<int> ids, CancellationToken cancellationToken)
                {
                    var found = await Task.WhenAll(ids.Select(id => _repository.FindAsync(id, cancellationToken)));
                    return found.Where(i => i is not null).Select(i => i!).ToList();
                }

                public async Task ExportAsync(string fileName, CancellationToken cancellationToken)
                {
                    var items = await ListAllAsync(cancellationToken);
                    var path = Path.Combine(_exportDirectory, fileName);
                    await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync: true);
                    await using var writer = new StreamWriter(stream, Encoding.UTF8);
                    foreach (var item in items.OrderBy(i => i.Name, StringComparer.Ordinal))
                    {
                        await writer.WriteLineAsync($"{item.Id};{item.Name};{item.Amount}");
                    }

                    await writer.FlushAsync(cancellationToken);
                    _logger.Info("exported " + items.Count + " {{lower}} rows to " + path);
                }

                public async Task<bool> RenameAsync(int id, string newName, CancellationToken cancellationToken)
                {
                    try
                    {
                        var item = await GetAsync(id, cancellationToken);
                        var renamed = item with { Name = newName.Trim() };
                        if (!{{entity}}Rules.IsValid(renamed))
                        {
                            return false;
                        }

                        await _repository.SaveAsync(renamed, cancellationToken);
                        return true;
                    }
                    catch (NotFoundException exception)
                    {
                        _logger.Error(exception, "rename failed");
                        return false;
                    }
                }

                public async Task<int> SaveWithRetryAsync({{entity}} item, CancellationToken cancellationToken)
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        try
                        {
                            await _repository.SaveAsync(item, cancellationToken);
                            return attempt;
                        }
                        catch (IOException exception) when (attempt < {{retries}})
                        {
                            _logger.Error(exception, "save failed, retrying");

            """);
        sb.Append(mistakes[1]
            ? "                Thread.Sleep(100 * attempt); " + Planted("AL0002") + "\n"
            : "                await Task.Delay(100 * attempt, cancellationToken);\n");
        sb.Append($$"""
                        }
                    }
                }

                public async Task<string> DescribeAsync(int id, CancellationToken cancellationToken)
                {

            """);
        if (mistakes[0])
        {
            sb.Append($$"""
                        var count = await _repository.CountAsync(cancellationToken); {{Planted("AL0001")}}
                        var remote = await _http.GetStringAsync("https://example.invalid/{{lower}}/" + id, cancellationToken);
                        return count + ":" + remote.Length;

                """);
        }
        else
        {
            sb.Append($$"""
                        var countTask = _repository.CountAsync(cancellationToken).AsTask();
                        var remoteTask = _http.GetStringAsync("https://example.invalid/{{lower}}/" + id, cancellationToken);
                        await Task.WhenAll(countTask, remoteTask);
                        return await countTask + ":" + (await remoteTask).Length;

                """);
        }

        sb.Append($$"""
                }

                public void Touch({{entity}} item)
                {
                    _logger.Info("touched {{lower}} " + item.Id);

            """);
        sb.Append(mistakes[2]
            ? "        _audit.WriteAsync(\"touched " + lower + " \" + item.Id); " + Planted("AL0003") + "\n"
            : "        _ = _audit.WriteAsync(\"touched " + lower + " \" + item.Id);\n");
        sb.Append($$"""
                }

                public async Task<string> SummaryAsync(int id, CancellationToken cancellationToken)
                {

            """);
        sb.Append(mistakes[3]
            ? "        var item = _repository.FindAsync(id, cancellationToken).Result; " + Planted("AL0004") + "\n"
            : "        var item = await _repository.FindAsync(id, cancellationToken);\n");
        sb.Append($$"""
                    return item is null ? "(none)" : item.Name + " (" + {{entity}}Rules.Category(item) + ")";
                }

                public async Task<string> RenderAsync(int id, string templateDirectory, CancellationToken cancellationToken)
                {
                    var item = await GetAsync(id, cancellationToken);
                    var templatePath = Path.Combine(templateDirectory, {{entity}}Rules.Category(item) + ".txt");

            """);
        sb.Append(mistakes[4]
            ? "        var template = File.ReadAllText(templatePath); " + Planted("AL0005") + "\n"
            : "        var template = await File.ReadAllTextAsync(templatePath, cancellationToken);\n");
        sb.Append($$"""
                    return template.Replace("{name}", item.Name).Replace("{amount}", item.Amount.ToString("F2"));
                }

                public async Task<IReadOnlyList<string>> FetchRemoteAsync(IReadOnlyList<int> ids, CancellationToken cancellationToken)
                {

            """);
        if (mistakes[6])
        {
            sb.Append($$"""
                        var pages = new List<string>();
                        foreach (var id in ids)
                        {
                            pages.Add(await _http.GetStringAsync("https://example.invalid/{{lower}}/" + id, cancellationToken)); {{Planted("AL0007")}}
                        }

                        return pages;

                """);
        }
        else
        {
            sb.Append($$"""
                        var pages = await Task.WhenAll(ids.Select(id => _http.GetStringAsync("https://example.invalid/{{lower}}/" + id, cancellationToken)));
                        return pages;

                """);
        }

        sb.Append($$"""
                }

                public async Task<int> ArchiveOldAsync(DateTimeOffset before, CancellationToken cancellationToken)
                {
                    var archived = 0;
                    var items = await ListAllAsync(cancellationToken);
                    foreach (var item in items.Where(i => i.CreatedAt < before && !i.Archived))
                    {
                        await _repository.SaveAsync(item with { Archived = true }, cancellationToken);
                        archived++;
                        _logger.Info("archived {{lower}} " + item.Id);
                    }

                    return archived;
                }

                public async Task<decimal> DifferenceAsync(int firstId, int secondId, CancellationToken cancellationToken)
                {
                    var first = _repository.FindAsync(firstId, cancellationToken);
                    var second = _repository.FindAsync(secondId, cancellationToken);
                    await Task.WhenAll(first, second).ConfigureAwait(false);
                    return (first.Result?.Amount ?? 0m) - (second.Result?.Amount ?? 0m);
                }

                public async Task<int> NeighbourCountAsync(int id, CancellationToken cancellationToken)
                {
                    var item = await GetAsync(id, cancellationToken);
                    var neighbours = await _repository.ListAsync(item.Id / {{pageSize}}, {{pageSize}}, cancellationToken);
                    return neighbours.Count;
                }

                public async Task<{{entity}}?> FirstExistingAsync(IEnumerable<int> ids, CancellationToken cancellationToken)
                {
                    {{entity}}? found = null;
                    foreach (var id in ids)
                    {
                        found = await _repository.FindAsync(id, cancellationToken);
                        if (found is not null)
                        {
                            break;
                        }
                    }

                    return found;
                }

                public async Task<string> WriteAndReadBackAsync(string fileName, string content, CancellationToken cancellationToken)
                {
                    var path = Path.Combine(_exportDirectory, fileName);
                    await File.WriteAllTextAsync(path, content, cancellationToken).ConfigureAwait(false);
                    var written = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
                    return written;
                }

                public async Task<int> ExportAndCheckAsync(IReadOnlyList<string> lines, CancellationToken cancellationToken)
                {
                    var path = Path.Combine(_exportDirectory, "{{lower}}-export.csv");

            """);
        if (mistakes[7])
        {
            sb.Append($$"""
                        var writeTask = File.WriteAllLinesAsync(path, lines, cancellationToken);
                        var checkTask = File.ReadAllLinesAsync(path, cancellationToken);
                        await Task.WhenAll(writeTask, checkTask); {{Planted("AL0008")}}
                        return (await checkTask).Length;

                """);
        }
        else
        {
            sb.Append($$"""
                        await Task.WhenAll(File.WriteAllLinesAsync(path, lines, cancellationToken), File.WriteAllTextAsync(path + ".done", "ok", cancellationToken));
                        return (await File.ReadAllLinesAsync(path, cancellationToken)).Length;

                """);
        }

        sb.Append($$"""
                }

                public async IAsyncEnumerable<string> StreamNamesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
                {
                    await foreach (var item in _repository.StreamAsync(cancellationToken).ConfigureAwait(false))
                    {
                        if (!item.Archived)
                        {
                            yield return item.Name;
                        }
                    }
                }

                public Task<int> DefaultPageSizeAsync() => Task.FromResult({{pageSize}});

                public void ScheduleCleanup()
                {
                    _ = Task.Run(() => ArchiveOldAsync(DateTimeOffset.UtcNow.AddYears(-1), CancellationToken.None));
                }
            }

            public sealed class {{entity}}DbContext
            {
                private readonly Dictionary<int, {{entity}}> _tracked = new();

                public async Task<{{entity}}?> FindAsync(int id, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    cancellationToken.ThrowIfCancellationRequested();
                    return _tracked.TryGetValue(id, out var item) ? item : null;
                }

                public void Update({{entity}} item) => _tracked[item.Id] = item;

                public async Task<int> SaveChangesAsync(CancellationToken cancellationToken)
                {
                    await Task.Delay(1, cancellationToken).ConfigureAwait(false);
                    return _tracked.Count;
                }
            }

            public sealed class {{entity}}Pipeline : IAsyncDisposable, IDisposable
            {
                private readonly SemaphoreSlim _throttle = new(4);
                private readonly List<Task> _background = new();
                private readonly MemoryStream _buffer = new();
                private readonly StreamWriter _log;
                private readonly Lazy<Task<int>> _warmUp;
                private Task? _pending;

                public {{entity}}Pipeline(string logPath)
                {
                    _log = new StreamWriter(logPath, append: true);
                    _warmUp = new Lazy<Task<int>>(() => Task.Run(() => 42));
                }

                public event EventHandler<int>? Progress;

                public void Start(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
                {
                    _pending = work(cancellationToken);
                    _background.Add(Task.Run(() => work(cancellationToken), cancellationToken));
                    Progress += async (sender, value) => await _log.WriteLineAsync("progress " + value);
                }

                public Task StopAsync() => _pending ?? Task.CompletedTask;

                public async Task<int> ProcessAsync(IReadOnlyList<{{entity}}> items, CancellationToken cancellationToken)
                {
                    if (!Directory.Exists("out"))
                    {
                        Directory.CreateDirectory("out");
                    }

                    var processed = 0;
                    foreach (var item in items)
                    {
                        await _throttle.WaitAsync(cancellationToken);
                        try
                        {
                            var bytes = Encoding.UTF8.GetBytes(item.Name);
                            _buffer.Write(bytes, 0, bytes.Length);
                            processed++;
                        }
                        finally
                        {
                            _throttle.Release();
                        }
                    }

                    await _log.WriteLineAsync("processed " + processed);
                    await _log.FlushAsync();
                    Console.WriteLine("processed " + processed);
                    Progress?.Invoke(this, processed);
                    return processed + await _warmUp.Value;
                }

                public async Task<string> DrainAsync(CancellationToken cancellationToken)
                {
                    await Task.WhenAll(_background).ConfigureAwait(false);
                    var pending = _pending ?? Task.CompletedTask;
                    await pending.ConfigureAwait(false);
                    _buffer.Position = 0;
                    using var reader = new StreamReader(_buffer, Encoding.UTF8, false, 1024, leaveOpen: true);
                    return reader.ReadToEnd();
                }

                public async Task RetryAsync(Func<Task> action, CancellationToken cancellationToken)
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            await action();
                            return;
                        }
                        catch (HttpRequestException)
                        {
                            await Task.Delay(TimeSpan.FromMilliseconds(50 << attempt), cancellationToken);
                        }
                    }
                }

                public async Task<int> SumSequentiallyAsync(IEnumerable<Func<int, Task<int>>> steps)
                {
                    var value = 0;
                    foreach (var step in steps)
                    {
                        value = await step(value);
                    }

                    return value;
                }

                public async Task<int> FirstFinishedAsync(Task<int> left, Task<int> right)
                {
                    var winner = await Task.WhenAny(left, right);
                    return winner.Result;
                }

                public async Task<int> ReadAfterAwaitAsync(Task<int> task)
                {
                    await task;
                    return task.Result;
                }

                public async Task<{{entity}}?> CloneAsync({{entity}} item, CancellationToken cancellationToken)
                {
                    using var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    var json = System.Text.Json.JsonSerializer.Serialize(item);
                    await Task.Yield();
                    using var copyBuffer = new MemoryStream();
                    System.Text.Json.JsonSerializer.Serialize(copyBuffer, item);
                    source.Cancel();
                    return System.Text.Json.JsonSerializer.Deserialize<{{entity}}>(json);
                }

                public async Task<int> SumAllAsync(IReadOnlyList<Func<Task<int>>> sources, CancellationToken cancellationToken)
                {
                    var started = new List<Task<int>>();
                    foreach (var source in sources)
                    {
                        started.Add(source());
                    }

                    await Task.WhenAll(started);
                    var sum = 0;
                    foreach (var task in started)
                    {
                        sum += task.Result;
                    }

                    var warm = _warmUp.Value;
                    await _log.WriteLineAsync("summing");
                    sum += await warm;
                    await Parallel.ForEachAsync(sources, cancellationToken, async (source, token) => sum += await source());
                    return sum;
                }

                public ValueTask<int> CachedAsync(int value) => new(value);

                public async Task<int> CompletedReadAsync()
                {
                    var cached = CachedAsync(3);
                    if (cached.IsCompletedSuccessfully)
                    {
                        return cached.Result;
                    }

                    return await cached;
                }

                public void Dispose()
                {
                    _log.Dispose();
                    _buffer.Dispose();
                    _throttle.Dispose();
                }

                public async ValueTask DisposeAsync()
                {
                    await _log.DisposeAsync();
                    await _buffer.DisposeAsync();
                    _throttle.Dispose();
                }
            }

            public sealed class {{entity}}Workflow
            {
                private readonly I{{entity}}Repository _repository;
                private readonly IAuditLog _audit;
                private readonly HttpClient _http;

                public {{entity}}Workflow(I{{entity}}Repository repository, IAuditLog audit, HttpClient http)
                {
                    _repository = repository;
                    _audit = audit;
                    _http = http;
                }

                public async Task PurgeAsync(int id, CancellationToken cancellationToken)
                {
                    await _repository.DeleteAsync(id, cancellationToken);
                    await _audit.WriteAsync("purge finished", cancellationToken);
                }

                public async Task<string> PublishAsync(string body, CancellationToken cancellationToken)
                {
                    using var content = new StringContent(body, Encoding.UTF8, "application/json");
                    using var response = await _http.PostAsync("https://example.invalid/{{lower}}/publish", content, cancellationToken);
                    response.EnsureSuccessStatusCode();
                    var status = await _http.GetStringAsync("https://example.invalid/{{lower}}/status", cancellationToken);
                    return status;
                }

                public async Task<string> PostThenReadAsync(CancellationToken cancellationToken)
                {
                    await _http.PostAsync("https://example.invalid/{{lower}}/rebuild", null, cancellationToken);
                    var state = await _http.GetStringAsync("https://example.invalid/{{lower}}/state", cancellationToken);
                    return state;
                }

                public async Task ArchiveThenNotifyAsync({{entity}} item, CancellationToken cancellationToken)
                {
                    await _repository.SaveAsync(item with { Archived = true }, cancellationToken);
                    await _audit.WriteAsync("archived", cancellationToken);
                }

                public async Task<int> DeleteThenCountAsync(int id, CancellationToken cancellationToken)
                {
                    await _repository.DeleteAsync(id, cancellationToken);
                    var remaining = await _repository.CountAsync(cancellationToken);
                    return remaining;
                }
            }

            public sealed class {{entity}}Merger
            {
                private readonly {{entity}}DbContext _db;

                public {{entity}}Merger({{entity}}DbContext db) => _db = db;

                public async Task<bool> MergeAsync(int keepId, int dropId, CancellationToken cancellationToken)
                {
                    var keep = await _db.FindAsync(keepId, cancellationToken);
                    var drop = await _db.FindAsync(dropId, cancellationToken);
                    if (keep is null || drop is null)
                    {
                        return false;
                    }

                    _db.Update(keep with { Amount = keep.Amount + drop.Amount });
                    _db.Update(drop with { Archived = true });
                    await _db.SaveChangesAsync(cancellationToken);
                    return true;
                }
            }

            public sealed class {{entity}}Controller
            {
                private readonly {{entity}}Service _service;
                private readonly ILogger _logger;
                private readonly Func<CancellationToken, Task> _refresh;

                public {{entity}}Controller({{entity}}Service service, ILogger logger)
                {
                    _service = service;
                    _logger = logger;
                    _refresh = async cancellationToken =>
                    {
                        var all = await _service.ListAllAsync(cancellationToken);
                        _logger.Info("refreshed " + all.Count + " {{lower}} rows");
                    };
                }

                public event EventHandler? Refreshed;

                public async Task<Result<{{entity}}>> GetAsync(int id, CancellationToken cancellationToken)
                {
                    try
                    {
                        return Result<{{entity}}>.Success(await _service.GetAsync(id, cancellationToken));
                    }
                    catch (NotFoundException exception)
                    {
                        return Result<{{entity}}>.Failure(exception.Message);
                    }
                }

                public async Task<Result<decimal>> TotalAsync(CancellationToken cancellationToken)
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(TimeSpan.FromSeconds(30));
                    var total = await _service.ActiveTotalAsync(timeout.Token);
                    return Result<decimal>.Success(total);
                }

                public Task<IReadOnlyList<{{entity}}>> SearchAsync(string text, CancellationToken cancellationToken) =>
                    SearchCoreAsync(text.Trim(), cancellationToken);

                private async Task<IReadOnlyList<{{entity}}>> SearchCoreAsync(string text, CancellationToken cancellationToken)
                {
                    var all = await _service.ListAllAsync(cancellationToken);
                    return all
                        .Where(i => i.Name.Contains(text, StringComparison.OrdinalIgnoreCase))
                        .OrderByDescending(i => i.Amount)
                        .ThenBy(i => i.Id)
                        .ToList();
                }

                public async void OnClick(object sender, EventArgs e)
                {
                    try
                    {
                        var total = await _service.ActiveTotalAsync(CancellationToken.None).ConfigureAwait(true);
                        _logger.Info("total " + total);
                    }
                    catch (Exception exception)
                    {
                        _logger.Error(exception, "click failed");
                    }
                }

                public async void OnRefreshRequested(object? sender, EventArgs e)
                {
                    try
                    {
                        await _refresh(CancellationToken.None);
                        Refreshed?.Invoke(this, EventArgs.Empty);
                    }
                    catch (Exception exception)
                    {
                        _logger.Error(exception, "refresh failed");
                    }
                }

            """);
        if (mistakes[5])
        {
            sb.Append($$"""
                    public async void Reload() {{Planted("AL0006")}}
                    {
                        await _refresh(CancellationToken.None);
                    }

                """);
        }
        else
        {
            sb.Append("""
                    public async Task ReloadAsync()
                    {
                        await _refresh(CancellationToken.None);
                    }

                """);
        }

        sb.Append("}\n");
        return sb.ToString();
    }
}
