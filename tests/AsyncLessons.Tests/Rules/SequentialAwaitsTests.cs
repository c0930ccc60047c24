using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class SequentialAwaitsTests
{
    private const string Services = """

        static class Api
        {
            public static Task<string> GetUserAsync(int id) => Task.FromResult("user" + id);
            public static Task<int> GetOrdersAsync(int id) => Task.FromResult(id * 2);
            public static Task<int> GetStockAsync(int id) => Task.FromResult(id * 3);
            public static Task SendAsync(string message) => Task.CompletedTask;
            public static Task ArchiveAsync(string message) => Task.CompletedTask;
            public static ValueTask<int> CountAsync(int id) => new(id);
            public static ValueTask PingAsync() => default;
            public static Task<int> SaveAsync(int id) => Task.FromResult(id);
        }
        """;

    private static Task VerifyAnalyzer(string source, params DiagnosticResult[] expected) =>
        Verify.Analyzer<SequentialAwaitsAnalyzer>(source + Services, expected);

    private static Task VerifyFix(string source, string fixedSource, params DiagnosticResult[] expected) =>
        Verify.CodeFix<SequentialAwaitsAnalyzer, SequentialAwaitsCodeFix>(source + Services, fixedSource + Services, expected);

    /// <summary>The diagnostic for a run of <paramref name="count"/> awaits marked {|#0:|} to {|#n-1:|}.</summary>
    private static DiagnosticResult Run(int count, int firstMarker = 0)
    {
        var result = Verify.Diagnostic(SequentialAwaitsAnalyzer.Rule).WithArguments(count);
        for (var i = 0; i < count; i++)
        {
            result = result.WithLocation(firstMarker + i);
        }

        return result;
    }

    // ---- Where it fires -------------------------------------------------------------------------------------

    [Fact]
    public Task TwoIndependentDeclarations_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var user = {|#0:await Api.GetUserAsync(id)|};
                var orders = {|#1:await Api.GetOrdersAsync(id)|};
                return user + orders;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task ThreeIndependentAwaits_MessageNamesTheCount() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var user = {|#0:await Api.GetUserAsync(id)|};
                var orders = {|#1:await Api.GetOrdersAsync(id)|};
                var stock = {|#2:await Api.GetStockAsync(id)|};
                return user + orders + stock;
            }
        }
        """,
        Run(3));

    [Fact]
    public Task ExpressionStatementsAndAssignments_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(int id, string a, string b)
            {
                int orders;
                {|#0:await Api.SendAsync(a)|};
                {|#1:await Api.ArchiveAsync(b)|};
                orders = {|#2:await Api.GetOrdersAsync(id)|};
                return orders;
            }
        }
        """,
        Run(3));

    [Fact]
    public Task ConfigureAwaitFalse_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var user = {|#0:await Api.GetUserAsync(id).ConfigureAwait(false)|};
                var orders = {|#1:await Api.GetOrdersAsync(id).ConfigureAwait(false)|};
                return user + orders;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task ValueTasks_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async ValueTask<int> M(int id)
            {
                var count = {|#0:await Api.CountAsync(id)|};
                {|#1:await Api.PingAsync()|};
                return count;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task InAsyncLambda_Diagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            Func<int, Task<string>> f = async id =>
            {
                var user = {|#0:await Api.GetUserAsync(id)|};
                var orders = {|#1:await Api.GetOrdersAsync(id)|};
                return user + orders;
            };
        }
        """,
        Run(2));

    [Fact]
    public Task InAsyncLocalFunction_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            Task<string> M(int id)
            {
                return Local();

                async Task<string> Local()
                {
                    var user = {|#0:await Api.GetUserAsync(id)|};
                    var orders = {|#1:await Api.GetOrdersAsync(id)|};
                    return user + orders;
                }
            }
        }
        """,
        Run(2));

    [Fact]
    public Task TopLevelStatements_Diagnostic()
    {
        var test = new Verify.AnalyzerTest<SequentialAwaitsAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;

                var user = {|#0:await Api.GetUserAsync(1)|};
                var orders = {|#1:await Api.GetOrdersAsync(1)|};
                System.Console.WriteLine(user + orders);
                """ + Services,
        };
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(Run(2));
        return test.RunAsync();
    }

    [Fact]
    public Task DifferentFieldReceivers_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class Repo { public Task<int> GetAsync(int id) => Task.FromResult(id); }

        class C
        {
            private readonly Repo _users = new();
            private readonly Repo _orders = new();

            async Task<int> M(int id)
            {
                var user = {|#0:await _users.GetAsync(id)|};
                var orders = {|#1:await _orders.GetAsync(id)|};
                return user + orders;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task SharedHttpClient_Diagnostic() => VerifyAnalyzer("""
        using System.Net.Http;
        using System.Threading.Tasks;

        class C
        {
            private readonly HttpClient _http = new();

            async Task<int> M()
            {
                var a = {|#0:await _http.GetStringAsync("https://example.com/a")|};
                var b = {|#1:await _http.GetStringAsync("https://example.com/b")|};
                return a.Length + b.Length;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task SharedCancellationToken_Diagnostic() => VerifyAnalyzer("""
        using System.Threading;
        using System.Threading.Tasks;

        static class Store
        {
            public static Task<int> LoadAAsync(CancellationToken ct) => Task.FromResult(1);
            public static Task<int> SendBAsync(CancellationToken ct) => Task.FromResult(2);
        }

        class C
        {
            async Task<int> M(CancellationToken cancellationToken)
            {
                var a = {|#0:await Store.LoadAAsync(cancellationToken)|};
                var b = {|#1:await Store.SendBAsync(cancellationToken)|};
                return a + b;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task ConfiguredSafeType_SharedReceiver_Diagnostic()
    {
        var test = new Verify.AnalyzerTest<SequentialAwaitsAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;

                namespace App;

                class Cache { public Task<int> GetAsync(int key) => Task.FromResult(key); }

                class C
                {
                    private readonly Cache _cache = new();

                    async Task<int> M()
                    {
                        var a = {|#0:await _cache.GetAsync(1)|};
                        var b = {|#1:await _cache.GetAsync(2)|};
                        return a + b;
                    }
                }
                """,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [*.cs]
            async_lessons.AL0001.concurrent_safe_types = System.Uri, App.Cache
            """));
        test.ExpectedDiagnostics.Add(Run(2));
        return test.RunAsync();
    }

    [Fact]
    public Task SameIdToTwoReadingCalls_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(string key)
            {
                var a = {|#0:await Api.GetUserAsync(key.Length)|};
                var b = {|#1:await Api.GetOrdersAsync(key.Length)|};
                return a + b;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task RunEndsAtDependentStatement_ReportsTheIndependentPart() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(int id)
            {
                var orders = {|#0:await Api.GetOrdersAsync(id)|};
                var stock = {|#1:await Api.GetStockAsync(id)|};
                var saved = await Api.SaveAsync(orders);
                return stock + saved;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task LoopBeforeTheAwaits_IsNotPartOfTheRun() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(int[] ids)
            {
                var total = 0;
                foreach (var id in ids)
                {
                    total += await Api.GetOrdersAsync(id);
                }

                var a = {|#0:await Api.GetStockAsync(total)|};
                var b = {|#1:await Api.GetOrdersAsync(total)|};
                return a + b;
            }
        }
        """,
        Run(2));
}
