using System.Threading.Tasks;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class SyncIOInAsyncTests
{
    // ---- Where it stays silent ------------------------------------------------------------------------------

    [Fact]
    public Task SyncCall_InSyncMethod_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;

        class C
        {
            string M(string path)
            {
                using var stream = File.OpenRead(path);
                return File.ReadAllText(path);
            }
        }
        """);

    [Fact]
    public Task SyncCall_InSyncLambdaInsideAsyncMethod_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(string path) => await Task.Run(() => File.ReadAllText(path));
        }
        """);

    [Fact]
    public Task SyncCall_WithoutCounterpart_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(TextWriter writer, string path)
            {
                await Task.Yield();
                writer.Write(42);
                writer.Write("{0}", 1);
                Console.WriteLine("hello");
                _ = File.Exists(path);
                _ = Path.Combine(path, "x");
            }
        }
        """);

    [Fact]
    public Task SyncCall_OnConsoleOut_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                await Task.Yield();
                Console.Out.WriteLine("hello");
                Console.Error.Flush();
            }
        }
        """);

    [Fact]
    public Task SyncCall_InsideItsOwnCounterpart_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class Wrapper : Stream
        {
            private readonly Stream _inner = Stream.Null;
            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => 0;
            public override long Position { get; set; }
            public override void Flush() { }
            public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
            public override long Seek(long offset, SeekOrigin origin) => 0;
            public override void SetLength(long value) { }
            public override void Write(byte[] buffer, int offset, int count) { }

            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                await Task.Yield();
                return Read(buffer, offset, count);
            }
        }

        class Store
        {
            public string Load() => "";

            public async Task<string> LoadAsync()
            {
                await Task.Yield();
                return Load();
            }
        }
        """);

    [Theory]
    [InlineData("MemoryStream stream", "stream.Write(new byte[1], 0, 1); stream.Flush(); _ = stream.Read(new byte[1], 0, 1);")]
    [InlineData("StringReader reader", "_ = reader.ReadToEnd(); _ = reader.ReadLine();")]
    [InlineData("StringWriter writer", "writer.Write(\"a\"); writer.WriteLine(\"b\"); writer.Flush();")]
    public Task SyncCall_OnInMemoryReceiver_NoDiagnostic(string parameter, string body) => VerifyAnalyzer($$"""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M({{parameter}})
            {
                await Task.Yield();
                {{body}}
            }
        }
        """);

    [Theory]
    [InlineData("using var reader = new StreamReader(buffer, Encoding.UTF8, false, 1024, leaveOpen: true);", "_ = reader.ReadToEnd();")]
    [InlineData("var reader = new StreamReader(new MemoryStream(Encoding.UTF8.GetBytes(\"a\")));", "_ = reader.ReadLine();")]
    [InlineData("var writer = new StreamWriter(new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest));", "writer.Flush();")]
    [InlineData("", "_ = new StreamReader(buffer).ReadToEnd();")]
    public Task SyncCall_OnReaderOrWriterOverInMemoryStream_NoDiagnostic(string declaration, string call) => VerifyAnalyzer($$"""
        using System.IO;
        using System.Text;
        using System.Threading.Tasks;

        class C
        {
            async Task M(MemoryStream buffer)
            {
                await Task.Yield();
                {{declaration}}
                {{call}}
            }
        }
        """);

    [Fact]
    public Task StaticCall_WithInMemoryStreamArgument_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Text.Json;
        using System.Threading.Tasks;

        class C
        {
            async Task M(int value)
            {
                await Task.Yield();
                using var buffer = new MemoryStream();
                JsonSerializer.Serialize(buffer, value);
                buffer.Position = 0;
                _ = JsonSerializer.Deserialize<int>(buffer);
            }
        }
        """);

    [Fact]
    public Task CancellationTokenSourceCancel_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            private readonly CancellationTokenSource _stopping = new();

            async Task StopAsync()
            {
                _stopping.Cancel();
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task UsingOfInMemoryResource_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                using var stream = new MemoryStream();
                using (var writer = new StringWriter())
                {
                    await Task.Yield();
                }
            }
        }
        """);

    [Fact]
    public Task UsingOfNonAsyncDisposableOrTimer_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M(CancellationToken token)
            {
                using var source = new CancellationTokenSource();
                using var registration = token.Register(() => { });
                using var timer = new Timer(_ => { });
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task AwaitUsing_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(string path)
            {
                await using var stream = File.OpenRead(path);
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task EntityFrameworkAddAndTestAssertions_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading;
        using System.Threading.Tasks;

        namespace Microsoft.EntityFrameworkCore
        {
            public class DbSet<T>
            {
                public object Add(T entity) => entity!;
                public ValueTask<object> AddAsync(T entity, CancellationToken cancellationToken = default) => new(entity!);
            }
        }

        namespace Xunit
        {
            public static class Assert
            {
                public static void Equal(int a, int b) { }
                public static Task EqualAsync(int a, int b) => Task.CompletedTask;
            }
        }

        class C
        {
            async Task M(Microsoft.EntityFrameworkCore.DbSet<string> set)
            {
                await Task.Yield();
                set.Add("x");
                Xunit.Assert.Equal(1, 1);
            }
        }
        """);

    [Fact]
    public Task XmlWriterAndTimerDispose_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using System.Xml;

        class C
        {
            async Task M(XmlWriter writer, Timer timer)
            {
                await Task.Yield();
                writer.WriteStartElement("a");
                writer.Flush();
                timer.Dispose();
            }
        }
        """);

    [Fact]
    public Task SyncCall_InGeneratedCode_NoDiagnostic() => VerifyAnalyzer("""
        // <auto-generated/>
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(string path)
            {
                await Task.Yield();
                return File.ReadAllText(path);
            }
        }
        """);

    // ---- Options that turn it off: silent -------------------------------------------------------------------

    [Theory]
    [InlineData("M:System.IO.File.ReadAllText(System.String)")]
    [InlineData("File.ReadAllText")]
    [InlineData("System.IO.File.ReadAllText")]
    [InlineData("Other.Thing, File.ReadAllText")]
    public Task ExcludedMethodsOption_NoDiagnostic(string value) => VerifyWithEditorConfig("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(string path)
            {
                await Task.Yield();
                return File.ReadAllText(path);
            }
        }
        """, "async_lessons.AL0005.excluded_methods = " + value);

    [Fact]
    public Task InMemoryTypesOption_ReplacesTheDefaultList() => VerifyWithEditorConfig("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(BufferedStream buffered, MemoryStream memory)
            {
                await Task.Yield();
                buffered.Flush();
                [|memory.Flush()|];
            }
        }
        """, "async_lessons.AL0005.in_memory_types = System.IO.BufferedStream");

    [Theory]
    [InlineData("build_property.IsTestProject = true", null, false)]
    [InlineData("build_property.IsTestProject = true", "async_lessons.AL0005.include_test_code = true", true)]
    public Task TestProject_SkippedUnlessAsked(string project, string? option, bool reported)
    {
        var test = new Verify.AnalyzerTest<SyncIOInAsyncAnalyzer>
        {
            TestCode = $$"""
                using System.IO;
                using System.Threading.Tasks;

                class FixtureTests
                {
                    async Task Writes(string path)
                    {
                        await Task.Yield();
                        {{(reported ? "[|File.WriteAllText(path, \"fixture\")|]" : "File.WriteAllText(path, \"fixture\")")}};
                    }
                }
                """,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + project + "\n"));
        if (option is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + option + "\n"));
        }

        return test.RunAsync();
    }

    // ---- Disposal that does no asynchronous work: silent ----------------------------------------------------

    [Theory]
    [InlineData("DbConnection resource")]
    [InlineData("DbCommand resource")]
    [InlineData("DbTransaction resource")]
    [InlineData("DbDataReader resource")]
    [InlineData("Stream resource")]
    [InlineData("TextWriter resource")]
    public Task UsingOfTypeWhoseDisposeAsyncOnlyCallsDispose_NoDiagnostic(string parameter) => VerifyAnalyzer($$"""
        using System.Data.Common;
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M({{parameter}})
            {
                using (resource)
                {
                    await Task.Yield();
                }
            }
        }
        """);

    [Fact]
    public Task UsingOfSubclassThatDoesNotOverrideDisposeAsync_NoDiagnostic() => VerifyAnalyzer("""
        using System.Data;
        using System.Threading.Tasks;

        class C
        {
            async Task M(DataTable table)
            {
                using var reader = table.CreateDataReader();
                reader.Dispose();
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task UsingOfSourceTypeWhoseDisposeAsyncIsSynchronous_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        sealed class Shim : IDisposable, IAsyncDisposable
        {
            public void Dispose() { }

            public ValueTask DisposeAsync()
            {
                Dispose();
                return default;
            }
        }

        class C
        {
            async Task M()
            {
                using var shim = new Shim();
                await Task.Yield();
                shim.Dispose();
            }
        }
        """);

    [Theory]
    [InlineData("File.OpenRead(path)")]
    [InlineData("new FileInfo(path).OpenRead()")]
    [InlineData("new FileStream(path, FileMode.Open, FileAccess.Read)")]
    [InlineData("File.Open(path, FileMode.Open, FileAccess.Read)")]
    public Task UsingOfReadOnlyFileStream_NoDiagnostic(string open) => VerifyAnalyzer($$"""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(string path, byte[] buffer)
            {
                using var stream = {{open}};
                return await stream.ReadAsync(buffer, 0, buffer.Length);
            }
        }
        """);

    [Fact]
    public Task TeardownOnErrorPath_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.IO;
        using System.IO.Pipelines;
        using System.Net.Security;
        using System.Threading.Tasks;

        class C
        {
            FileStream? _stream;

            async Task Connect(Stream network, PipeWriter output)
            {
                var ssl = new SslStream(network);
                try
                {
                    await ssl.AuthenticateAsClientAsync("host");
                }
                catch (Exception exception)
                {
                    ssl.Dispose();
                    output.Complete(exception);
                    throw;
                }
            }

            async Task Open(string path)
            {
                FileStream? stream = File.Create(path);
                try
                {
                    await stream.WriteAsync(new byte[1]);
                    _stream = stream;
                    stream = null;
                }
                finally
                {
                    stream?.Dispose();
                }
            }
        }
        """);

    // ---- Calls that do not block: silent --------------------------------------------------------------------

    [Theory]
    [InlineData("gate.Wait(0)")]
    [InlineData("gate.Wait(TimeSpan.Zero)")]
    [InlineData("gate.Wait(0, token)")]
    [InlineData("gate.Wait(TimeSpan.Zero, token)")]
    [InlineData("gate.Wait(NoWait)")]
    [InlineData("gate.Wait(Immediately, token)")]
    [InlineData("gate.Wait(TimeSpan.FromMilliseconds(0))")]
    public Task WaitWithZeroTimeout_NoDiagnostic(string call) => VerifyAnalyzer($$"""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            const int NoWait = 0;
            static readonly TimeSpan Immediately = TimeSpan.Zero;

            async Task<bool> M(SemaphoreSlim gate, CancellationToken token)
            {
                await Task.Yield();
                return {{call}};
            }
        }
        """);

    // ---- In-memory receivers through wrappers, fields and null streams: silent ------------------------------

    [Fact]
    public Task InMemoryReceiversThroughWrappersAndFields_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.IO.Compression;
        using System.IO.Pipelines;
        using System.Threading.Tasks;

        class C
        {
            readonly MemoryStream _buffer = new();
            readonly Stream _scratch = new MemoryStream();
            readonly StreamWriter _log = new(new MemoryStream());

            async Task M(byte[] data)
            {
                await Task.Yield();
                using (var gzip = new GZipStream(_buffer, CompressionLevel.Fastest, leaveOpen: true))
                {
                    gzip.Write(data, 0, data.Length);
                }

                using var memory = new MemoryStream();
                using var buffered = new BufferedStream(memory);
                buffered.Write(data, 0, data.Length);
                buffered.Flush();
                _scratch.Write(data, 0, data.Length);
                _log.WriteLine("done");
                Stream.Null.Write(data, 0, data.Length);
                TextWriter.Null.WriteLine("nothing");
                _ = StreamReader.Null.ReadToEnd();

                var pipe = new Pipe();
                pipe.Writer.Complete();
                pipe.Reader.Complete();
            }
        }
        """);

    // ---- Application code: nothing left to flush, in-memory archives, paired override points: silent --------

    [Fact]
    public Task UsingWithNothingLeftToFlush_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M(string path, Stream source, CancellationToken token)
            {
                await Task.Yield();
                using (new FileStream(path, FileMode.Create))
                {
                }

                using (var copy = new FileStream(path, FileMode.Create, FileAccess.Write))
                {
                    await source.CopyToAsync(copy, token);
                    await copy.FlushAsync(token);
                }

                using var log = File.Create(path + ".log");
            }
        }
        """);

    [Fact]
    public Task ArchiveOverInMemoryBytes_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.IO.Compression;
        using System.Threading.Tasks;

        class C
        {
            async Task M(byte[] zip)
            {
                await Task.Yield();
                using (var archive = new ZipArchive(new MemoryStream(zip)))
                {
                    _ = archive.Entries.Count;
                }
            }
        }
        """);

    [Fact]
    public Task BothOverridePointsCalledOnPurpose_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        abstract class Job
        {
            public virtual string Execute(IServiceProvider services) => "";
            public virtual Task<string> ExecuteAsync(IServiceProvider services) => Task.FromResult("");

            public async Task<string> Run(IServiceProvider services)
            {
                var notes = "";
                notes += Execute(services);
                notes += await ExecuteAsync(services);
                return notes;
            }
        }
        """);
}
