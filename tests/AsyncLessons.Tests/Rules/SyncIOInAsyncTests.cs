using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
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

    // ---- Where it fires -------------------------------------------------------------------------------------

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
}
