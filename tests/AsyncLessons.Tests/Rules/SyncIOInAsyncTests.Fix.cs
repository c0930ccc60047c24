using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class SyncIOInAsyncTests
{
    // ---- The fix --------------------------------------------------------------------------------------------

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

    // ---- The fix: counterparts found beyond the same type's public methods ----------------------------------

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

    // ---- The fix: not offered -------------------------------------------------------------------------------

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
}
