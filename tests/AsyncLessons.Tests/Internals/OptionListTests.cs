using System.Threading.Tasks;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Internals;

/// <summary>
/// The one grammar of the list options (<c>ConfiguredSymbols</c>): every form of a type entry and a method entry,
/// through the rules that read them, and malformed entries that are skipped without hiding their valid neighbours.
/// </summary>
public class OptionListTests
{
    private static Task VerifyWithOptions<TAnalyzer>(string source, string? editorConfig, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new Verify.AnalyzerTest<TAnalyzer> { TestCode = source };
        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorConfig + "\n"));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    // ---- AL0001 concurrent_safe_types: a type list -----------------------------------------------------------

    /// <summary>Two awaits on one <c>App.Cache&lt;int&gt;</c>: a run of two only when the cache is listed as concurrency-safe.</summary>
    private const string GenericCacheAwaits = """
        using System.Threading.Tasks;

        namespace App
        {
            class Cache<T> { public Task<T> GetAsync(int key) => Task.FromResult(default(T)!); }

            class Cache { public Task<int> GetAsync(int key) => Task.FromResult(key); }
        }

        class C
        {
            private readonly App.Cache<int> _cache = new();

            async Task<int> M()
            {
                var a = {|#0:await _cache.GetAsync(1)|};
                var b = {|#1:await _cache.GetAsync(2)|};
                return a + b;
            }
        }
        """;

    private static DiagnosticResult RunOfTwo() =>
        Verify.Diagnostic(SequentialAwaitsAnalyzer.Rule).WithArguments(2).WithLocation(0).WithLocation(1);

    [Theory]
    [InlineData("App.Cache`1")]
    [InlineData("T:App.Cache`1")]
    [InlineData("App.Cache<T>")]
    [InlineData("App.Cache<TValue>")]
    [InlineData("App.Cache<>")]
    [InlineData("global::App.Cache<T>")]
    [InlineData("T:global::App.Cache`1")]
    [InlineData("Cache<T>")]
    [InlineData("  System.Uri ,, App.Cache<T> ,  ")]
    public Task ConcurrentSafeTypes_GenericTypeForms_Diagnostic(string value) => VerifyWithOptions<SequentialAwaitsAnalyzer>(
        GenericCacheAwaits, "async_lessons.AL0001.concurrent_safe_types = " + value, RunOfTwo());

    [Theory]
    [InlineData(null)]
    [InlineData("App.Cache")]
    [InlineData("App.Cache<TKey, TValue>")]
    [InlineData("App.Cache`2")]
    [InlineData("T:App.Cache")]
    [InlineData("Missing.Cache<T>")]
    public Task ConcurrentSafeTypes_OtherTypeOrArity_NoDiagnostic(string? value) => VerifyWithOptions<SequentialAwaitsAnalyzer>(
        GenericCacheAwaits, value is null ? null : "async_lessons.AL0001.concurrent_safe_types = " + value);

    [Theory]
    [InlineData("App.Outer+Inner")]
    [InlineData("App.Outer.Inner")]
    [InlineData("T:App.Outer.Inner")]
    [InlineData("global::App.Outer+Inner")]
    [InlineData("Outer.Inner")]
    public Task ConcurrentSafeTypes_NestedTypeForms_Diagnostic(string value) => VerifyWithOptions<SequentialAwaitsAnalyzer>("""
        using System.Threading.Tasks;

        namespace App
        {
            class Outer
            {
                public class Inner { public Task<int> GetAsync(int key) => Task.FromResult(key); }
            }
        }

        class C
        {
            private readonly App.Outer.Inner _inner = new();

            async Task<int> M()
            {
                var a = {|#0:await _inner.GetAsync(1)|};
                var b = {|#1:await _inner.GetAsync(2)|};
                return a + b;
            }
        }
        """, "async_lessons.AL0001.concurrent_safe_types = " + value, RunOfTwo());

    [Theory]
    [InlineData("App.Cache<, App.Cache<T>")]
    [InlineData("<>, App.Cache<T>")]
    [InlineData("M:App.Cache`1.GetAsync(System.Int32), App.Cache<T>")]
    [InlineData("App..Cache, .., ., App.Cache<T>")]
    [InlineData("App.Cache<T>>, App.Cache`, App.Cache`x, App.Cache`1<T>, 1App.Cache, App.Cache<T>")]
    [InlineData("App.Cache<T>, T:, global::, App.Cache<(")]
    [InlineData("App Cache, App.Cache(System.Int32), App.Cache<T>")]
    public Task ConcurrentSafeTypes_MalformedEntriesBesideAValidOne_ValidOneApplies(string value) => VerifyWithOptions<SequentialAwaitsAnalyzer>(
        GenericCacheAwaits, "async_lessons.AL0001.concurrent_safe_types = " + value, RunOfTwo());

    [Theory]
    [InlineData("App.Cache<")]
    [InlineData("<>, >, <<<, ,,, ;;")]
    [InlineData("T:, M:, global::, `1, @, .")]
    [InlineData("App.Cache<T>>")]
    public Task ConcurrentSafeTypes_OnlyMalformedEntries_NoDiagnosticNoCrash(string value) => VerifyWithOptions<SequentialAwaitsAnalyzer>(
        GenericCacheAwaits, "async_lessons.AL0001.concurrent_safe_types = " + value);

    [Fact]
    public Task ConcurrentSafeTypes_GenericForm_AppliesToAwaitInLoop() => VerifyWithOptions<AwaitInLoopAnalyzer>("""
        using System.Threading.Tasks;

        namespace App;

        class Mailer<TMessage> { public Task SendAsync(int id) => Task.CompletedTask; }

        class C
        {
            private readonly Mailer<string> _mailer = new();

            async Task M(int[] ids)
            {
                foreach (var id in ids)
                {
                    {|#0:await _mailer.SendAsync(id)|};
                }
            }
        }
        """, "async_lessons.AL0001.concurrent_safe_types = App.Mailer<TMessage>", Verify.Diagnostic(AwaitInLoopAnalyzer.Rule).WithLocation(0));

    // ---- AL0003 ignored_types: a type list -------------------------------------------------------------------

    /// <summary>A dropped Task and a dropped Task&lt;int&gt;.</summary>
    private const string DroppedTasks = """
        using System.Threading.Tasks;

        static class Api
        {
            public static Task SendAsync() => Task.CompletedTask;
            public static Task<int> CountAsync() => Task.FromResult(1);
        }

        class C
        {
            void M()
            {
                {|#0:Api.SendAsync()|};
                {|#1:Api.CountAsync()|};
            }
        }
        """;

    private static DiagnosticResult Dropped(int marker) => Verify.Diagnostic(RuleIds.UnobservedTask).WithLocation(marker);

    [Theory]
    [InlineData("System.Threading.Tasks.Task`1")]
    [InlineData("T:System.Threading.Tasks.Task`1")]
    [InlineData("System.Threading.Tasks.Task<TResult>")]
    [InlineData("System.Threading.Tasks.Task<T>")]
    [InlineData("System.Threading.Tasks.Task<>")]
    [InlineData("global::System.Threading.Tasks.Task<TResult>")]
    [InlineData("Task<TResult>")]
    [InlineData(" , System.Threading.Tasks.Task<TResult> , ")]
    public Task IgnoredTypes_GenericTypeForms_OnlyTheGenericTaskIsIgnored(string value) => VerifyWithOptions<UnobservedTaskAnalyzer>(
        DroppedTasks, "async_lessons.AL0003.ignored_types = " + value, Dropped(0));

    [Theory]
    [InlineData("System.Threading.Tasks.Task")]
    [InlineData("T:System.Threading.Tasks.Task")]
    [InlineData("global::System.Threading.Tasks.Task")]
    public Task IgnoredTypes_NonGenericName_OnlyTheNonGenericTaskIsIgnored(string value) => VerifyWithOptions<UnobservedTaskAnalyzer>(
        DroppedTasks, "async_lessons.AL0003.ignored_types = " + value, Dropped(1));

    [Theory]
    [InlineData("System.Threading.Tasks.Task<, System.Threading.Tasks.Task<TResult>")]
    [InlineData("<>, M:, .., System..Threading, No.Such.Type, System.Threading.Tasks.Task<TResult>")]
    [InlineData("System.Threading.Tasks.Task<TResult>, System.Threading.Tasks.Task<")]
    public Task IgnoredTypes_MalformedEntriesBesideAValidOne_ValidOneApplies(string value) => VerifyWithOptions<UnobservedTaskAnalyzer>(
        DroppedTasks, "async_lessons.AL0003.ignored_types = " + value, Dropped(0));

    // ---- AL0003 ignored_methods: a method list ---------------------------------------------------------------

    /// <summary>Refresh has two overloads on a generic type; Clear is never listed.</summary>
    private const string CacheCalls = """
        using System.Threading.Tasks;

        namespace App
        {
            class Cache<T>
            {
                public Task Refresh(string key) => Task.CompletedTask;
                public Task Refresh(int id) => Task.CompletedTask;
                public Task Clear() => Task.CompletedTask;
            }
        }

        class C
        {
            void M(App.Cache<int> cache)
            {
                {|#0:cache.Refresh("a")|};
                {|#1:cache.Refresh(1)|};
                {|#2:cache.Clear()|};
            }
        }
        """;

    [Theory]
    [InlineData("App.Cache<T>.Refresh")]
    [InlineData("App.Cache<TValue>.Refresh")]
    [InlineData("App.Cache<>.Refresh")]
    [InlineData("App.Cache`1.Refresh")]
    [InlineData("App.Cache.Refresh")]
    [InlineData("global::App.Cache<T>.Refresh")]
    [InlineData("Cache<T>.Refresh")]
    [InlineData("M:App.Cache`1.Refresh")]
    [InlineData("M:App.Cache`1.Refresh(System.String), M:App.Cache`1.Refresh(System.Int32)")]
    public Task IgnoredMethods_TypeAndMethodForms_EveryOverloadIgnored(string value) => VerifyWithOptions<UnobservedTaskAnalyzer>(
        CacheCalls, "async_lessons.AL0003.ignored_methods = " + value, Dropped(2));

    [Fact]
    public Task IgnoredMethods_DocumentationCommentIdOnGenericType_ThatOverloadOnly() => VerifyWithOptions<UnobservedTaskAnalyzer>(
        CacheCalls, "async_lessons.AL0003.ignored_methods = M:App.Cache`1.Refresh(System.String)", Dropped(1), Dropped(2));

    [Theory]
    [InlineData("App.Cache<T>.Refresh<T>")]
    [InlineData("App.Cache<TKey, TValue>.Refresh")]
    [InlineData("App.Cache<T>")]
    [InlineData("Refresh")]
    public Task IgnoredMethods_WrongArityOrNoMethod_NothingIgnored(string value) => VerifyWithOptions<UnobservedTaskAnalyzer>(
        CacheCalls, "async_lessons.AL0003.ignored_methods = " + value, Dropped(0), Dropped(1), Dropped(2));

    [Fact]
    public Task IgnoredMethods_DocumentationCommentIdWithoutParameters_TheParameterlessOverloadOnly() => VerifyWithOptions<UnobservedTaskAnalyzer>("""
        using System.Threading.Tasks;

        namespace App
        {
            static class Client
            {
                public static Task Send() => Task.CompletedTask;
                public static Task Send(string text) => Task.CompletedTask;
            }
        }

        class C
        {
            void M()
            {
                App.Client.Send();
                {|#0:App.Client.Send("x")|};
            }
        }
        """, "async_lessons.AL0003.ignored_methods = M:App.Client.Send", Dropped(0));

    [Fact]
    public Task IgnoredMethods_NestedTypeWithPlus_Ignored() => VerifyWithOptions<UnobservedTaskAnalyzer>("""
        using System.Threading.Tasks;

        namespace App
        {
            static class Outer
            {
                public static class Inner
                {
                    public static Task Send() => Task.CompletedTask;
                }
            }
        }

        class C
        {
            void M()
            {
                App.Outer.Inner.Send();
            }
        }
        """, "async_lessons.AL0003.ignored_methods = App.Outer+Inner.Send");

    [Theory]
    [InlineData("App.Cache<, App.Cache<T>.Refresh")]
    [InlineData("<>, M:, .., App..Cache.Refresh, App.Cache<T>>.Refresh, No.Such.Method, App.Cache<T>.Refresh")]
    [InlineData("M:App.Cache`1.Refresh(, App.Cache`1.Refresh")]
    [InlineData("T:App.Cache`1, App.Cache<T>.Refresh, App.Cache<T>.")]
    [InlineData("App.Cache<T>.Refresh, .Refresh, App.Cache<T>..Refresh")]
    public Task IgnoredMethods_MalformedEntriesBesideAValidOne_ValidOneApplies(string value) => VerifyWithOptions<UnobservedTaskAnalyzer>(
        CacheCalls, "async_lessons.AL0003.ignored_methods = " + value, Dropped(2));

    [Theory]
    [InlineData("App.Cache<")]
    [InlineData("M:, M:(, M:), M:App.Cache`1.Refresh(Missing.Type)")]
    [InlineData("<>.Refresh, ..Refresh, global::.Refresh")]
    public Task IgnoredMethods_OnlyMalformedEntries_NothingIgnoredNoCrash(string value) => VerifyWithOptions<UnobservedTaskAnalyzer>(
        CacheCalls, "async_lessons.AL0003.ignored_methods = " + value, Dropped(0), Dropped(1), Dropped(2));

    // ---- AL0005 excluded_methods and in_memory_types ---------------------------------------------------------

    private const string GenericStoreLoad = """
        using System.Threading.Tasks;

        namespace App
        {
            class Store<T>
            {
                public T Load(string key) => default!;
                public Task<T> LoadAsync(string key) => Task.FromResult(default(T)!);
            }
        }

        class C
        {
            async Task<int> M(App.Store<int> store)
            {
                await Task.Yield();
                return {|#0:store.Load("k")|};
            }
        }
        """;

    [Fact]
    public Task ExcludedMethods_NotSet_Diagnostic() => VerifyWithOptions<SyncIOInAsyncAnalyzer>(
        GenericStoreLoad, null, Verify.Diagnostic(SyncIOInAsyncAnalyzer.Rule).WithLocation(0).WithArguments("Store.Load", "await Store.LoadAsync"));

    [Theory]
    [InlineData("App.Store<T>.Load")]
    [InlineData("App.Store`1.Load")]
    [InlineData("M:App.Store`1.Load(System.String)")]
    [InlineData("App.Store<, App.Store<T>.Load")]
    public Task ExcludedMethods_GenericTypeForms_NoDiagnostic(string value) => VerifyWithOptions<SyncIOInAsyncAnalyzer>(
        GenericStoreLoad, "async_lessons.AL0005.excluded_methods = " + value);

    private const string GenericRamStreamFlush = """
        using System.IO;
        using System.Threading.Tasks;

        namespace App
        {
            class RamStream<T> : FileStream
            {
                public RamStream(string path) : base(path, FileMode.Open) { }
            }
        }

        class C
        {
            async Task M(App.RamStream<int> stream)
            {
                await Task.Yield();
                {|#0:stream.Flush()|};
            }
        }
        """;

    [Fact]
    public Task InMemoryTypes_NotListed_Diagnostic() => VerifyWithOptions<SyncIOInAsyncAnalyzer>(
        GenericRamStreamFlush, null, Verify.Diagnostic(RuleIds.SyncIOInAsync).WithLocation(0));

    [Theory]
    [InlineData("App.RamStream<T>")]
    [InlineData("App.RamStream<>")]
    [InlineData("T:App.RamStream`1")]
    [InlineData("System.IO.MemoryStream, App.RamStream<, App.RamStream<T>")]
    public Task InMemoryTypes_GenericTypeForms_NoDiagnostic(string value) => VerifyWithOptions<SyncIOInAsyncAnalyzer>(
        GenericRamStreamFlush, "async_lessons.AL0005.in_memory_types = " + value);

    // ---- AL0008 exclusive_types ------------------------------------------------------------------------------

    private const string GenericUnitOfWorkTogether = """
        using System.Threading.Tasks;

        namespace App
        {
            class UnitOfWork<TEntity>
            {
                public Task SaveAsync(int id) => Task.CompletedTask;
            }
        }

        class C
        {
            async Task M(App.UnitOfWork<string> work)
            {
                await {|#1:Task.WhenAll({|#2:work.SaveAsync(1)|}, {|#0:work.SaveAsync(2)|})|};
            }
        }
        """;

    [Fact]
    public Task ExclusiveTypes_NotListed_NoDiagnostic() => VerifyWithOptions<SharedResourceAnalyzer>(GenericUnitOfWorkTogether, null);

    [Theory]
    [InlineData("App.UnitOfWork<TEntity>")]
    [InlineData("App.UnitOfWork`1")]
    [InlineData("global::App.UnitOfWork<>")]
    [InlineData("<>, App.UnitOfWork<T>")]
    public Task ExclusiveTypes_GenericTypeForms_Diagnostic(string value) => VerifyWithOptions<SharedResourceAnalyzer>(
        GenericUnitOfWorkTogether,
        "async_lessons.AL0008.exclusive_types = " + value,
        Verify.Diagnostic(SharedResourceAnalyzer.Rule).WithLocation(0).WithLocation(1).WithLocation(2)
            .WithArguments("Task.WhenAll", "'work'", "'UnitOfWork' allows one operation at a time"));
}
