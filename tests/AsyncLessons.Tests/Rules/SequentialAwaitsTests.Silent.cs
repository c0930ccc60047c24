using System.Threading.Tasks;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class SequentialAwaitsTests
{
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
}
