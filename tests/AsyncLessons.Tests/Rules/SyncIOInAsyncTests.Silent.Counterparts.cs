using System.Threading.Tasks;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class SyncIOInAsyncTests
{
    // ---- Counterparts that are not equivalent: silent -------------------------------------------------------

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

    // ---- Same-named methods elsewhere and extensions not in scope: silent -----------------------------------

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
}
