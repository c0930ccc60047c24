using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class SyncIOInAsyncTests
{
    private static Task VerifyAnalyzer(string source, params DiagnosticResult[] expected) =>
        Verify.Analyzer<SyncIOInAsyncAnalyzer>(source, expected);

    private static Task VerifyFix(string source, string fixedSource) =>
        Verify.CodeFix<SyncIOInAsyncAnalyzer, SyncIOInAsyncCodeFix>(source, fixedSource);

    private static Task VerifyNoFix(string source) =>
        Verify.CodeFix<SyncIOInAsyncAnalyzer, SyncIOInAsyncCodeFix>(source, source);

    private static Task VerifyWithEditorConfig(string source, string editorConfig)
    {
        var test = new Verify.AnalyzerTest<SyncIOInAsyncAnalyzer> { TestCode = source };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + editorConfig + "\n"));
        return test.RunAsync();
    }

    // ---- Where it fires ------------------------------------------------------------------------------------

    [Fact]
    public Task FileReadAllText_InAsyncMethod_DiagnosticNamesTheCounterpart() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(string path)
            {
                await Task.Yield();
                return {|#0:File.ReadAllText(path)|};
            }
        }
        """,
        Verify.Diagnostic(SyncIOInAsyncAnalyzer.Rule).WithLocation(0).WithArguments("File.ReadAllText", "await File.ReadAllTextAsync"));

    [Theory]
    [InlineData("stream.Read(buffer, 0, buffer.Length)")]
    [InlineData("stream.Read(buffer.AsSpan())")]
    [InlineData("stream.Write(buffer, 0, buffer.Length)")]
    [InlineData("stream.Write(new ReadOnlySpan<byte>(buffer))")]
    [InlineData("stream.Flush()")]
    [InlineData("stream.CopyTo(Stream.Null)")]
    [InlineData("reader.ReadToEnd()")]
    [InlineData("reader.ReadLine()")]
    [InlineData("writer.Write(\"text\")")]
    [InlineData("writer.WriteLine(\"text\")")]
    [InlineData("writer.Flush()")]
    [InlineData("command.ExecuteReader()")]
    [InlineData("command.ExecuteNonQuery()")]
    [InlineData("client.Send(request)")]
    [InlineData("File.WriteAllText(\"a.txt\", \"text\")")]
    [InlineData("File.ReadAllBytes(\"a.txt\")")]
    [InlineData("gate.Wait()")]
    public Task TypicalSyncCalls_InAsyncMethod_Diagnostic(string call) => VerifyAnalyzer($$"""
        using System;
        using System.Data.Common;
        using System.IO;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Stream stream, StreamReader reader, TextWriter writer, DbCommand command, HttpClient client, HttpRequestMessage request, SemaphoreSlim gate, byte[] buffer)
            {
                await Task.Yield();
                _ = [|{{call}}|];
            }
        }
        """.Replace("_ = [|writer.", "[|writer.").Replace("_ = [|stream.Write", "[|stream.Write").Replace("_ = [|stream.Flush", "[|stream.Flush").Replace("_ = [|stream.CopyTo", "[|stream.CopyTo").Replace("_ = [|File.WriteAllText", "[|File.WriteAllText").Replace("_ = [|gate.Wait", "[|gate.Wait"));

    [Fact]
    public Task SyncCall_InAsyncLambda_Diagnostic() => VerifyAnalyzer("""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            Func<string, Task<string>> read = async path =>
            {
                await Task.Yield();
                return [|File.ReadAllText(path)|];
            };
        }
        """);

    [Fact]
    public Task SyncCall_InAsyncLocalFunction_Diagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            void M()
            {
                _ = Local("a.txt");

                async ValueTask<string> Local(string path)
                {
                    await Task.Yield();
                    return [|File.ReadAllText(path)|];
                }
            }
        }
        """);

    [Fact]
    public Task SyncCall_InTopLevelStatementsThatAwait_Diagnostic()
    {
        var test = new Verify.AnalyzerTest<SyncIOInAsyncAnalyzer>
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;

                await Task.Yield();
                System.Console.WriteLine([|File.ReadAllText("a.txt")|]);
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    [Fact]
    public Task SyncCall_OnDerivedReceiver_FindsCounterpartOnBaseType() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(FileStream stream, byte[] buffer)
            {
                await Task.Yield();
                return [|stream.Read(buffer, 0, buffer.Length)|];
            }
        }
        """);

    [Fact]
    public Task SyncCall_UserTypeWithCounterpart_Diagnostic() => VerifyAnalyzer("""
        using System.Threading;
        using System.Threading.Tasks;

        class Store
        {
            public string Load(string key) => key;
            public Task<string> LoadAsync(string key, CancellationToken cancellationToken = default) => Task.FromResult(key);
        }

        class C
        {
            async Task<string> M(Store store)
            {
                await Task.Yield();
                return [|store.Load("k")|];
            }
        }
        """);

    [Fact]
    public Task UsingDeclarationOfAsyncDisposable_InAsyncMethod_DiagnosticOnUsing() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(string path)
            {
                {|#0:using|} var stream = File.Create(path);
                stream.WriteByte(1);
                await Task.Yield();
            }
        }
        """,
        Verify.Diagnostic(SyncIOInAsyncAnalyzer.Rule).WithLocation(0).WithArguments("using", "await using"));

    [Fact]
    public Task UsingStatementOverExpression_InAsyncMethod_Diagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(FileStream stream)
            {
                [|using|] (stream)
                {
                    await Task.Yield();
                }
            }
        }
        """);

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
    public Task StaticCall_WithFileStreamArgument_Diagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Text.Json;
        using System.Threading.Tasks;

        class C
        {
            async Task M(string path, int value)
            {
                await Task.Yield();
                await using var file = File.OpenWrite(path);
                [|JsonSerializer.Serialize(file, value)|];
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
    public Task SyncCall_OnReaderOverFileStream_Diagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(string path)
            {
                await Task.Yield();
                using var reader = new StreamReader(new FileStream(path, FileMode.Open));
                _ = [|reader.ReadToEnd()|];
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
    public Task ObsoleteCounterpart_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class Store
        {
            public string Load() => "";
            [Obsolete("Do not use")]
            public Task<string> LoadAsync() => Task.FromResult("");
        }

        class C
        {
            async Task<string> M(Store store)
            {
                await Task.Yield();
                return store.Load();
            }
        }
        """);

    [Fact]
    public Task CounterpartWithOtherParametersOrResult_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class Store
        {
            public string Load(string key) => key;
            public Task<string> LoadAsync(int key) => Task.FromResult("");
            public int Count() => 0;
            public Task<long> CountAsync() => Task.FromResult(0L);
            public void Save() { }
            public void SaveAsync() { }
            public static void Reset() { }
            public Task ResetAsync() => Task.CompletedTask;
        }

        class C
        {
            async Task<string> M(Store store)
            {
                await Task.Yield();
                _ = store.Count();
                store.Save();
                Store.Reset();
                return store.Load("k");
            }
        }
        """);

    [Fact]
    public Task InaccessibleCounterpart_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class Store
        {
            public string Load() => "";
            private Task<string> LoadAsync() => Task.FromResult("");
        }

        class C
        {
            async Task<string> M(Store store)
            {
                await Task.Yield();
                return store.Load();
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
    public Task ExplicitDisposeOfAsyncDisposable_DiagnosticAndFix() => VerifyFix("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(FileStream stream)
            {
                await Task.Yield();
                [|stream.Dispose()|];
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(FileStream stream)
            {
                await Task.Yield();
                await stream.DisposeAsync();
            }
        }
        """);

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

    [Fact]
    public Task SyncCall_HalfTypedAndErrorTypes_NoDiagnosticNoCrash() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M({|CS0246:Unknown|} thing)
            {
                await Task.Yield();
                thing.Read();
                File.{|CS0117:ReadAllTex|}("a");
                _ = File.ReadAllText({|CS0103:missing|});
                using var x = {|CS0103:nothing|};
            }
        }
        """);

    // ---- Disposal that does no asynchronous work: silent -------------------------------------------------------

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

    [Fact]
    public Task UsingOfSourceTypeWhoseDisposeAsyncAwaits_Diagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        sealed class Flushing : IDisposable, IAsyncDisposable
        {
            public void Dispose() { }

            public async ValueTask DisposeAsync() => await Task.Yield();
        }

        class C
        {
            async Task M()
            {
                [|using|] var flushing = new Flushing();
                _ = flushing.ToString();
                await Task.Yield();
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

    [Theory]
    [InlineData("File.Create(path)")]
    [InlineData("File.Open(path, FileMode.Open, FileAccess.ReadWrite)")]
    [InlineData("new FileStream(path, FileMode.Create)")]
    public Task UsingOfWritableFileStream_Diagnostic(string open) => VerifyAnalyzer($$"""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(string path, byte[] buffer)
            {
                [|using|] var stream = {{open}};
                await stream.WriteAsync(buffer, 0, buffer.Length);
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

    [Fact]
    public Task DisposeInFinallyWithoutHandOff_Diagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task Write(string path)
            {
                var stream = File.Create(path);
                try
                {
                    await stream.WriteAsync(new byte[1]);
                }
                finally
                {
                    [|stream.Dispose()|];
                }
            }
        }
        """);

    // ---- Calls that do not block: silent ----------------------------------------------------------------------

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

    [Theory]
    [InlineData("gate.Wait(1)")]
    [InlineData("gate.Wait(Later, token)")]
    public Task WaitWithNonZeroTimeout_Diagnostic(string call) => VerifyAnalyzer($$"""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            static readonly TimeSpan Later = TimeSpan.FromSeconds(1);

            async Task<bool> M(SemaphoreSlim gate, CancellationToken token)
            {
                await Task.Yield();
                return [|{{call}}|];
            }
        }
        """);

    // ---- In-memory receivers through wrappers, fields and null streams: silent --------------------------------

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

    // ---- Counterparts that are not equivalent: silent ----------------------------------------------------------

    [Fact]
    public Task PairedHookAwaitedNextToIt_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading;
        using System.Threading.Tasks;

        class Interceptor
        {
            public virtual void BeforeExecute(string command) { }
            public virtual Task BeforeExecuteAsync(string command, CancellationToken token = default) => Task.CompletedTask;
        }

        class C
        {
            async Task M(Interceptor interceptor, string command, CancellationToken token)
            {
                interceptor.BeforeExecute(command);
                await interceptor.BeforeExecuteAsync(command, token);
            }
        }
        """);

    [Fact]
    public Task SameCallWithOtherArgumentsAwaitedNextToIt_Diagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(string path)
            {
                [|File.WriteAllText(path, "a")|];
                await File.WriteAllTextAsync(path, "b");
            }
        }
        """);

    [Fact]
    public Task ProvidersWhoseAsyncMethodsRunSynchronously_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Microsoft.Data.Sqlite
        {
            public sealed class SqliteCommand : IDisposable, IAsyncDisposable
            {
                public void Prepare() { }
                public Task PrepareAsync(CancellationToken token = default) => Task.CompletedTask;
                public void Dispose() { }
                public async ValueTask DisposeAsync() => await Task.Yield();
            }
        }

        namespace Microsoft.EntityFrameworkCore
        {
            public interface IDbContextFactory<TContext>
            {
                TContext CreateDbContext();
                Task<TContext> CreateDbContextAsync(CancellationToken token = default);
            }
        }

        namespace App
        {
            using Microsoft.Data.Sqlite;
            using Microsoft.EntityFrameworkCore;

            class C
            {
                async Task M(IDbContextFactory<object> factory, CancellationToken token)
                {
                    using var command = new SqliteCommand();
                    command.Prepare();
                    var context = factory.CreateDbContext();
                    await Task.Yield();
                }
            }
        }
        """);

    [Fact]
    public Task CounterpartWhoseConstraintsTheTypeArgumentsDoNotSatisfy_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class Store
        {
            public T Get<T>() => default!;
            public Task<T> GetAsync<T>() where T : class => Task.FromResult<T>(null!);
        }

        class C
        {
            async Task<int> M(Store store)
            {
                await Task.Yield();
                return store.Get<int>();
            }

            async Task<string> N(Store store)
            {
                await Task.Yield();
                return [|store.Get<string>()|];
            }
        }
        """);

    [Theory]
    [InlineData("5.0.0.0", false)]
    [InlineData("6.0.0.0", true)]
    public Task ProcessWaitForExit_ReportedFromDotNet6(string processAssemblyVersion, bool reported)
    {
        var test = new Verify.AnalyzerTest<SyncIOInAsyncAnalyzer>
        {
            TestCode = $$"""
                using System.Diagnostics;
                using System.Threading.Tasks;

                class C
                {
                    async Task M(Process process)
                    {
                        await Task.Yield();
                        {{(reported ? "[|process.WaitForExit()|]" : "process.WaitForExit()")}};
                    }
                }
                """,
        };
        test.TestState.AdditionalReferences.Clear();
        test.TestState.AdditionalReferences.AddRange(NetWithoutProcess());
        test.TestState.AdditionalReferences.Add(FakeProcessAssembly(processAssemblyVersion));
        return test.RunAsync();
    }

    private static System.Collections.Generic.List<MetadataReference> NetWithoutProcess()
    {
        var references = new System.Collections.Generic.List<MetadataReference>();
        foreach (var reference in TestReferences.Net)
        {
            if (!(reference.Display ?? string.Empty).EndsWith("System.Diagnostics.Process.dll", System.StringComparison.OrdinalIgnoreCase))
            {
                references.Add(reference);
            }
        }

        return references;
    }

    /// <summary>A stand-in System.Diagnostics.Process assembly of the given version, with WaitForExit and WaitForExitAsync.</summary>
    private static MetadataReference FakeProcessAssembly(string version)
    {
        var source = $$"""
            [assembly: System.Reflection.AssemblyVersion("{{version}}")]
            namespace System.Diagnostics
            {
                public class Process
                {
                    public void WaitForExit() { }
                    public System.Threading.Tasks.Task WaitForExitAsync(System.Threading.CancellationToken cancellationToken = default) => System.Threading.Tasks.Task.CompletedTask;
                }
            }
            """;
        return TestReferences.Library("System.Diagnostics.Process", source, NetWithoutProcess());
    }

    // ---- Counterparts found beyond the same type's public methods: reported -----------------------------------

    [Fact]
    public Task PrivateCounterpartInSameType_DiagnosticAndFix() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            private string Load() => "";
            private Task<string> LoadAsync() => Task.FromResult("");

            async Task<string> M()
            {
                await Task.Yield();
                return [|Load()|];
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            private string Load() => "";
            private Task<string> LoadAsync() => Task.FromResult("");

            async Task<string> M()
            {
                await Task.Yield();
                return await LoadAsync();
            }
        }
        """);

    [Fact]
    public Task SyncExtensionWithInstanceCounterpart_DiagnosticAndFix() => VerifyFix("""
        using System.Threading;
        using System.Threading.Tasks;

        class Client
        {
            public Task<string> FetchAsync(string key, CancellationToken token = default) => Task.FromResult(key);
        }

        static class ClientExtensions
        {
            public static string Fetch(this Client client, string key) => key;
        }

        class C
        {
            async Task<string> M(Client client, CancellationToken token)
            {
                await Task.Yield();
                return [|client.Fetch("a")|];
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class Client
        {
            public Task<string> FetchAsync(string key, CancellationToken token = default) => Task.FromResult(key);
        }

        static class ClientExtensions
        {
            public static string Fetch(this Client client, string key) => key;
        }

        class C
        {
            async Task<string> M(Client client, CancellationToken token)
            {
                await Task.Yield();
                return await client.FetchAsync("a", token);
            }
        }
        """);

    [Fact]
    public Task InstanceCallWithExtensionCounterpartInScope_DiagnosticAndFix() => VerifyFix("""
        using System.Threading;
        using System.Threading.Tasks;
        using Store.Async;

        namespace Store
        {
            public class Cache
            {
                public string Get(string key) => key;
            }
        }

        namespace Store.Async
        {
            public static class CacheExtensions
            {
                public static Task<string> GetAsync(this Store.Cache cache, string key, CancellationToken token = default) => Task.FromResult(key);
            }
        }

        class C
        {
            async Task<string> M(Store.Cache cache, CancellationToken token)
            {
                await Task.Yield();
                return [|cache.Get("a")|];
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        using Store.Async;

        namespace Store
        {
            public class Cache
            {
                public string Get(string key) => key;
            }
        }

        namespace Store.Async
        {
            public static class CacheExtensions
            {
                public static Task<string> GetAsync(this Store.Cache cache, string key, CancellationToken token = default) => Task.FromResult(key);
            }
        }

        class C
        {
            async Task<string> M(Store.Cache cache, CancellationToken token)
            {
                await Task.Yield();
                return await cache.GetAsync("a", token);
            }
        }
        """);

    [Fact]
    public Task InstanceCallWithExtensionCounterpartInReferencedAssembly_Diagnostic()
    {
        var test = new Verify.AnalyzerTest<SyncIOInAsyncAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;
                using Store;

                class C
                {
                    async Task<string> M(Cache cache)
                    {
                        await Task.Yield();
                        return [|cache.Get("a")|];
                    }
                }
                """,
        };
        test.TestState.AdditionalReferences.Add(TestReferences.Library("CacheLibrary", CacheLibrary));
        return test.RunAsync();
    }

    private const string CacheLibrary = """
                    namespace Store
                    {
                        public class Cache
                        {
                            public string Get(string key) => key;
                        }

                        public static class CacheExtensions
                        {
                            public static System.Threading.Tasks.Task<string> GetAsync(this Cache cache, string key) => System.Threading.Tasks.Task.FromResult(key);
                        }
                    }
                    """;

    [Fact]
    public Task InstanceCallWithSameNamedMethodOnAnotherType_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        namespace Store
        {
            public class Cache
            {
                public string Get(string key) => key;
            }

            public class Other
            {
                public Task<string> GetAsync(Cache cache, string key) => Task.FromResult(key);
            }
        }

        class C
        {
            async Task<string> M(Store.Cache cache)
            {
                await Task.Yield();
                return cache.Get("a");
            }
        }
        """);

    [Fact]
    public Task InstanceCallWithExtensionCounterpartNotInScope_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading;
        using System.Threading.Tasks;

        namespace Store
        {
            public class Cache
            {
                public string Get(string key) => key;
                public int Count() => 0;
            }
        }

        namespace Store.Async
        {
            public static class CacheExtensions
            {
                public static Task<string> GetAsync(this Store.Cache cache, string key, CancellationToken token = default) => Task.FromResult(key);
                public static Task<string> CountAsync(this Store.Cache cache) => Task.FromResult("");
            }
        }

        namespace App
        {
            class C
            {
                async Task<string> M(Store.Cache cache)
                {
                    await Task.Yield();
                    return cache.Get("a");
                }

                async Task<int> N(Store.Cache cache)
                {
                    await Task.Yield();
                    return cache.Count();
                }
            }
        }
        """);

    [Fact]
    public Task CounterpartWithByValueOrWiderReferenceParameters_DiagnosticAndFix() => VerifyFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        readonly struct Data { }

        class Store
        {
            public void Save(in Data data) { }
            public Task SaveAsync(Data data) => Task.CompletedTask;
            public void SaveAll(List<int> items) { }
            public Task SaveAllAsync(IEnumerable<int> items) => Task.CompletedTask;
        }

        class C
        {
            async Task M(Store store, Data data, List<int> items)
            {
                await Task.Yield();
                [|store.Save(data)|];
                [|store.SaveAll(items)|];
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        readonly struct Data { }

        class Store
        {
            public void Save(in Data data) { }
            public Task SaveAsync(Data data) => Task.CompletedTask;
            public void SaveAll(List<int> items) { }
            public Task SaveAllAsync(IEnumerable<int> items) => Task.CompletedTask;
        }

        class C
        {
            async Task M(Store store, Data data, List<int> items)
            {
                await Task.Yield();
                await store.SaveAsync(data);
                await store.SaveAllAsync(items);
            }
        }
        """);

    [Fact]
    public Task UsingOfTypeWithPatternDisposeAsync_DiagnosticAndFix() => VerifyFix("""
        using System;
        using System.Threading.Tasks;

        sealed class Connection : IDisposable
        {
            public void Dispose() { }
            public async ValueTask DisposeAsync() => await Task.Yield();
        }

        class C
        {
            async Task M()
            {
                [|using|] var connection = new Connection();
                _ = connection.ToString();
                await Task.Yield();
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;

        sealed class Connection : IDisposable
        {
            public void Dispose() { }
            public async ValueTask DisposeAsync() => await Task.Yield();
        }

        class C
        {
            async Task M()
            {
                await using var connection = new Connection();
                _ = connection.ToString();
                await Task.Yield();
            }
        }
        """);

    private const string DependencyInjection = """
        namespace Microsoft.Extensions.DependencyInjection
        {
            using System;
            using System.Threading.Tasks;

            public interface IServiceScope : IDisposable
            {
                IServiceProvider ServiceProvider { get; }
            }

            public interface IServiceScopeFactory
            {
                IServiceScope CreateScope();
            }

            public readonly struct AsyncServiceScope : IServiceScope, IAsyncDisposable
            {
                public IServiceProvider ServiceProvider => null!;
                public void Dispose() { }
                public ValueTask DisposeAsync() => default;
            }

            public static class ServiceProviderServiceExtensions
            {
                public static IServiceScope CreateScope(this IServiceProvider provider) => null!;
                public static AsyncServiceScope CreateAsyncScope(this IServiceProvider provider) => default;
                public static AsyncServiceScope CreateAsyncScope(this IServiceScopeFactory factory) => default;
                public static T GetRequiredService<T>(this IServiceProvider provider) where T : notnull => default!;
            }
        }

        namespace App
        {
            /// <summary>A service whose DisposeAsync does asynchronous work, as a DbContext's does.</summary>
            public class Context : System.IDisposable, System.IAsyncDisposable
            {
                public void Dispose() { }
                public virtual async System.Threading.Tasks.ValueTask DisposeAsync() => await System.Threading.Tasks.Task.Yield();
            }

            public sealed class Clock : System.IDisposable
            {
                public void Dispose() { }
            }
        }

        """;

    [Fact]
    public Task CreateScopeAsUsingResource_DiagnosticAndFix() => VerifyFix(DependencyInjection + """
        namespace App
        {
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;

            class Worker
            {
                async Task Run(IServiceProvider services, IServiceScopeFactory factory)
                {
                    using var scope = services.[|CreateScope()|];
                    using (var other = factory.[|CreateScope()|])
                    {
                        await Task.Yield();
                        _ = other.ServiceProvider.GetRequiredService<Context>();
                    }

                    _ = scope.ServiceProvider.GetRequiredService<Context>();
                }
            }
        }
        """.Replace("services.[|CreateScope()|]", "[|services.CreateScope()|]").Replace("factory.[|CreateScope()|]", "[|factory.CreateScope()|]"), DependencyInjection + """
        namespace App
        {
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;

            class Worker
            {
                async Task Run(IServiceProvider services, IServiceScopeFactory factory)
                {
                    await using var scope = services.CreateAsyncScope();
                    await using (var other = factory.CreateAsyncScope())
                    {
                        await Task.Yield();
                        _ = other.ServiceProvider.GetRequiredService<Context>();
                    }

                    _ = scope.ServiceProvider.GetRequiredService<Context>();
                }
            }
        }
        """);

    [Fact]
    public Task CreateScopeOutsideUsingOrInSyncCode_NoDiagnostic() => VerifyAnalyzer(DependencyInjection + """
        namespace App
        {
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;

            class Worker
            {
                async Task<IServiceScope> Keep(IServiceProvider services)
                {
                    await Task.Yield();
                    return services.CreateScope();
                }

                void Sync(IServiceProvider services)
                {
                    using var scope = services.CreateScope();
                }
            }
        }
        """);

    [Fact]
    public Task CreateScopeWhoseServicesDisposeSynchronouslyOrAreResolvedElsewhere_NoDiagnostic() => VerifyAnalyzer(DependencyInjection + """
        namespace App
        {
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;

            class Worker
            {
                async Task Run(IServiceProvider services)
                {
                    using (var scope = services.CreateScope())
                    {
                        await Task.Yield();
                        _ = scope.ServiceProvider.GetRequiredService<Clock>();
                    }

                    using var other = services.CreateScope();
                    await UseAsync(other);
                }

                static Task UseAsync(IServiceScope scope) => Task.CompletedTask;
            }
        }
        """);

    [Fact]
    public Task CreateScopeResolvingAGenericContext_Diagnostic() => VerifyAnalyzer(DependencyInjection + """
        namespace App
        {
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;

            class Migrator
            {
                async Task Migrate<TContext>(IServiceProvider services) where TContext : Context
                {
                    using var scope = [|services.CreateScope()|];
                    await Task.Yield();
                    _ = scope.ServiceProvider.GetRequiredService<TContext>();
                }
            }
        }
        """);

    [Fact]
    public Task CreateScopeWithExplicitType_DiagnosticWithoutFix() => VerifyNoFix(DependencyInjection + """
        namespace App
        {
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;

            class Worker
            {
                async Task Run(IServiceProvider services)
                {
                    using IServiceScope scope = [|services.CreateScope()|];
                    await Task.Yield();
                    _ = scope.ServiceProvider.GetRequiredService<Context>();
                }
            }
        }
        """);

    // ---- Application code: disposal with nothing left to flush, in-memory archives, paired override points, tests --

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
    public Task UsingWhoseLastUseIsNotAFlush_Diagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M(string path, Stream source, CancellationToken token)
            {
                [|using|] (var copy = new FileStream(path, FileMode.Create, FileAccess.Write))
                {
                    await copy.FlushAsync(token);
                    await source.CopyToAsync(copy, token);
                }
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

    // ---- Fixes ------------------------------------------------------------------------------------------------

    [Fact]
    public Task Fix_StaticCall_BecomesAwaitOfCounterpart() => VerifyFix("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(string path)
            {
                await Task.Yield();
                // read it
                var text = [|File.ReadAllText(path)|]; // all of it
                return text.Length;
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(string path)
            {
                await Task.Yield();
                // read it
                var text = await File.ReadAllTextAsync(path); // all of it
                return text.Length;
            }
        }
        """);

    // A statement of its own keeps the blank line and comments above it.
    [Fact]
    public Task Fix_StatementAfterBlankLine_KeepsBlankLineAndComments() => VerifyFix("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(string path)
            {
                await Task.Yield();

                // write it
                [|File.WriteAllText(path, "a")|];

                [|File.WriteAllText(path, "b")|]; // again
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(string path)
            {
                await Task.Yield();

                // write it
                await File.WriteAllTextAsync(path, "a");

                await File.WriteAllTextAsync(path, "b"); // again
            }
        }
        """);

    [Fact]
    public Task Fix_ForwardsCancellationTokenInScope() => VerifyFix("""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M(StreamWriter writer, CancellationToken cancellationToken)
            {
                await Task.Yield();
                [|writer.Flush()|];
                [|File.WriteAllText("a.txt", "text")|];
            }
        }
        """, """
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M(StreamWriter writer, CancellationToken cancellationToken)
            {
                await Task.Yield();
                await writer.FlushAsync(cancellationToken);
                await File.WriteAllTextAsync("a.txt", "text", cancellationToken);
            }
        }
        """);

    [Fact]
    public Task Fix_ResultUsedInMemberAccess_IsParenthesized() => VerifyFix("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(StreamReader reader)
            {
                await Task.Yield();
                return [|reader.ReadToEnd()|].Length;
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(StreamReader reader)
            {
                await Task.Yield();
                return (await reader.ReadToEndAsync()).Length;
            }
        }
        """);

    [Fact]
    public Task Fix_ArrayPassedAsSpan_BecomesMemoryOverload() => VerifyFix("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Stream stream, byte[] buffer)
            {
                await Task.Yield();
                [|stream.Write(buffer)|];
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Stream stream, byte[] buffer)
            {
                await Task.Yield();
                await stream.WriteAsync(buffer);
            }
        }
        """);

    [Fact]
    public Task Fix_GenericMethodWithNamedArguments_AddsNamedToken() => VerifyFix("""
        using System.IO;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Stream stream, int[] values, CancellationToken ct)
            {
                await Task.Yield();
                [|JsonSerializer.Serialize<int[]>(utf8Json: stream, value: values)|];
            }
        }
        """, """
        using System.IO;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Stream stream, int[] values, CancellationToken ct)
            {
                await Task.Yield();
                await JsonSerializer.SerializeAsync<int[]>(utf8Json: stream, value: values, cancellationToken: ct);
            }
        }
        """);

    [Fact]
    public Task Fix_OptionalTokenWithoutTokenInScope_LeavesItOut() => VerifyFix("""
        using System.IO;
        using System.Text.Json;
        using System.Threading.Tasks;

        class C
        {
            async Task<int[]?> M(Stream stream)
            {
                await Task.Yield();
                return [|JsonSerializer.Deserialize<int[]>(stream)|];
            }
        }
        """, """
        using System.IO;
        using System.Text.Json;
        using System.Threading.Tasks;

        class C
        {
            async Task<int[]?> M(Stream stream)
            {
                await Task.Yield();
                return await JsonSerializer.DeserializeAsync<int[]>(stream);
            }
        }
        """);

    [Fact]
    public Task Fix_UsingStatementBeforeCSharp8_NoFix()
    {
        const string source = """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task M(FileStream stream)
                {
                    [|using|] (stream)
                    {
                        await Task.Yield();
                    }
                }
            }
            """;
        var test = new Verify.CodeFixTest<SyncIOInAsyncAnalyzer, SyncIOInAsyncCodeFix>
        {
            TestCode = source,
            FixedCode = source,
            LanguageVersion = LanguageVersion.CSharp7_3,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_SpanArgument_NoFix() => VerifyNoFix("""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Stream stream, byte[] buffer)
            {
                await Task.Yield();
                return [|stream.Read(buffer.AsSpan(1))|];
            }
        }
        """);

    [Fact]
    public Task Fix_SemaphoreSlimWait_BecomesAwaitWaitAsync() => VerifyFix("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task<bool> M(SemaphoreSlim gate)
            {
                await Task.Yield();
                [|gate.Wait()|];
                return [|gate.Wait(100)|];
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task<bool> M(SemaphoreSlim gate)
            {
                await Task.Yield();
                await gate.WaitAsync();
                return await gate.WaitAsync(100);
            }
        }
        """);

    [Fact]
    public Task Fix_ImplicitThisCallInDerivedType_BecomesAwait() => VerifyFix("""
        using System.Threading.Tasks;

        class Store
        {
            public string Load() => "";
            public Task<string> LoadAsync() => Task.FromResult("");
        }

        class Derived : Store
        {
            async Task<string> M()
            {
                await Task.Yield();
                return [|Load()|];
            }
        }
        """, """
        using System.Threading.Tasks;

        class Store
        {
            public string Load() => "";
            public Task<string> LoadAsync() => Task.FromResult("");
        }

        class Derived : Store
        {
            async Task<string> M()
            {
                await Task.Yield();
                return await LoadAsync();
            }
        }
        """);

    [Fact]
    public Task Fix_RequiredTokenWithoutTokenInScope_PassesNone() => VerifyFix("""
        using System.Threading;
        using System.Threading.Tasks;

        class Store
        {
            public int Count() => 0;
            public Task<int> CountAsync(CancellationToken cancellationToken) => Task.FromResult(0);
        }

        class C
        {
            async Task<int> M(Store store)
            {
                await Task.Yield();
                return [|store.Count()|];
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class Store
        {
            public int Count() => 0;
            public Task<int> CountAsync(CancellationToken cancellationToken) => Task.FromResult(0);
        }

        class C
        {
            async Task<int> M(Store store)
            {
                await Task.Yield();
                return await store.CountAsync(CancellationToken.None);
            }
        }
        """);

    [Fact]
    public Task Fix_InsideLock_NoFix() => VerifyNoFix("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            private readonly object _gate = new();

            async Task<string> M(string path)
            {
                await Task.Yield();
                lock (_gate)
                {
                    return [|File.ReadAllText(path)|];
                }
            }
        }
        """);

    [Fact]
    public Task Fix_ConditionalAccess_NoFix() => VerifyNoFix("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string?> M(StreamReader? reader)
            {
                await Task.Yield();
                return reader?[|.ReadToEnd()|];
            }
        }
        """);

    [Fact]
    public Task Fix_UsingDeclaration_BecomesAwaitUsing() => VerifyFix("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(string path)
            {
                // open
                [|using|] var stream = File.Create(path);
                stream.WriteByte(1);
                await Task.Yield();
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(string path)
            {
                // open
                await using var stream = File.Create(path);
                stream.WriteByte(1);
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Fix_UsingStatement_BecomesAwaitUsing() => VerifyFix("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(string path)
            {
                [|using|] (var writer = new StreamWriter(path))
                {
                    await writer.WriteAsync("a");
                }
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(string path)
            {
                await using (var writer = new StreamWriter(path))
                {
                    await writer.WriteAsync("a");
                }
            }
        }
        """);

    [Fact]
    public Task Fix_UsingInsideLock_NoFix() => VerifyNoFix("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            private readonly object _gate = new();

            async Task M(string path)
            {
                await Task.Yield();
                lock (_gate)
                {
                    [|using|] var stream = File.Create(path);
                    stream.WriteByte(1);
                }
            }
        }
        """);

    [Fact]
    public Task FixAll_AcrossDocuments_RewritesCallsAndUsings()
    {
        var test = new Verify.CodeFixTest<SyncIOInAsyncAnalyzer, SyncIOInAsyncCodeFix>();
        test.TestState.Sources.Add(("A.cs", """
            using System.IO;
            using System.Threading.Tasks;

            class A
            {
                async Task M(string path)
                {
                    [|using|] var writer = new StreamWriter(path);
                    [|writer.WriteLine([|File.ReadAllText(path)|])|];
                    await Task.Yield();
                }
            }
            """));
        test.TestState.Sources.Add(("B.cs", """
            using System.IO;
            using System.Threading.Tasks;

            class B
            {
                async Task<int> M(Stream stream, byte[] buffer)
                {
                    await Task.Yield();
                    return [|stream.Read(buffer, 0, buffer.Length)|];
                }
            }
            """));
        test.FixedState.Sources.Add(("A.cs", """
            using System.IO;
            using System.Threading.Tasks;

            class A
            {
                async Task M(string path)
                {
                    await using var writer = new StreamWriter(path);
                    await writer.WriteLineAsync(await File.ReadAllTextAsync(path));
                    await Task.Yield();
                }
            }
            """));
        test.FixedState.Sources.Add(("B.cs", """
            using System.IO;
            using System.Threading.Tasks;

            class B
            {
                async Task<int> M(Stream stream, byte[] buffer)
                {
                    await Task.Yield();
                    return await stream.ReadAsync(buffer, 0, buffer.Length);
                }
            }
            """));
        return test.RunAsync();
    }
}
