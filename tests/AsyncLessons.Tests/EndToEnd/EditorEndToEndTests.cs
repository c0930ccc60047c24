using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using AsyncLessons.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AsyncLessons.Tests.EndToEnd;

/// <summary>
/// Squiggles in a real editor client: csharp-ls (a C# language server, installed by the test into a folder of its own)
/// opens a project that installs the packed package, and the AsyncLessons diagnostic it reports for an open file has
/// the code and the range that <c>dotnet build</c> reports. The client is a small LSP client over stdio written here.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(PackedPackageCollection.Name)]
public sealed class EditorEndToEndTests : IDisposable
{
    /// <summary>The csharp-ls release the test installs (one that the package source here serves).</summary>
    private const string CSharpLsVersion = "0.28.0";

    /// <summary>How long the server may take to load the project and report the diagnostic on a loaded machine.</summary>
    private static readonly TimeSpan DiagnosticTimeout = TimeSpan.FromMinutes(3);

    private const string ConsumerProgram = """
        using System.Threading;
        using System.Threading.Tasks;

        public static class Program
        {
            public static async Task Main()
            {
                Thread.Sleep(10);
                await Task.Yield();
            }
        }
        """;

    private readonly PackedPackageFixture _package;
    private readonly ITestOutputHelper _output;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "asynclessons-editor-" + Guid.NewGuid().ToString("N"));

    public EditorEndToEndTests(PackedPackageFixture package, ITestOutputHelper output)
    {
        _package = package;
        _output = output;
    }

    public void Dispose() => PackedPackageFixture.TryDelete(_work);

    [Fact]
    public async Task CSharpLs_OpenFileWithThreadSleepInAsync_ReportsAL0002AtTheBuildsRange()
    {
        _package.AssertPacked();
        Directory.CreateDirectory(_work);

        // The server, as a dotnet tool in a folder of its own (from the machine's NuGet sources, not the consumer's).
        var tools = Path.Combine(_work, "tools");
        var install = await PackedPackageFixture.Dotnet($"tool install --tool-path \"{tools}\" csharp-ls --version {CSharpLsVersion}", _work);
        if (install.ExitCode != 0)
        {
            // xunit 2 has no dynamic skip: the test passes, and says plainly that it checked nothing.
            _output.WriteLine($"SKIPPED: csharp-ls {CSharpLsVersion} could not be installed as a dotnet tool, so no editor was checked.\n{install}");
            return;
        }

        // The consumer, built once: the build's own range for AL0002 (from its SARIF log), and restored assets for the server.
        var consumer = Directory.CreateDirectory(Path.Combine(_work, "consumer")).FullName;
        _package.WriteConsoleConsumer(consumer);
        var program = Path.Combine(consumer, "Program.cs");
        await File.WriteAllTextAsync(program, ConsumerProgram);
        var sarif = Path.Combine(_work, "build.sarif");
        var build = await PackedPackageFixture.Dotnet($"build -nologo \"-p:ErrorLog={sarif}%2Cversion=2.1\"", consumer);
        Assert.True(build.ExitCode == 0, build.ToString());
        var buildRange = BuildRange(sarif, "AL0002");

        var serverPath = Path.Combine(tools, OperatingSystem.IsWindows() ? "csharp-ls.exe" : "csharp-ls");
        JsonNode? diagnostic = null;
        for (var attempt = 1; attempt <= 2 && diagnostic is null; attempt++)
        {
            await using var server = LspServer.Start(serverPath, consumer, _output);
            try
            {
                diagnostic = await server.DiagnosticAsync(consumer, program, ConsumerProgram, "AL0002", DiagnosticTimeout);
            }
            catch (Exception e) when (attempt == 1 && server.StartFailed(e))
            {
                // One retry of the server's start, never of the assertion: a server that ran and reported nothing fails.
                _output.WriteLine($"csharp-ls did not start (attempt {attempt}): {e.Message}");
            }
        }

        Assert.NotNull(diagnostic);
        var range = diagnostic!["range"]!;
        var lspRange = (
            range["start"]!["line"]!.GetValue<int>() + 1, range["start"]!["character"]!.GetValue<int>() + 1,
            range["end"]!["line"]!.GetValue<int>() + 1, range["end"]!["character"]!.GetValue<int>() + 1);
        Assert.Equal(buildRange, lspRange);
        Assert.Equal((8, 9, 8, 25), lspRange); // Thread.Sleep(10), where the build prints Program.cs(8,9)
        Assert.Contains("Thread.Sleep", diagnostic["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>The 1-based range of the one result of <paramref name="ruleId"/> in a SARIF 2.1 log.</summary>
    private static (int StartLine, int StartColumn, int EndLine, int EndColumn) BuildRange(string sarif, string ruleId)
    {
        var log = JsonNode.Parse(File.ReadAllText(sarif))!;
        var result = Assert.Single(log["runs"]![0]!["results"]!.AsArray(), r => r!["ruleId"]!.GetValue<string>() == ruleId)!;
        var region = result["locations"]![0]!["physicalLocation"]!["region"]!;
        return (region["startLine"]!.GetValue<int>(), region["startColumn"]!.GetValue<int>(),
            region["endLine"]!.GetValue<int>(), region["endColumn"]!.GetValue<int>());
    }

    /// <summary>
    /// An LSP client over the server's stdio: JSON-RPC messages framed by <c>Content-Length</c>. It answers the server's
    /// requests (<c>workspace/configuration</c> with <c>csharp.analyzersEnabled: true</c>, null for the rest) and keeps
    /// the diagnostics the server publishes.
    /// </summary>
    private sealed class LspServer : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly ITestOutputHelper _output;
        private readonly Stream _input;
        private readonly SemaphoreSlim _writeLock = new(1, 1);
        private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> _pending = new();
        private readonly ConcurrentDictionary<string, JsonArray> _published = new();
        private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Task _reader;
        private int _nextId;
        private bool _initialized;

        private LspServer(Process process, ITestOutputHelper output)
        {
            _process = process;
            _output = output;
            _input = process.StandardInput.BaseStream;
            _reader = Task.Run(ReadLoopAsync);
        }

        public static LspServer Start(string path, string workingDirectory, ITestOutputHelper output)
        {
            var startInfo = new ProcessStartInfo(path, "--loglevel warning")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };

            ProcessRunner.IsolateFromTestHost(startInfo);
            var process = Process.Start(startInfo)!;
            var server = new LspServer(process, output);
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { server.Log("csharp-ls stderr: " + e.Data); } };
            process.BeginErrorReadLine();
            return server;
        }

        /// <summary>Writes to the test's output while the test runs (the server may still print after it ended).</summary>
        private void Log(string line)
        {
            try
            {
                _output.WriteLine(line);
            }
            catch (InvalidOperationException)
            {
            }
        }

        /// <summary>Whether <paramref name="e"/> came before the server answered <c>initialize</c>: a start to retry.</summary>
        public bool StartFailed(Exception e) => !_initialized && e is TimeoutException or IOException or InvalidOperationException;

        /// <summary>Opens the file and asks for its diagnostics (pull, and whatever is published) until <paramref name="code"/> is there.</summary>
        public async Task<JsonNode?> DiagnosticAsync(string root, string file, string text, string code, TimeSpan timeout)
        {
            var deadline = Stopwatch.StartNew();
            var rootUri = new Uri(root + Path.DirectorySeparatorChar).AbsoluteUri;
            var fileUri = new Uri(file).AbsoluteUri;
            await RequestAsync("initialize", new JsonObject
            {
                ["processId"] = Environment.ProcessId,
                ["rootUri"] = rootUri,
                ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = rootUri, ["name"] = "consumer" }),
                ["capabilities"] = new JsonObject
                {
                    ["workspace"] = new JsonObject { ["configuration"] = true, ["workspaceFolders"] = true },
                    ["textDocument"] = new JsonObject
                    {
                        ["publishDiagnostics"] = new JsonObject(),
                        ["diagnostic"] = new JsonObject { ["dynamicRegistration"] = false },
                    },
                },
            }, TimeSpan.FromMinutes(1));
            _initialized = true;
            await NotifyAsync("initialized", new JsonObject());
            await NotifyAsync("textDocument/didOpen", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = fileUri, ["languageId"] = "csharp", ["version"] = 1, ["text"] = text },
            });

            while (deadline.Elapsed < timeout)
            {
                var pulled = await RequestAsync("textDocument/diagnostic", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = fileUri } }, timeout - deadline.Elapsed);
                var items = (pulled?["items"] as JsonArray ?? new JsonArray())
                    .Concat(_published.TryGetValue(fileUri, out var published) ? published : new JsonArray());
                var found = items.FirstOrDefault(d => d?["code"]?.ToString() == code);
                if (found is not null)
                {
                    Log($"csharp-ls reported {code} after {deadline.Elapsed.TotalSeconds:F0} s: {found.ToJsonString()}");
                    return found.DeepClone();
                }

                await Task.Delay(TimeSpan.FromSeconds(2));
            }

            throw new Xunit.Sdk.XunitException($"csharp-ls reported no {code} for {fileUri} within {timeout}.");
        }

        private async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters, TimeSpan timeout)
        {
            var id = Interlocked.Increment(ref _nextId);
            var response = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending[id] = response;
            var request = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method };
            if (parameters is not null)
            {
                request["params"] = parameters;
            }

            await WriteAsync(request);
            var done = await Task.WhenAny(response.Task, _exited.Task, Task.Delay(timeout));
            if (done == _exited.Task)
            {
                throw new IOException($"csharp-ls exited (code {_process.ExitCode}) before it answered '{method}'.");
            }

            if (done != response.Task)
            {
                throw new TimeoutException($"csharp-ls did not answer '{method}' within {timeout}.");
            }

            return await response.Task;
        }

        private Task NotifyAsync(string method, JsonNode? parameters)
        {
            var notification = new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method };
            if (parameters is not null)
            {
                notification["params"] = parameters;
            }

            return WriteAsync(notification);
        }

        private async Task WriteAsync(JsonNode message)
        {
            var body = Encoding.UTF8.GetBytes(message.ToJsonString());
            var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
            await _writeLock.WaitAsync();
            try
            {
                await _input.WriteAsync(header);
                await _input.WriteAsync(body);
                await _input.FlushAsync();
            }
            finally
            {
                _writeLock.Release();
            }
        }

        private async Task ReadLoopAsync()
        {
            var stream = _process.StandardOutput.BaseStream;
            try
            {
                while (true)
                {
                    var length = await ReadHeaderAsync(stream);
                    if (length < 0)
                    {
                        break;
                    }

                    var body = new byte[length];
                    await stream.ReadExactlyAsync(body);
                    await HandleAsync(JsonNode.Parse(body)!);
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or JsonException or EndOfStreamException)
            {
                Log("csharp-ls stdout closed: " + e.Message);
            }
            finally
            {
                _exited.TrySetResult();
            }
        }

        /// <summary>Reads the header lines of one message; its Content-Length, or -1 at the end of the stream.</summary>
        private static async Task<int> ReadHeaderAsync(Stream stream)
        {
            var length = -1;
            var line = new StringBuilder();
            var one = new byte[1];
            while (true)
            {
                if (await stream.ReadAsync(one) == 0)
                {
                    return -1;
                }

                if (one[0] != '\n')
                {
                    if (one[0] != '\r')
                    {
                        line.Append((char)one[0]);
                    }

                    continue;
                }

                if (line.Length == 0 && length >= 0)
                {
                    return length;
                }

                var text = line.ToString();
                if (text.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                {
                    length = int.Parse(text.Substring("Content-Length:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                }

                line.Clear();
            }
        }

        private async Task HandleAsync(JsonNode message)
        {
            var method = message["method"]?.GetValue<string>();
            var id = message["id"];
            if (method is null)
            {
                // A response to one of our requests.
                if (id is JsonValue value && value.TryGetValue<int>(out var number) && _pending.TryRemove(number, out var pending))
                {
                    if (message["error"] is { } error)
                    {
                        pending.TrySetException(new InvalidOperationException("csharp-ls answered with an error: " + error.ToJsonString()));
                    }
                    else
                    {
                        pending.TrySetResult(message["result"]?.DeepClone());
                    }
                }

                return;
            }

            if (id is null)
            {
                if (method == "textDocument/publishDiagnostics")
                {
                    var uri = message["params"]!["uri"]!.GetValue<string>();
                    _published[uri] = (JsonArray)message["params"]!["diagnostics"]!.DeepClone();
                }

                return;
            }

            // A request from the server: the `csharp` configuration section turns the analyzers on; the rest get null.
            JsonNode? result = null;
            if (method == "workspace/configuration")
            {
                var answer = new JsonArray();
                foreach (var item in message["params"]?["items"]?.AsArray() ?? new JsonArray())
                {
                    answer.Add(item?["section"]?.GetValue<string>() == "csharp" ? new JsonObject { ["analyzersEnabled"] = true } : null);
                }

                result = answer;
            }

            await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = result });
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (!_process.HasExited && _initialized)
                {
                    using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    await RequestAsync("shutdown", null, TimeSpan.FromSeconds(10));
                    await NotifyAsync("exit", null);
                    await _process.WaitForExitAsync(shutdown.Token);
                }
            }
            catch (Exception e) when (e is TimeoutException or IOException or InvalidOperationException or OperationCanceledException)
            {
                Log("csharp-ls did not shut down cleanly: " + e.Message);
            }
            finally
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                }

                await _reader.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
                _process.Dispose();
                _writeLock.Dispose();
            }
        }
    }
}
