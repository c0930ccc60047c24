using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public class SequentialAwaitsTests
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

    // ---- Where it stays silent ------------------------------------------------------------------------------

    [Fact]
    public Task SecondCallUsesFirstResult_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(int id)
            {
                var orders = await Api.GetOrdersAsync(id);
                var stock = await Api.GetStockAsync(orders);
                return stock;
            }
        }
        """);

    [Fact]
    public Task SecondCallLambdaCapturesFirstResult_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        static class Work { public static Task<int> RunAsync(Func<int> f) => Task.FromResult(f()); }

        class C
        {
            async Task<int> M(int id)
            {
                var orders = await Api.GetOrdersAsync(id);
                var stock = await Work.RunAsync(() => orders + 1);
                return stock;
            }
        }
        """);

    [Fact]
    public Task AssignedVariableReadByLaterCall_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(int id)
            {
                id = await Api.GetOrdersAsync(id);
                return await Api.GetStockAsync(id) + await Api.GetStockAsync(2);
            }
        }
        """);

    [Fact]
    public Task IncrementInArgumentReadByLaterCall_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(int id)
            {
                var a = await Api.GetOrdersAsync(id++);
                var b = await Api.GetStockAsync(id);
                return a + b;
            }
        }
        """);

    [Fact]
    public Task DeleteThenAuditOnAnotherReceiver_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading;
        using System.Threading.Tasks;

        interface IRepository { Task<bool> DeleteAsync(int id, CancellationToken cancellationToken); }
        interface IAudit { Task WriteAsync(string message, CancellationToken cancellationToken); }

        class C
        {
            private readonly IRepository _repository = null!;
            private readonly IAudit _audit = null!;

            async Task PurgeAsync(int id, CancellationToken cancellationToken)
            {
                await _repository.DeleteAsync(id, cancellationToken);
                await _audit.WriteAsync("purge finished", cancellationToken);
            }
        }
        """);

    [Fact]
    public Task HttpPostThenGetOfTheSameService_NoDiagnostic() => VerifyAnalyzer("""
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            private readonly HttpClient _http = new();

            async Task<string> RebuildAsync(CancellationToken cancellationToken)
            {
                await _http.PostAsync("https://example.invalid/rebuild", null, cancellationToken);
                var state = await _http.GetStringAsync("https://example.invalid/state", cancellationToken);
                return state;
            }
        }
        """);

    [Fact]
    public Task SharedReceiverLocal_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Stream stream, byte[] a, byte[] b)
            {
                await stream.WriteAsync(a, 0, a.Length);
                await stream.WriteAsync(b, 0, b.Length);
            }
        }
        """);

    [Fact]
    public Task SharedReceiverField_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class Db { public Task<int> FindAsync(int id) => Task.FromResult(id); }

        class C
        {
            private readonly Db _db = new();

            async Task<int> M()
            {
                var a = await _db.FindAsync(1);
                var b = await _db.FindAsync(2);
                return a + b;
            }
        }
        """);

    [Fact]
    public Task SharedOwnerOfReceivers_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class Set { public Task<int> CountAsync() => Task.FromResult(1); }
        class DbContext { public Set Users { get; } = new(); public Set Orders { get; } = new(); }

        class C
        {
            private readonly DbContext _db = new();

            async Task<int> M()
            {
                var users = await _db.Users.CountAsync();
                var orders = await _db.Orders.CountAsync();
                return users + orders;
            }
        }
        """);

    [Fact]
    public Task ImplicitThisReceivers_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync(int id) => Task.FromResult(id);
            Task<int> ComputeAsync(int id) => Task.FromResult(id);

            async Task<int> M(int id)
            {
                var a = await LoadAsync(id);
                var b = await ComputeAsync(id);
                return a + b;
            }
        }
        """);

    [Fact]
    public Task ThisMethodAndFieldReceiver_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class Repo { public Task<int> GetAsync(int id) => Task.FromResult(id); }

        class C
        {
            private readonly Repo _repo = new();
            Task<int> LoadAsync(int id) => Task.FromResult(id);

            async Task<int> M(int id)
            {
                var a = await LoadAsync(id);
                var b = await _repo.GetAsync(id);
                return a + b;
            }
        }
        """);

    [Fact]
    public Task WriteThenReadSameFilePath_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(string path, string text)
            {
                await File.WriteAllTextAsync(path, text);
                var back = await File.ReadAllTextAsync(path);
                return back;
            }
        }
        """);

    [Fact]
    public Task WriteThenReadSameLiteralPath_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(string text)
            {
                await File.WriteAllTextAsync("data.txt", text);
                return await File.ReadAllTextAsync("data.txt");
            }
        }
        """);

    [Fact]
    public Task WriteAndReadSameId_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(int id)
            {
                await Api.SaveAsync(id);
                var orders = await Api.GetOrdersAsync(id);
                return orders;
            }
        }
        """);

    [Fact]
    public Task SharedBufferArgument_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Stream a, Stream b, byte[] buffer)
            {
                var first = await a.ReadAsync(buffer, 0, 10);
                var second = await b.ReadAsync(buffer, 10, 10);
                return first + second;
            }
        }
        """);

    [Fact]
    public Task SharedOptionsObject_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class Options { public int Retries; }
        static class Service
        {
            public static Task<int> GetAAsync(Options o) => Task.FromResult(o.Retries);
            public static Task<int> GetBAsync(Options o) => Task.FromResult(o.Retries);
        }

        class C
        {
            async Task<int> M(Options options)
            {
                var a = await Service.GetAAsync(options);
                var b = await Service.GetBAsync(options);
                return a + b;
            }
        }
        """);

    [Fact]
    public Task SameStringToTwoWritingCalls_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(string message)
            {
                await Api.SendAsync(message);
                await Api.ArchiveAsync(message);
            }
        }
        """);

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
    public Task LockThenWork_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            private readonly SemaphoreSlim _gate = new(1);

            async Task<int> M(int id)
            {
                await _gate.WaitAsync();
                var orders = await Api.GetOrdersAsync(id);
                _gate.Release();
                return orders;
            }
        }
        """);

    [Fact]
    public Task OpenConnectionThenCommand_NoDiagnostic() => VerifyAnalyzer("""
        using System.Data.Common;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(DbConnection connection, DbCommand command)
            {
                await connection.OpenAsync();
                var rows = await command.ExecuteNonQueryAsync();
                return rows;
            }
        }
        """);

    [Fact]
    public Task SaveThenPublish_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class Db { public Task<int> SaveChangesAsync() => Task.FromResult(1); }
        class Bus { public Task PublishAsync(string e) => Task.CompletedTask; }

        class C
        {
            private readonly Db _db = new();
            private readonly Bus _bus = new();

            async Task M(string e)
            {
                await _db.SaveChangesAsync();
                await _bus.PublishAsync(e);
            }
        }
        """);

    [Fact]
    public Task RepositoriesOnTheSameConnectionType_NoDiagnostic() => VerifyAnalyzer("""
        using System.Data.Common;
        using System.Threading.Tasks;

        class Users(DbConnection connection) { public Task<int> GetAsync(int id) => Task.FromResult(id); }
        class Orders
        {
            private readonly DbConnection _connection;
            public Orders(DbConnection connection) => _connection = connection;
            public Task<int> GetAsync(int id) => Task.FromResult(id);
        }

        class C
        {
            private readonly Users _users;
            private readonly Orders _orders;

            public C(Users users, Orders orders) { _users = users; _orders = orders; }

            async Task<int> M(int id)
            {
                var user = await _users.GetAsync(id);
                var orders = await _orders.GetAsync(id);
                return user + orders;
            }
        }
        """);

    [Fact]
    public Task ExtensionCallsOnSharedOwner_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class Set<T> { }
        static class Queryable
        {
            public static Task<List<T>> ToListAsync<T>(this Set<T> set) => Task.FromResult(new List<T>());
        }
        class Context { public Set<int> Users { get; } = new(); public Set<string> Orders { get; } = new(); }

        class C
        {
            private readonly Context _db = new();

            async Task<int> M()
            {
                var users = await _db.Users.ToListAsync();
                var orders = await _db.Orders.ToListAsync();
                return users.Count + orders.Count;
            }
        }
        """);

    [Fact]
    public Task StatementInBetween_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(int id)
            {
                var orders = await Api.GetOrdersAsync(id);
                Console.WriteLine("orders loaded");
                var stock = await Api.GetStockAsync(id);
                return orders + stock;
            }
        }
        """);

    [Fact]
    public Task TaskDelay_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(string a)
            {
                await Api.SendAsync(a);
                await Task.Delay(100);
                await Api.ArchiveAsync(a + "!");
            }
        }
        """);

    [Fact]
    public Task AwaitsInConditionsAndShortCircuit_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<bool> M(int id)
            {
                if (await Api.GetOrdersAsync(id) > 0)
                {
                    return true;
                }

                var ok = id > 0 && await Api.GetStockAsync(id) > 0;
                var more = await Api.GetStockAsync(id) + await Api.GetOrdersAsync(id);
                return ok || more > 0;
            }
        }
        """);

    [Fact]
    public Task UsingDeclarations_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class Res : IDisposable { public void Dispose() { } }
        static class Factory
        {
            public static Task<Res> OpenAAsync() => Task.FromResult(new Res());
            public static Task<Res> OpenBAsync() => Task.FromResult(new Res());
        }

        class C
        {
            async Task M()
            {
                using var a = await Factory.OpenAAsync();
                using var b = await Factory.OpenBAsync();
            }
        }
        """);

    [Fact]
    public Task AwaitsInLoopBody_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids)
            {
                foreach (var id in ids)
                {
                    await Api.GetOrdersAsync(id);
                    await Api.GetStockAsync(id);
                }
            }
        }
        """);

    [Fact]
    public Task AwaitOfTaskVariables_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> a, Task<int> b)
            {
                var x = await a;
                var y = await b;
                return x + y;
            }
        }
        """);

    [Fact]
    public Task SingleAwait_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(int id)
            {
                var orders = await Api.GetOrdersAsync(id);
                return orders;
            }
        }
        """);

    [Fact]
    public Task BrokenCode_NoDiagnosticNoCrash() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(int id)
            {
                var a = await Api.{|CS0117:Missing|}(id);
                var b = await Api.GetOrdersAsync({|CS0103:unknown|});
                var c = await Api.GetStockAsync(id{|CS1026:;|}
            }
        }
        """);

    // ---- The fix --------------------------------------------------------------------------------------------

    [Fact]
    public Task Fix_Declarations_StartThenWhenAllThenResults() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                // The user first.
                var user = {|#0:await Api.GetUserAsync(id)|};
                int orders = {|#1:await Api.GetOrdersAsync(id)|}; // orders
                return user + orders;
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var userTask = Api.GetUserAsync(id);
                var ordersTask = Api.GetOrdersAsync(id);
                await Task.WhenAll(userTask, ordersTask);
                // The user first.
                var user = await userTask;
                int orders = await ordersTask; // orders
                return user + orders;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task Fix_BlankLinesBetweenTheAwaits_StayBetweenTheResults() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var name = id.ToString();

                var user = {|#0:await Api.GetUserAsync(id)|};

                // The orders next.
                var orders = {|#1:await Api.GetOrdersAsync(id)|};
                return name + user + orders;
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var name = id.ToString();

                var userTask = Api.GetUserAsync(id);
                var ordersTask = Api.GetOrdersAsync(id);
                await Task.WhenAll(userTask, ordersTask);
                var user = await userTask;

                // The orders next.
                var orders = await ordersTask;
                return name + user + orders;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task Fix_UnusedResults_FoldIntoWhenAll() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(string a, string b)
            {
                {|#0:await Api.SendAsync(a)|};
                // Then tell them.
                {|#1:await Api.ArchiveAsync(b)|};
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task M(string a, string b)
            {
                // Then tell them.
                await Task.WhenAll(Api.SendAsync(a), Api.ArchiveAsync(b));
            }
        }
        """,
        Run(2));

    [Fact]
    public Task Fix_UnusedBeforeUsed_KeepsStartOrder() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(string a, string b, int id)
            {
                {|#0:await Api.SendAsync(a)|};
                var orders = {|#1:await Api.GetOrdersAsync(id)|};
                {|#2:await Api.ArchiveAsync(b + "!")|};
                return orders;
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(string a, string b, int id)
            {
                var sendTask = Api.SendAsync(a);
                var ordersTask = Api.GetOrdersAsync(id);
                await Task.WhenAll(sendTask, ordersTask, Api.ArchiveAsync(b + "!"));
                var orders = await ordersTask;
                return orders;
            }
        }
        """,
        Run(3));

    [Fact]
    public Task Fix_Assignment_KeepsTarget() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            private string _user = "";
            private int _orders;

            async Task M(int id)
            {
                _user = {|#0:await Api.GetUserAsync(id)|};
                _orders = {|#1:await Api.GetOrdersAsync(id)|};
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            private string _user = "";
            private int _orders;

            async Task M(int id)
            {
                var userTask = Api.GetUserAsync(id);
                var ordersTask = Api.GetOrdersAsync(id);
                await Task.WhenAll(userTask, ordersTask);
                _user = await userTask;
                _orders = await ordersTask;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task Fix_ValueTasks_UseAsTask() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(int id)
            {
                var count = {|#0:await Api.CountAsync(id)|};
                {|#1:await Api.PingAsync()|};
                return count;
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(int id)
            {
                var countTask = Api.CountAsync(id).AsTask();
                await Task.WhenAll(countTask, Api.PingAsync().AsTask());
                var count = await countTask;
                return count;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task Fix_ConfigureAwaitFalse_IsKept() => VerifyFix("""
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
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var userTask = Api.GetUserAsync(id);
                var ordersTask = Api.GetOrdersAsync(id);
                await Task.WhenAll(userTask, ordersTask).ConfigureAwait(false);
                var user = await userTask.ConfigureAwait(false);
                var orders = await ordersTask.ConfigureAwait(false);
                return user + orders;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task Fix_MixedConfigureAwait_NotOffered() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var user = {|#0:await Api.GetUserAsync(id).ConfigureAwait(false)|};
                var orders = {|#1:await Api.GetOrdersAsync(id)|};
                return user + orders;
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var user = {|#0:await Api.GetUserAsync(id).ConfigureAwait(false)|};
                var orders = {|#1:await Api.GetOrdersAsync(id)|};
                return user + orders;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task Fix_NamesDoNotCollide() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var userTask = "taken";
                var user = {|#0:await Api.GetUserAsync(id)|};
                var orders = {|#1:await Api.GetOrdersAsync(id)|};
                var ordersTask2 = 0;
                return userTask + user + orders + ordersTask2;
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var userTask = "taken";
                var userTask2 = Api.GetUserAsync(id);
                var ordersTask = Api.GetOrdersAsync(id);
                await Task.WhenAll(userTask2, ordersTask);
                var user = await userTask2;
                var orders = await ordersTask;
                var ordersTask2 = 0;
                return userTask + user + orders + ordersTask2;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task Fix_AddsUsingForTask()
    {
        var test = new Verify.CodeFixTest<SequentialAwaitsAnalyzer, SequentialAwaitsCodeFix>
        {
            TestCode = """
                class C
                {
                    async System.Threading.Tasks.Task M(string a, string b)
                    {
                        {|#0:await Api.SendAsync(a)|};
                        {|#1:await Api.ArchiveAsync(b)|};
                    }
                }

                static class Api
                {
                    public static System.Threading.Tasks.Task SendAsync(string message) => System.Threading.Tasks.Task.CompletedTask;
                    public static System.Threading.Tasks.Task ArchiveAsync(string message) => System.Threading.Tasks.Task.CompletedTask;
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                class C
                {
                    async System.Threading.Tasks.Task M(string a, string b)
                    {
                        await Task.WhenAll(Api.SendAsync(a), Api.ArchiveAsync(b));
                    }
                }

                static class Api
                {
                    public static System.Threading.Tasks.Task SendAsync(string message) => System.Threading.Tasks.Task.CompletedTask;
                    public static System.Threading.Tasks.Task ArchiveAsync(string message) => System.Threading.Tasks.Task.CompletedTask;
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Run(2));
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_InLambda() => VerifyFix("""
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
        """, """
        using System;
        using System.Threading.Tasks;

        class C
        {
            Func<int, Task<string>> f = async id =>
            {
                var userTask = Api.GetUserAsync(id);
                var ordersTask = Api.GetOrdersAsync(id);
                await Task.WhenAll(userTask, ordersTask);
                var user = await userTask;
                var orders = await ordersTask;
                return user + orders;
            };
        }
        """,
        Run(2));

    [Fact]
    public Task Fix_TopLevelStatements()
    {
        var test = new Verify.CodeFixTest<SequentialAwaitsAnalyzer, SequentialAwaitsCodeFix>
        {
            TestCode = """
                using System.Threading.Tasks;

                var user = {|#0:await Api.GetUserAsync(1)|};
                var orders = {|#1:await Api.GetOrdersAsync(1)|};
                System.Console.WriteLine(user + orders);
                """ + Services,
            FixedCode = """
                using System.Threading.Tasks;

                var userTask = Api.GetUserAsync(1);
                var ordersTask = Api.GetOrdersAsync(1);
                await Task.WhenAll(userTask, ordersTask);
                var user = await userTask;
                var orders = await ordersTask;
                System.Console.WriteLine(user + orders);
                """ + Services,
        };
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        test.FixedState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(Run(2));
        return test.RunAsync();
    }

    [Fact]
    public Task FixAll_TwoRunsInOneMethod_NamesStayUnique() => VerifyFix("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var user = {|#0:await Api.GetUserAsync(id)|};
                var orders = {|#1:await Api.GetOrdersAsync(id)|};
                Console.WriteLine(user + orders);
                user = {|#2:await Api.GetUserAsync(id + 1)|};
                orders = {|#3:await Api.GetOrdersAsync(id + 1)|};
                return user + orders;
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var userTask = Api.GetUserAsync(id);
                var ordersTask = Api.GetOrdersAsync(id);
                await Task.WhenAll(userTask, ordersTask);
                var user = await userTask;
                var orders = await ordersTask;
                Console.WriteLine(user + orders);
                var userTask2 = Api.GetUserAsync(id + 1);
                var ordersTask2 = Api.GetOrdersAsync(id + 1);
                await Task.WhenAll(userTask2, ordersTask2);
                user = await userTask2;
                orders = await ordersTask2;
                return user + orders;
            }
        }
        """,
        Run(2), Run(2, firstMarker: 2));

    [Fact]
    public Task FixAll_AcrossDocuments()
    {
        var test = new Verify.CodeFixTest<SequentialAwaitsAnalyzer, SequentialAwaitsCodeFix>();
        test.TestState.Sources.Add(("A.cs", """
            using System.Threading.Tasks;

            class A
            {
                async Task M(string s, string t)
                {
                    {|#0:await Api.SendAsync(s)|};
                    {|#1:await Api.ArchiveAsync(t + "!")|};
                }
            }
            """ + Services));
        test.TestState.Sources.Add(("B.cs", """
            using System.Threading.Tasks;

            class B
            {
                async Task M(string s, string t)
                {
                    {|#2:await Api.SendAsync(s)|};
                    {|#3:await Api.ArchiveAsync(t + "?")|};
                }
            }
            """));
        test.FixedState.Sources.Add(("A.cs", """
            using System.Threading.Tasks;

            class A
            {
                async Task M(string s, string t)
                {
                    await Task.WhenAll(Api.SendAsync(s), Api.ArchiveAsync(t + "!"));
                }
            }
            """ + Services));
        test.FixedState.Sources.Add(("B.cs", """
            using System.Threading.Tasks;

            class B
            {
                async Task M(string s, string t)
                {
                    await Task.WhenAll(Api.SendAsync(s), Api.ArchiveAsync(t + "?"));
                }
            }
            """));
        test.ExpectedDiagnostics.Add(Run(2));
        test.ExpectedDiagnostics.Add(Run(2, firstMarker: 2));
        return test.RunAsync();
    }

    [Fact]
    public Task AwaitsInsideLock_BrokenCode_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            private readonly object _gate = new object();

            async Task<int> M(int id)
            {
                lock (_gate)
                {
                    var a = {|CS1996:await Api.GetStockAsync(id)|};
                    var b = {|CS1996:await Api.GetOrdersAsync(id)|};
                    return a + b;
                }
            }
        }
        """);

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

    [Fact]
    public Task DeconstructionAndMultipleDeclarators_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        static class Pairs { public static Task<(int, int)> GetPairAsync(int id) => Task.FromResult((id, id)); }

        class C
        {
            async Task<int> M(int id)
            {
                var (a, b) = await Pairs.GetPairAsync(id);
                var (c, d) = await Pairs.GetPairAsync(id + 1);
                return a + b + c + d;
            }
        }
        """);

    [Fact]
    public Task PropertyAssignmentTarget_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            public string User { get; set; } = "";
            public int Orders { get; set; }

            async Task M(int id)
            {
                User = await Api.GetUserAsync(id);
                Orders = await Api.GetOrdersAsync(id);
            }
        }
        """);

    [Fact]
    public Task Fix_MultiLineCall_KeepsArguments() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var user = {|#0:await Api.GetUserAsync(
                    id)|};
                var stock = {|#1:await Api.GetStockAsync(id)|};
                return user + stock;
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var userTask = Api.GetUserAsync(
                    id);
                var stockTask = Api.GetStockAsync(id);
                await Task.WhenAll(userTask, stockTask);
                var user = await userTask;
                var stock = await stockTask;
                return user + stock;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task SharedStaticWriter_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                await Console.Out.WriteLineAsync("first");
                await Console.Out.WriteLineAsync("second");
            }
        }
        """);

    [Fact]
    public Task ConfigureAwaitTrue_CountsAsPlainAwait() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var user = {|#0:await Api.GetUserAsync(id).ConfigureAwait(true)|};
                var orders = {|#1:await Api.GetOrdersAsync(id)|};
                return user + orders;
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var userTask = Api.GetUserAsync(id);
                var ordersTask = Api.GetOrdersAsync(id);
                await Task.WhenAll(userTask, ordersTask);
                var user = await userTask;
                var orders = await ordersTask;
                return user + orders;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task FixAll_RunInsideLambdaOfAnotherRun() => VerifyFix("""
        using System;
        using System.Threading.Tasks;

        static class Work { public static Task<int> RunAsync(Func<Task<int>> f) => f(); }

        class C
        {
            async Task<int> M(int id)
            {
                var a = {|#0:await Work.RunAsync(async () =>
                {
                    var x = {|#2:await Api.GetOrdersAsync(1)|};
                    var y = {|#3:await Api.GetStockAsync(2)|};
                    return x + y;
                })|};
                var b = {|#1:await Api.GetStockAsync(id)|};
                return a + b;
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;

        static class Work { public static Task<int> RunAsync(Func<Task<int>> f) => f(); }

        class C
        {
            async Task<int> M(int id)
            {
                var aTask = Work.RunAsync(async () =>
                {
                    var xTask = Api.GetOrdersAsync(1);
                    var yTask = Api.GetStockAsync(2);
                    await Task.WhenAll(xTask, yTask);
                    var x = await xTask;
                    var y = await yTask;
                    return x + y;
                });
                var bTask = Api.GetStockAsync(id);
                await Task.WhenAll(aTask, bTask);
                var a = await aTask;
                var b = await bTask;
                return a + b;
            }
        }
        """,
        Run(2), Run(2, firstMarker: 2));

    // ---- Params collections: from C# 13 on .NET 9+, the Task.WhenAll(a, b) the fix writes binds to params
    // ---- ReadOnlySpan<Task> (the verifiers parse as the newest C#); C# 12 binds the params Task[] overload.

    private static Task VerifyAnalyzer(LanguageVersion languageVersion, string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.AnalyzerTest<SequentialAwaitsAnalyzer> { TestCode = source + Services, LanguageVersion = languageVersion };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task ParamsSpan_Fix_SameResultType_WhenAllOfTwoTasks() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(int id)
            {
                var orders = {|#0:await Api.GetOrdersAsync(id)|};
                var stock = {|#1:await Api.GetStockAsync(id)|};
                return orders + stock;
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(int id)
            {
                var ordersTask = Api.GetOrdersAsync(id);
                var stockTask = Api.GetStockAsync(id);
                await Task.WhenAll(ordersTask, stockTask);
                var orders = await ordersTask;
                var stock = await stockTask;
                return orders + stock;
            }
        }
        """,
        Run(2));

    [Theory]
    [InlineData(LanguageVersion.CSharp12)]
    [InlineData(LanguageVersion.Latest)]
    public Task ParamsSpan_AwaitedWhenAllsOfIndependentCalls_SameDiagnosticInEveryVersion(LanguageVersion languageVersion) => VerifyAnalyzer(languageVersion, """
        using System.Threading.Tasks;

        class C
        {
            async Task M(string a, string b)
            {
                {|#0:await Task.WhenAll(Api.SendAsync(a), Api.ArchiveAsync(a))|};
                {|#1:await Task.WhenAll(Api.SendAsync(b), Api.ArchiveAsync(b), Api.PingAsync().AsTask())|};
            }
        }
        """,
        Run(2));

    [Theory]
    [InlineData(LanguageVersion.CSharp12)]
    [InlineData(LanguageVersion.Latest)]
    public Task ParamsSpan_WhenAllThenCallOnTheSameTasks_NoDiagnosticInEveryVersion(LanguageVersion languageVersion) => VerifyAnalyzer(languageVersion, """
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(int id)
            {
                var orders = Api.GetOrdersAsync(id);
                var stock = Api.GetStockAsync(id);
                await Task.WhenAll(orders, stock);
                var saved = await Api.SaveAsync(orders.Result + stock.Result);
                return saved;
            }
        }
        """);

    [Fact]
    public Task CSharp12_Fix_Declarations_StartThenWhenAllThenResults() => new Verify.CodeFixTest<SequentialAwaitsAnalyzer, SequentialAwaitsCodeFix>
    {
        TestCode = """
            using System.Threading.Tasks;

            class C
            {
                async Task<string> M(int id, string message)
                {
                    var user = {|#0:await Api.GetUserAsync(id)|};
                    var orders = {|#1:await Api.GetOrdersAsync(id)|};
                    {|#2:await Api.SendAsync(message)|};
                    return user + orders;
                }
            }
            """ + Services,
        FixedCode = """
            using System.Threading.Tasks;

            class C
            {
                async Task<string> M(int id, string message)
                {
                    var userTask = Api.GetUserAsync(id);
                    var ordersTask = Api.GetOrdersAsync(id);
                    await Task.WhenAll(userTask, ordersTask, Api.SendAsync(message));
                    var user = await userTask;
                    var orders = await ordersTask;
                    return user + orders;
                }
            }
            """ + Services,
        LanguageVersion = LanguageVersion.CSharp12,
        ExpectedDiagnostics = { Run(3) },
    }.RunAsync();
    // ---- Precision on real code: steps whose order is the point ------------------------------------------------

    [Theory]
    [InlineData("await Waits.LongTestDelay();")]
    [InlineData("await Waits.SettleAsync();")]
    [InlineData("await Waits.ShortPause();")]
    [InlineData("await Waits.ThrottleRequestsAsync();")]
    [InlineData("await Waits.DelayedStep();")]
    public Task DelayInDisguise_BreaksTheRun_NoDiagnostic(string wait) => VerifyAnalyzer($$"""
        using System;
        using System.Threading.Tasks;

        static class Waits
        {
            public static Task LongTestDelay() => Task.Delay(TimeSpan.FromSeconds(1));
            public static Task SettleAsync() => Task.CompletedTask;
            public static Task ShortPause() => Task.CompletedTask;
            public static Task ThrottleRequestsAsync() => Task.CompletedTask;
            public static async Task DelayedStep()
            {
                await Task.Delay(10).ConfigureAwait(false);
                await Task.Delay(10);
            }
        }

        class C
        {
            async Task M(string a, string b)
            {
                await Api.SendAsync(a);
                {{wait}}
                await Api.ArchiveAsync(b);
            }
        }
        """);

    [Fact]
    public Task MethodWhoseBodyOnlyWaits_UnderAnyName_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            static Task Breather() => Task.Delay(TimeSpan.FromMilliseconds(100));

            static Task Quiet()
            {
                return Task.Delay(100);
            }

            async Task M(string a, string b)
            {
                await Api.SendAsync(a);
                await Breather();
                await Api.ArchiveAsync(b);
                await Quiet();
            }
        }
        """);

    [Fact]
    public Task MethodThatDoesMoreThanWait_StaysInTheRun_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            static async Task Refresh()
            {
                await Task.Delay(100);
                await Api.SendAsync("refresh");
            }

            async Task M(string a)
            {
                {|#0:await Api.SendAsync(a)|};
                {|#1:await Refresh()|};
            }
        }
        """,
        Run(2));

    [Fact]
    public Task AwaitedLoggingDelegatesAndEvents_BreakTheRun_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        interface IAuditLogger
        {
            Task WriteAsync(string line);
        }

        class C
        {
            readonly Func<string, Task> _onSent = _ => Task.CompletedTask;
            public event Func<string, Task>? Sent;
            Func<string, Task> Handler { get; } = _ => Task.CompletedTask;

            static Task LogAsync(string message) => Task.CompletedTask;
            static Task WriteErrorLogAsync(string message) => Task.CompletedTask;

            async Task M(string a, string b, IAuditLogger audit, Func<string, Task> callback)
            {
                await Api.SendAsync(a);
                await LogAsync("sent");
                await Api.ArchiveAsync(b);
                await WriteErrorLogAsync("archived");
                await Api.SendAsync(b);
                await audit.WriteAsync("again");
                await Api.ArchiveAsync(a);
                await _onSent(a);
                await Api.SendAsync(a);
                await Sent!.Invoke(a);
                await Api.ArchiveAsync(b);
                await Handler(b);
                await Api.SendAsync(b);
                await callback(b);
                await Api.ArchiveAsync(a);
            }
        }
        """);

    [Theory]
    [InlineData("ForceDisposeAsync")]
    [InlineData("TryConnectAsync")]
    [InlineData("SafeCloseAsync")]
    [InlineData("RaiseChangedAsync")]
    [InlineData("OnNotifyAsync")]
    public Task OrderSensitiveVerbAfterAPrefix_BreaksTheRun_NoDiagnostic(string name) => VerifyAnalyzer($$"""
        using System.Threading.Tasks;

        class Resource
        {
            public Task {{name}}() => Task.CompletedTask;
        }

        class C
        {
            async Task M(Resource first, Resource second)
            {
                await first.{{name}}();
                await second.{{name}}();
            }
        }
        """);

    [Fact]
    public Task VerbInsideAnotherWord_StaysInTheRun_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class Catalog
        {
            public Task<int> GetCatalogAsync(int id) => Task.FromResult(id);
            public Task<int> GetBlogPostsAsync(int id) => Task.FromResult(id);
        }

        class C
        {
            async Task<int> M(Catalog first, Catalog second, int id)
            {
                var a = {|#0:await first.GetCatalogAsync(id)|};
                var b = {|#1:await second.GetBlogPostsAsync(id)|};
                return a + b;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task ObjectsBuiltFromOneAnother_ShareState_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.IO.Pipelines;
        using System.Threading.Tasks;

        class Connection
        {
            public object? Transport { get; set; }
        }

        class Context
        {
            public Context(Connection connection) { }
            public Task<int> ReceiveAsync() => Task.FromResult(0);
        }

        class C
        {
            async Task M(byte[] data)
            {
                var pipe = new Pipe();
                var reader = pipe.Reader;
                var writer = pipe.Writer;
                await writer.WriteAsync(data);
                var result = await reader.ReadAsync();

                var connection = new Connection();
                connection.Transport = pipe;
                var context = new Context(connection);
                await pipe.Writer.WriteAsync(data);
                var received = await context.ReceiveAsync();
            }
        }
        """);

    [Fact]
    public Task ObjectsBuiltFromAnIdOrASafeClient_StayIndependent_Diagnostic() => VerifyAnalyzer("""
        using System.Net.Http;
        using System.Threading.Tasks;

        class Query
        {
            public Query(int id) { }
            public Task<int> RunAsync() => Task.FromResult(0);
        }

        class C
        {
            async Task<int> M(int id, HttpClient http)
            {
                var users = new Query(id);
                var orders = new Query(id + 1);
                var a = {|#0:await users.RunAsync()|};
                var b = {|#1:await orders.RunAsync()|};
                return a + b;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task TokenCopiedFromALocalTokenSource_StaysIndependent_Diagnostic() => VerifyAnalyzer("""
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(HttpClient http)
            {
                using var cts = new CancellationTokenSource(5000);
                var token = cts.Token;
                var a = {|#0:await http.GetStringAsync("https://a.example/", token)|};
                var b = {|#1:await http.GetStringAsync("https://b.example/", token)|};
                return a.Length + b.Length;
            }

            async Task<int> N(HttpClient http)
            {
                using var cts = new CancellationTokenSource(5000);
                var a = {|#2:await http.GetStringAsync("https://a.example/", cts.Token)|};
                var b = {|#3:await http.GetStringAsync("https://b.example/", cts.Token)|};
                return a.Length + b.Length;
            }
        }
        """,
        Run(2), Run(2, firstMarker: 2));

    // ---- Test code -------------------------------------------------------------------------------------------

    private const string SequentialSteps = """
        using System.Threading.Tasks;

        class Tests
        {
            async Task Publishes(string a, string b)
            {
                {|#0:await Api.SendAsync(a)|};
                {|#1:await Api.ArchiveAsync(b)|};
            }
        }
        """;

    [Theory]
    [InlineData("build_property.IsTestProject = true", null, false)]
    [InlineData("build_property.IsTestProject = true", "async_lessons.AL0001.include_test_code = true", true)]
    [InlineData("build_property.IsTestProject = false", null, true)]
    public Task TestProject_SkippedUnlessAsked(string project, string? option, bool reported)
    {
        var test = new Verify.AnalyzerTest<SequentialAwaitsAnalyzer>
        {
            TestCode = (reported ? SequentialSteps : SequentialSteps.Replace("{|#0:", "").Replace("{|#1:", "").Replace(")|}", ")")) + Services,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + project + "\n"));
        if (option is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + option + "\n"));
        }

        if (reported)
        {
            test.ExpectedDiagnostics.Add(Run(2));
        }

        return test.RunAsync();
    }

    [Fact]
    public Task ReferencesATestFramework_Skipped()
    {
        var test = new Verify.AnalyzerTest<SequentialAwaitsAnalyzer>
        {
            TestCode = SequentialSteps.Replace("{|#0:", "").Replace("{|#1:", "").Replace(")|}", ")") + Services,
        };
        test.TestState.AdditionalReferences.Add(TestReferences.Library("xunit.core", "namespace Xunit { public sealed class FactAttribute : System.Attribute { } }"));
        return test.RunAsync();
    }

    // ---- Fix layout --------------------------------------------------------------------------------------------

    [Fact]
    public Task Fix_MultiLineCalls_OneStartedTaskPerStatement() => VerifyFix("""
        using System.Threading.Tasks;
        class C
        {
            async Task M(string a, string b)
            {
                {|#0:await Api.SendAsync(
                    a + "-first")|};
                {|#1:await Api.ArchiveAsync(b)|};
            }
        }
        """, """
        using System.Threading.Tasks;
        class C
        {
            async Task M(string a, string b)
            {
                var sendTask = Api.SendAsync(
                    a + "-first");
                var archiveTask = Api.ArchiveAsync(b);
                await Task.WhenAll(sendTask, archiveTask);
            }
        }
        """,
        Run(2));

    [Fact]
    public Task Fix_InsideSwitchSection_LeavesNeighboursAlone() => VerifyFix("""
        using System.Threading.Tasks;
        class C
        {
            async Task M(int kind, string a, string b)
            {
                switch (kind)
                {
                    case 1:
                    {
                        {|#0:await Api.SendAsync(a)|};
                        {|#1:await Api.ArchiveAsync(b)|};
                        break;
                    }
                    case 2:
                            await Api.SendAsync(b);
                        break;
                }
                  var  unrelated  =  1;
            }
        }
        """, """
        using System.Threading.Tasks;
        class C
        {
            async Task M(int kind, string a, string b)
            {
                switch (kind)
                {
                    case 1:
                    {
                        await Task.WhenAll(Api.SendAsync(a), Api.ArchiveAsync(b));
                        break;
                    }
                    case 2:
                            await Api.SendAsync(b);
                        break;
                }
                  var  unrelated  =  1;
            }
        }
        """,
        Run(2));

    // ---- Verifications: a check of what the step before it did ----------------------------------------------

    private const string MockLibrary = """
        namespace NSubstitute
        {
            public static class SubstituteExtensions
            {
                public static T Received<T>(this T substitute) where T : class => substitute;
                public static T DidNotReceive<T>(this T substitute) where T : class => substitute;
            }
        }
        """;

    private const string AssertLibrary = """
        namespace Xunit
        {
            public static class Assert
            {
                public static System.Threading.Tasks.Task<T> ThrowsAsync<T>(System.Func<System.Threading.Tasks.Task> test) where T : System.Exception => System.Threading.Tasks.Task.FromResult<T>(null!);
            }
        }
        """;

    private const string Repository = """

        public interface IRepository
        {
            Task<int> GetByIdAsync(int id);
            Task SaveAsync(int id);
        }

        public sealed class Service
        {
            public Task ActAsync(int id) => Task.CompletedTask;
        }
        """;

    private static Task VerifyInTestCode(string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.AnalyzerTest<SequentialAwaitsAnalyzer> { TestCode = source + Repository + Services };
        test.TestState.AdditionalReferences.Add(TestReferences.Library("NSubstitute", MockLibrary));
        test.TestState.AdditionalReferences.Add(TestReferences.Library("xunit.assert", AssertLibrary));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nasync_lessons.AL0001.include_test_code = true\n"));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task MockVerificationAfterTheAct_NoDiagnostic() => VerifyInTestCode("""
        using System;
        using System.Threading.Tasks;
        using NSubstitute;

        class Tests
        {
            async Task SavesTheUser(Service sut, IRepository repo)
            {
                await sut.ActAsync(1);
                await repo.Received().GetByIdAsync(1);
                await repo.DidNotReceive().GetByIdAsync(2);
            }
        }
        """);

    [Fact]
    public Task AwaitedAssertionAfterTheAct_NoDiagnostic() => VerifyInTestCode("""
        using System;
        using System.Threading.Tasks;
        using Xunit;

        class Tests
        {
            async Task Throws(Service sut, string message)
            {
                var user = await Api.GetUserAsync(1);
                await Assert.ThrowsAsync<InvalidOperationException>(() => sut.ActAsync(1));
            }
        }
        """);

    [Fact]
    public Task IndependentAwaitsInATestWithMocks_StillDiagnostic() => VerifyInTestCode("""
        using System.Threading.Tasks;
        using NSubstitute;

        class Tests
        {
            async Task Loads(IRepository repo, int id)
            {
                var user = {|#0:await Api.GetUserAsync(id)|};
                var stock = {|#1:await Api.GetStockAsync(id)|};
                await repo.Received().GetByIdAsync(id);
            }
        }
        """, Run(2));

    // ---- Queries built from one DbContext (real EF Core) ----------------------------------------------------

    private const string EfShop = """

        public class User
        {
            public int Id { get; set; }
            public int Age { get; set; }
        }

        public class AppDb : Microsoft.EntityFrameworkCore.DbContext
        {
            public Microsoft.EntityFrameworkCore.DbSet<User> Users => Set<User>();
        }
        """;

    private static Task VerifyWithEntityFramework(string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.AnalyzerTest<SequentialAwaitsAnalyzer> { TestCode = source + EfShop };
        test.TestState.AdditionalReferences.AddRange(TestReferences.Packages);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task QueriesBuiltFromOneContextThroughHelpers_NoDiagnostic() => VerifyWithEntityFramework("""
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        class Reports
        {
            async Task<int> M(AppDb db)
            {
                var adults = Build(db, 18);
                var seniors = db.Users.Where(u => u.Age > 65);
                var a = await adults.ToListAsync();
                var b = await seniors.ToListAsync();
                return a.Count + b.Count;
            }

            static IQueryable<User> Build(AppDb db, int age) => db.Users.Where(u => u.Age >= age);
        }
        """);

    [Fact]
    public Task QueriesBuiltFromTwoContexts_Diagnostic() => VerifyWithEntityFramework("""
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        class Reports
        {
            async Task<int> M(IDbContextFactory<AppDb> factory)
            {
                await using var first = factory.CreateDbContext();
                await using var second = factory.CreateDbContext();
                var adults = first.Users.Where(u => u.Age >= 18);
                var seniors = second.Users.Where(u => u.Age > 65);
                var a = {|#0:await adults.ToListAsync()|};
                var b = {|#1:await seniors.ToListAsync()|};
                return a.Count + b.Count;
            }
        }
        """, Run(2));
}
