using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public class SharedResourceTests
{
    /// <summary>Just enough of Entity Framework Core and a Dapper-style library for the rule to recognise them.</summary>
    private const string Libraries = """

        namespace Microsoft.EntityFrameworkCore
        {
            using System.Collections;
            using System.Collections.Generic;
            using System.Linq;
            using System.Linq.Expressions;
            using System.Threading;
            using System.Threading.Tasks;

            public class DbContext : System.IDisposable, System.IAsyncDisposable
            {
                public Task<int> SaveChangesAsync(CancellationToken token = default) => Task.FromResult(0);
                public string ProviderName => "test";
                public void Dispose() { }
                public ValueTask DisposeAsync() => default;
            }

            public class DbSet<T> : IQueryable<T> where T : class
            {
                private readonly IQueryable<T> _items = new List<T>().AsQueryable();
                public System.Type ElementType => _items.ElementType;
                public Expression Expression => _items.Expression;
                public IQueryProvider Provider => _items.Provider;
                public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();
                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
                public ValueTask<T?> FindAsync(params object[] keys) => default;
            }

            public static class EntityFrameworkQueryableExtensions
            {
                public static Task<List<T>> ToListAsync<T>(this IQueryable<T> source, CancellationToken token = default) => Task.FromResult(source.ToList());
                public static Task<int> CountAsync<T>(this IQueryable<T> source, CancellationToken token = default) => Task.FromResult(source.Count());
            }

            public interface IDbContextFactory<TContext> where TContext : DbContext
            {
                Task<TContext> CreateDbContextAsync(CancellationToken token = default);
                TContext CreateDbContext();
            }
        }

        namespace Shop
        {
            using Microsoft.EntityFrameworkCore;

            public class Customer { public int Id { get; set; } }
            public class Order { public int Id { get; set; } }

            public class ShopContext : DbContext
            {
                public DbSet<Customer> Customers { get; } = new();
                public DbSet<Order> Orders { get; } = new();
            }
        }
        """;

    private static Task VerifyAnalyzer(string source, params DiagnosticResult[] expected) =>
        Verify.Analyzer<SharedResourceAnalyzer>(source + Libraries, expected);

    private static Task VerifyFix(string source, string fixedSource, params DiagnosticResult[] expected) =>
        Verify.CodeFix<SharedResourceAnalyzer, SharedResourceCodeFix>(source + Libraries, fixedSource + Libraries, expected);

    /// <summary>Two operations listed together: the later one at {|#0:|}, the combinator at {|#1:|}, the earlier one at {|#2:|}.</summary>
    private static DiagnosticResult Together(string combinator, string resource, string reason) =>
        Verify.Diagnostic(SharedResourceAnalyzer.Rule).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(combinator, resource, reason);

    /// <summary>One operation per item: the use at {|#0:|}, the combinator at {|#1:|}.</summary>
    private static DiagnosticResult PerItem(string combinator, string resource, string reason) =>
        Verify.Diagnostic(SharedResourceAnalyzer.Rule).WithLocation(0).WithLocation(1).WithArguments(combinator, resource, reason);

    private const string OneContext = "a DbContext allows one operation at a time";
    private const string FileRace = "a write of a file must not overlap a read or another write of it";

    // ---- Task.WhenAll over one DbContext ----

    [Fact]
    public Task WhenAll_TwoQueriesOnOneContext_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(ShopContext db)
            {
                await {|#1:Task.WhenAll({|#2:db.Customers.ToListAsync()|}, {|#0:db.Orders.ToListAsync()|})|};
            }
        }
        """, Together("Task.WhenAll", "'db'", OneContext));

    [Fact]
    public Task WhenAll_TasksStartedIntoLocals_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            private readonly ShopContext _db = new();

            async Task<int> M()
            {
                var customersTask = _db.Customers.ToListAsync();
                var ordersTask = _db.Orders.ToListAsync();
                await {|#1:Task.WhenAll({|#2:customersTask|}, {|#0:ordersTask|})|};
                return customersTask.Result.Count + ordersTask.Result.Count;
            }
        }
        """, Together("Task.WhenAll", "'_db'", OneContext));

    [Fact]
    public Task WhenAll_FirstTaskAwaitedBeforeTheSecondStarts_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(ShopContext db)
            {
                var customersTask = db.Customers.ToListAsync();
                await customersTask.ConfigureAwait(false);
                var ordersTask = db.Orders.ToListAsync();
                await Task.WhenAll(customersTask, ordersTask);
            }
        }
        """);

    [Fact]
    public Task WhenAll_ArrayAndCollectionExpression_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(ShopContext db)
            {
                await {|#1:Task.WhenAll(new Task[] { {|#2:db.Customers.ToListAsync()|}, {|#0:db.SaveChangesAsync()|} })|};
            }
        }
        """, Together("Task.WhenAll", "'db'", OneContext));

    [Fact]
    public Task WhenAny_TwoOperationsOnOneContext_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(ShopContext db)
            {
                Task[] tasks = [{|#2:db.Customers.CountAsync()|}, {|#0:db.Orders.CountAsync()|}];
                await {|#1:Task.WhenAny(tasks)|};
            }
        }
        """, Together("Task.WhenAny", "'db'", OneContext));

    [Fact]
    public Task WhenAll_ListOfTasksAddedInALoop_Diagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(ShopContext db, int[] ids)
            {
                var tasks = new List<Task>();
                foreach (var id in ids)
                {
                    tasks.Add({|#0:db.Customers.FindAsync(id)|}.AsTask());
                }

                await {|#1:Task.WhenAll(tasks)|};
            }
        }
        """, PerItem("Task.WhenAll", "'db'", OneContext));

    [Fact]
    public Task WhenAll_SelectOverItemsWithOneCapturedContext_Diagnostic() => VerifyAnalyzer("""
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(ShopContext db, int[] ids)
            {
                await {|#1:Task.WhenAll(ids.Select(async id => await {|#0:db.Customers.FindAsync(id)|}))|};
            }
        }
        """, PerItem("Task.WhenAll", "'db'", OneContext));

    [Fact]
    public Task WhenAll_SelectCreatesAContextPerItem_NoDiagnostic() => VerifyAnalyzer("""
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(IDbContextFactory<ShopContext> factory, int[] ids)
            {
                await Task.WhenAll(ids.Select(async id =>
                {
                    await using var db = await factory.CreateDbContextAsync();
                    return await db.Customers.FindAsync(id);
                }));
            }
        }
        """);

    [Fact]
    public Task WhenAll_TwoContextsFromAFactory_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(IDbContextFactory<ShopContext> factory)
            {
                await using var first = factory.CreateDbContext();
                await using var second = factory.CreateDbContext();
                await Task.WhenAll(first.Customers.ToListAsync(), second.Orders.ToListAsync(), factory.CreateDbContext().Orders.CountAsync());
            }
        }
        """);

    [Fact]
    public Task SequentialAwaitsOnOneContext_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(ShopContext db)
            {
                var customers = await db.Customers.ToListAsync();
                var orders = await db.Orders.ToListAsync();
                await Task.WhenAll(Task.Delay(1), Task.Delay(2));
            }
        }
        """);

    [Fact]
    public Task WhenAll_OneContextOperationAndOtherWork_NoDiagnostic() => VerifyAnalyzer("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(ShopContext db, HttpClient http)
            {
                var name = db.ProviderName;
                await Task.WhenAll(db.Customers.ToListAsync(), http.GetStringAsync("https://example.com/" + name), http.GetStringAsync("https://example.com/b"));
            }
        }
        """);

    // ---- through methods and services ----

    [Fact]
    public Task WhenAll_MethodsOfThisTypeQueryingItsContext_Diagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class CatalogController
        {
            private readonly ShopContext _context;

            public CatalogController(ShopContext context) => _context = context;

            public async Task<int> Index()
            {
                var results = await {|#1:Task.WhenAll({|#2:CountCustomersAsync()|}, {|#0:CountOrdersAsync()|})|};
                return results[0] + results[1];
            }

            private Task<int> CountCustomersAsync() => _context.Customers.CountAsync();

            private async Task<int> CountOrdersAsync()
            {
                return await _context.Orders.CountAsync();
            }
        }
        """, Together("Task.WhenAll", "'_context'", OneContext));

    [Fact]
    public Task WhenAll_TwoServicesHoldingTheScopedContext_Diagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class CustomerService(ShopContext db)
        {
            public Task<List<Customer>> AllAsync() => db.Customers.ToListAsync();
        }

        class OrderService(ShopContext db)
        {
            public Task<List<Order>> AllAsync() => db.Orders.ToListAsync();
        }

        class Page(CustomerService customers, OrderService orders)
        {
            public async Task Load()
            {
                await {|#1:Task.WhenAll({|#2:customers.AllAsync()|}, {|#0:orders.AllAsync()|})|};
            }
        }
        """, Together("Task.WhenAll", "the scoped ShopContext behind 'customers' and 'orders'", OneContext));

    [Fact]
    public Task WhenAll_MethodsThatCreateTheirOwnContext_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class Reports(IDbContextFactory<ShopContext> factory)
        {
            public async Task Load()
            {
                await Task.WhenAll(CountCustomersAsync(), CountOrdersAsync());
            }

            private async Task<int> CountCustomersAsync()
            {
                await using var db = await factory.CreateDbContextAsync();
                return await db.Customers.CountAsync();
            }

            private async Task<int> CountOrdersAsync()
            {
                await using var db = await factory.CreateDbContextAsync();
                return await db.Orders.CountAsync();
            }
        }
        """);

    [Fact]
    public Task WhenAll_ContextListedAsConcurrencySafe_NoDiagnostic()
    {
        var test = new Verify.AnalyzerTest<SharedResourceAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;
                using Microsoft.EntityFrameworkCore;
                using Shop;

                class C
                {
                    async Task M(ShopContext db)
                    {
                        await Task.WhenAll(db.Customers.ToListAsync(), db.Orders.ToListAsync());
                    }
                }
                """ + Libraries,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*]\nasync_lessons.AL0001.concurrent_safe_types = Shop.ShopContext\n"));
        return test.RunAsync();
    }

    [Fact]
    public Task WhenAll_TypeListedAsExclusive_Diagnostic()
    {
        var test = new Verify.AnalyzerTest<SharedResourceAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;

                class UnitOfWork
                {
                    public Task SaveAsync(int id) => Task.CompletedTask;
                }

                class C
                {
                    async Task M(UnitOfWork work)
                    {
                        await {|#1:Task.WhenAll({|#2:work.SaveAsync(1)|}, {|#0:work.SaveAsync(2)|})|};
                    }
                }
                """,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*]\nasync_lessons.AL0008.exclusive_types = UnitOfWork\n"));
        test.ExpectedDiagnostics.Add(Together("Task.WhenAll", "'work'", "'UnitOfWork' allows one operation at a time"));
        return test.RunAsync();
    }

    // ---- Parallel loops ----

    [Fact]
    public Task ParallelForEachAsync_BodyUsesOneCapturedContext_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(ShopContext db, int[] ids)
            {
                await {|#1:Parallel.ForEachAsync(ids, async (id, token) =>
                {
                    var customer = await {|#0:db.Customers.FindAsync(id)|};
                })|};
            }
        }
        """, PerItem("Parallel.ForEachAsync", "'db'", OneContext));

    [Fact]
    public Task ParallelForEach_BodyWritesOneStreamWriter_Diagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            void M(StreamWriter log, string[] lines)
            {
                {|#1:Parallel.ForEach(lines, line => {|#0:log.WriteLine(line)|})|};
            }
        }
        """, PerItem("Parallel.ForEach", "'log'", "a writer takes one write at a time"));

    [Fact]
    public Task ParallelFor_BodyUnderALock_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            private readonly object _gate = new();

            void M(StreamWriter log)
            {
                Parallel.For(0, 10, i =>
                {
                    lock (_gate)
                    {
                        log.WriteLine(i);
                    }
                });
            }
        }
        """);

    [Fact]
    public Task ParallelForEachAsync_BodyWaitsForASemaphore_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            private readonly SemaphoreSlim _gate = new(1);

            async Task M(ShopContext db, int[] ids)
            {
                await Parallel.ForEachAsync(ids, async (id, token) =>
                {
                    await _gate.WaitAsync(token);
                    try
                    {
                        await db.Customers.FindAsync(id);
                    }
                    finally
                    {
                        _gate.Release();
                    }
                });
            }
        }
        """);

    [Fact]
    public Task ParallelForEach_EachItemHasItsOwnStream_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            void M(string[] paths, byte[] data)
            {
                Parallel.ForEach(paths, path =>
                {
                    using var stream = File.OpenWrite(path);
                    stream.Write(data);
                });
            }
        }
        """);

    // ---- files, the notes' example ----

    [Fact]
    public Task WhenAll_WriteAndReadOfOneFile_Diagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            static Task WriteToFileAsync(string path, string data) => File.WriteAllTextAsync(path, data);

            static Task<string> ReadFromFileAsync(string path) => File.ReadAllTextAsync(path);

            async Task M()
            {
                var filename = "example.txt";
                var writeTask = WriteToFileAsync(filename, "Hello, world!");
                var readTask = ReadFromFileAsync(filename);
                await {|#1:Task.WhenAll({|#2:writeTask|}, {|#0:readTask|})|};
            }
        }
        """, Together("Task.WhenAll", "the file 'filename'", FileRace));

    [Fact]
    public Task WhenAll_TwoWritesOfOneConstantPath_Diagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                await {|#1:Task.WhenAll({|#2:File.WriteAllTextAsync("out.txt", "a")|}, {|#0:File.AppendAllTextAsync("out.txt", "b")|})|};
            }
        }
        """, Together("Task.WhenAll", "the file \"out.txt\"", FileRace));

    [Fact]
    public Task WhenAll_TwoReadsOfOneFileOrWritesOfTwoFiles_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(string path, string other)
            {
                await Task.WhenAll(File.ReadAllTextAsync(path), File.ReadAllBytesAsync(path));
                await Task.WhenAll(File.WriteAllTextAsync(path, "a"), File.WriteAllTextAsync(other, "b"));
                await Task.WhenAll(File.WriteAllTextAsync("a.txt", "a"), File.WriteAllTextAsync("b.txt", "b"));
            }
        }
        """);

    // ---- streams, sockets, writers ----

    [Fact]
    public Task WhenAll_TwoWritesOnOneStream_Diagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Stream stream, byte[] header, byte[] body)
            {
                await {|#1:Task.WhenAll({|#2:stream.WriteAsync(header).AsTask()|}, {|#0:stream.WriteAsync(body).AsTask()|})|};
            }
        }
        """, Together("Task.WhenAll", "'stream'", "a Stream takes one read and one write at a time, never two of the same"));

    [Fact]
    public Task WhenAll_TwoReceivesOnOneSocket_Diagnostic() => VerifyAnalyzer("""
        using System;
        using System.Net.Sockets;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Socket socket, byte[] a, byte[] b)
            {
                await {|#1:Task.WhenAll({|#2:socket.ReceiveAsync(a, SocketFlags.None)|}, {|#0:socket.ReceiveAsync(b, SocketFlags.None)|})|};
            }
        }
        """, Together("Task.WhenAll", "'socket'", "a Socket takes one read and one write at a time, never two of the same"));

    [Fact]
    public Task WhenAll_CopyBothWaysBetweenTwoStreams_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Net.Sockets;
        using System.Threading.Tasks;

        class Proxy
        {
            async Task M(NetworkStream client, NetworkStream server)
            {
                await Task.WhenAll(client.CopyToAsync(server), server.CopyToAsync(client));
            }
        }
        """);

    [Fact]
    public Task WhenAll_OneReadAndOneWriteOnOneSocket_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Net.Sockets;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Socket socket, byte[] a, byte[] b)
            {
                await Task.WhenAny(socket.ReceiveAsync(a, SocketFlags.None), socket.SendAsync(b, SocketFlags.None));
            }
        }
        """);

    [Fact]
    public Task WhenAll_ReadAndWriteOfOneFileStream_Diagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(FileStream file, byte[] a, byte[] b)
            {
                await {|#1:Task.WhenAll({|#2:file.ReadAsync(a, 0, a.Length)|}, {|#0:file.WriteAsync(b, 0, b.Length)|})|};
            }
        }
        """, Together("Task.WhenAll", "'file'", "a FileStream has one position for every read and write"));

    [Fact]
    public Task WhenAll_MemoryStreamConsoleAndDifferentStreams_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(MemoryStream memory, Stream a, Stream b, byte[] data)
            {
                await Task.WhenAll(memory.WriteAsync(data, 0, 1), memory.WriteAsync(data, 1, 1));
                await Task.WhenAll(Console.Out.WriteLineAsync("a"), Console.Out.WriteLineAsync("b"));
                await Task.WhenAll(a.WriteAsync(data, 0, 1), b.WriteAsync(data, 0, 1));
            }
        }
        """);

    [Fact]
    public Task WhenAll_TwoWritesThroughAMethodThatTakesALock_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class Connection
        {
            private readonly Stream _stream = Stream.Null;
            private readonly SemaphoreSlim _writeLock = new(1);

            async Task SendAsync(byte[] packet)
            {
                await _writeLock.WaitAsync();
                try
                {
                    await _stream.WriteAsync(packet);
                }
                finally
                {
                    _writeLock.Release();
                }
            }

            Task M(byte[] a, byte[] b) => Task.WhenAll(SendAsync(a), SendAsync(b));
        }
        """);

    [Fact]
    public Task WhenAll_TwoWritesThroughAMethodWithoutALock_Diagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class Connection
        {
            private readonly Stream _stream = Stream.Null;

            Task SendAsync(byte[] packet) => _stream.WriteAsync(packet, 0, packet.Length);

            Task M(byte[] a, byte[] b) => {|#1:Task.WhenAll({|#2:SendAsync(a)|}, {|#0:SendAsync(b)|})|};
        }
        """, Together("Task.WhenAll", "'_stream'", "a Stream takes one read and one write at a time, never two of the same"));

    // ---- broken code ----

    [Fact]
    public Task HalfTypedCode_NoCrash() => VerifyAnalyzer("""
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(ShopContext db)
            {
                await Task.WhenAll(db.Customers.ToListAsync(), db.{|CS1061:Missing|}.ToListAsync(), {|CS0103:unknown|});
                await Parallel.ForEachAsync({|CS0103:items|}, async (x, t) => await db.SaveChangesAsync());
                await Task.WhenAll({|CS1503:Task.WhenAll|});
            }
        }
        """);

    // ---- the fix: run them one after another ----

    [Fact]
    public Task Fix_WhenAllStatement_BecomesOneAwaitPerOperation_KeepingTheComment() => VerifyFix("""
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(ShopContext db)
            {
                // Load both lists.
                await {|#1:Task.WhenAll({|#2:db.Customers.ToListAsync()|}, {|#0:db.Orders.ToListAsync()|})|}; // done
                await Task.Yield();
            }
        }
        """, """
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(ShopContext db)
            {
                // Load both lists.
                await db.Customers.ToListAsync();
                await db.Orders.ToListAsync(); // done
                await Task.Yield();
            }
        }
        """, Together("Task.WhenAll", "'db'", OneContext));

    [Fact]
    public Task Fix_ConfiguredWhenAll_ConfiguresEachAwait() => VerifyFix("""
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(ShopContext db)
            {
                await {|#1:Task.WhenAll(new[] { {|#2:db.SaveChangesAsync()|}, {|#0:db.Orders.CountAsync()|} })|}.ConfigureAwait(false);
            }
        }
        """, """
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(ShopContext db)
            {
                await db.SaveChangesAsync().ConfigureAwait(false);
                await db.Orders.CountAsync().ConfigureAwait(false);
            }
        }
        """, Together("Task.WhenAll", "'db'", OneContext));

    [Fact]
    public Task Fix_UsedResults_BecomeAnArrayFilledInOrder() => VerifyFix("""
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task<int> M(ShopContext db)
            {
                var counts = await {|#1:Task.WhenAll({|#2:db.Customers.CountAsync()|}, {|#0:db.Orders.CountAsync()|})|};
                return counts[0] + counts[1];
            }
        }
        """, """
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task<int> M(ShopContext db)
            {
                var counts = new int[] { await db.Customers.CountAsync(), await db.Orders.CountAsync() };
                return counts[0] + counts[1];
            }
        }
        """, Together("Task.WhenAll", "'db'", OneContext));

    [Fact]
    public Task Fix_TasksInLocals_EachAwaitedBeforeTheNextStarts() => VerifyFix("""
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task<int> M(ShopContext db)
            {
                var customersTask = db.Customers.ToListAsync();
                var ordersTask = db.Orders.ToListAsync();
                await {|#1:Task.WhenAll({|#2:customersTask|}, {|#0:ordersTask|})|};
                return customersTask.Result.Count + (await ordersTask).Count;
            }
        }
        """, """
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task<int> M(ShopContext db)
            {
                var customersTask = db.Customers.ToListAsync();
                await customersTask;
                var ordersTask = db.Orders.ToListAsync();
                await Task.WhenAll(customersTask, ordersTask);
                return customersTask.Result.Count + (await ordersTask).Count;
            }
        }
        """, Together("Task.WhenAll", "'db'", OneContext));

    [Fact]
    public Task Fix_SelectOverItems_BecomesAForeachLoop() => VerifyFix("""
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(ShopContext db, int[] ids)
            {
                await {|#1:Task.WhenAll(ids.Select(async id => await {|#0:db.Customers.FindAsync(id)|}))|};
            }
        }
        """, """
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(ShopContext db, int[] ids)
            {
                foreach (var id in ids)
                {
                    await db.Customers.FindAsync(id);
                }
            }
        }
        """, PerItem("Task.WhenAll", "'db'", OneContext));

    [Fact]
    public Task Fix_ParallelForEachAsync_BecomesAForeachLoopWithTheLoopsToken() => VerifyFix("""
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(ShopContext db, int[] ids, CancellationToken cancellationToken)
            {
                await {|#1:Parallel.ForEachAsync(ids, cancellationToken, async (id, token) =>
                {
                    // one customer at a time
                    var customer = await {|#0:db.Customers.FindAsync(id)|};
                    await db.SaveChangesAsync(token);
                })|};
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(ShopContext db, int[] ids, CancellationToken cancellationToken)
            {
                foreach (var id in ids)
                {
                    // one customer at a time
                    var customer = await db.Customers.FindAsync(id);
                    await db.SaveChangesAsync(cancellationToken);
                }
            }
        }
        """, PerItem("Parallel.ForEachAsync", "'db'", OneContext));

    [Fact]
    public Task Fix_ParallelForEachAndFor_BecomeLoops() => VerifyFix("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            void M(StreamWriter log, string[] lines)
            {
                {|#1:Parallel.ForEach(lines, line => {|#0:log.WriteLine(line)|})|};
                {|#3:Parallel.For(0, lines.Length, i =>
                {
                    {|#2:log.WriteLine(lines[i])|};
                })|};
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            void M(StreamWriter log, string[] lines)
            {
                foreach (var line in lines)
                {
                    log.WriteLine(line);
                }
                for (int i = 0; i < lines.Length; i++)
                {
                    log.WriteLine(lines[i]);
                }
            }
        }
        """,
        PerItem("Parallel.ForEach", "'log'", "a writer takes one write at a time"),
        Verify.Diagnostic(SharedResourceAnalyzer.Rule).WithLocation(2).WithLocation(3).WithArguments("Parallel.For", "'log'", "a writer takes one write at a time"));

    [Fact]
    public Task Fix_WhenAny_NoFix()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Shop;

            class C
            {
                async Task M(ShopContext db)
                {
                    await {|#1:Task.WhenAny({|#2:db.Customers.ToListAsync()|}, {|#0:db.Orders.ToListAsync()|})|};
                }
            }
            """;
        return VerifyFix(source, source, Together("Task.WhenAny", "'db'", OneContext));
    }

    [Fact]
    public Task Fix_SelectWhoseResultsAreUsedOrWhoseBodyReturns_NoFix()
    {
        const string source = """
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Shop;

            class C
            {
                async Task<int> M(ShopContext db, int[] ids)
                {
                    var found = await {|#1:Task.WhenAll(ids.Select(id => {|#0:db.Customers.FindAsync(id)|}.AsTask()))|};
                    await {|#3:Task.WhenAll(ids.Select(async id =>
                    {
                        if (id < 0)
                        {
                            return;
                        }

                        await {|#2:db.Customers.FindAsync(id)|};
                    }))|};
                    return found.Length;
                }
            }
            """;
        return VerifyFix(
            source,
            source,
            PerItem("Task.WhenAll", "'db'", OneContext),
            Verify.Diagnostic(SharedResourceAnalyzer.Rule).WithLocation(2).WithLocation(3).WithArguments("Task.WhenAll", "'db'", OneContext));
    }

    [Fact]
    public Task Fix_LocalsAndCallsMixed_NoFix()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Shop;

            class C
            {
                async Task M(ShopContext db)
                {
                    var customersTask = db.Customers.ToListAsync();
                    await {|#1:Task.WhenAll({|#2:customersTask|}, {|#0:db.Orders.ToListAsync()|})|};
                }
            }
            """;
        return VerifyFix(source, source, Together("Task.WhenAll", "'db'", OneContext));
    }

    [Fact]
    public Task Fix_InTopLevelStatements_SplitsTheStatement()
    {
        var test = new Verify.CodeFixTest<SharedResourceAnalyzer, SharedResourceCodeFix>
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;

                var path = "example.txt";
                await {|#1:Task.WhenAll({|#2:File.WriteAllTextAsync(path, "Hello, world!")|}, {|#0:File.ReadAllTextAsync(path)|})|};
                System.Console.WriteLine(File.ReadAllText(path));
                """,
            FixedCode = """
                using System.IO;
                using System.Threading.Tasks;

                var path = "example.txt";
                await File.WriteAllTextAsync(path, "Hello, world!");
                await File.ReadAllTextAsync(path);
                System.Console.WriteLine(File.ReadAllText(path));
                """,
        };
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(Together("Task.WhenAll", "the file 'path'", FileRace));
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_CrlfDocument_KeepsCrlf()
    {
        var source = """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task M(Stream stream, byte[] a, byte[] b)
                {
                    await {|#1:Task.WhenAll({|#2:stream.WriteAsync(a, 0, a.Length)|}, {|#0:stream.WriteAsync(b, 0, b.Length)|})|};
                }
            }
            """.Replace("\n", "\r\n");
        var fixedSource = """
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
            """.Replace("\n", "\r\n");
        return Verify.CodeFix<SharedResourceAnalyzer, SharedResourceCodeFix>(source, fixedSource, Together("Task.WhenAll", "'stream'", "a Stream takes one read and one write at a time, never two of the same"));
    }

    // ---- more shapes ----

    [Fact]
    public Task WhenAll_TaskRunBodiesOnOneContext_Diagnostic() => VerifyAnalyzer("""
        using System.Linq;
        using System.Threading.Tasks;
        using Shop;

        class C
        {
            async Task M(ShopContext db)
            {
                await {|#1:Task.WhenAll({|#2:Task.Run(() => db.Customers.ToList())|}, {|#0:Task.Run(() => db.Orders.Count())|})|};
            }
        }
        """, Together("Task.WhenAll", "'db'", OneContext));

    [Fact]
    public Task WhenAll_LocalFunctionsCapturingOneWriter_Diagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(StreamWriter writer)
            {
                await {|#1:Task.WhenAll({|#2:Log("a")|}, {|#0:Log("b")|})|};

                Task Log(string line) => writer.WriteLineAsync(line);
            }
        }
        """, Together("Task.WhenAll", "'writer'", "a writer takes one write at a time"));

    [Fact]
    public Task WhenAll_SelectWithAMethodGroupQueryingTheContext_Diagnostic() => VerifyAnalyzer("""
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            private readonly ShopContext _db = new();

            Task M(int[] ids) => {|#1:Task.WhenAll(ids.Select({|#0:LoadAsync|}))|};

            async Task<Customer?> LoadAsync(int id) => await _db.Customers.FindAsync(id);
        }
        """, PerItem("Task.WhenAll", "'_db'", OneContext));

    [Fact]
    public Task ParallelInvoke_TwoActionsWritingOneWriter_DiagnosticWithoutFix()
    {
        const string source = """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                void M(TextWriter log)
                {
                    {|#1:Parallel.Invoke({|#2:() => log.WriteLine("a")|}, {|#0:() => log.WriteLine("b")|})|};
                }
            }
            """;
        return VerifyFix(source, source, Together("Parallel.Invoke", "'log'", "a writer takes one write at a time"));
    }

    [Fact]
    public Task WhenAllReturnedWithoutAwait_DiagnosticWithoutFix()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Shop;

            class C
            {
                Task M(ShopContext db) => {|#1:Task.WhenAll({|#2:db.Customers.ToListAsync()|}, {|#0:db.Orders.ToListAsync()|})|};
            }
            """;
        return VerifyFix(source, source, Together("Task.WhenAll", "'db'", OneContext));
    }

    [Fact]
    public Task WhenAll_TaskListParameterOrReassignedLocal_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(ShopContext db, IEnumerable<Task> tasks, bool again)
            {
                await Task.WhenAll(tasks);
                var first = db.Customers.ToListAsync();
                if (again)
                {
                    first = Task.FromResult(new List<Customer>());
                }

                var second = db.Orders.ToListAsync();
                await Task.WhenAll(first, second);
            }
        }
        """);

    [Fact]
    public Task Fix_ValueTasksAsTasks_AwaitedInOrder() => VerifyFix("""
        using System.Threading.Tasks;
        using Shop;

        class C
        {
            async Task M(ShopContext db)
            {
                await {|#1:Task.WhenAll({|#2:db.Customers.FindAsync(1).AsTask()|}, {|#0:db.Customers.FindAsync(2).AsTask()|})|};
            }
        }
        """, """
        using System.Threading.Tasks;
        using Shop;

        class C
        {
            async Task M(ShopContext db)
            {
                await db.Customers.FindAsync(1).AsTask();
                await db.Customers.FindAsync(2).AsTask();
            }
        }
        """, Together("Task.WhenAll", "'db'", OneContext));

    [Fact]
    public Task Fix_ParallelForEachAsyncOverAnAsyncStream_BecomesAwaitForeach() => VerifyFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(ShopContext db, IAsyncEnumerable<int> ids)
            {
                await {|#1:Parallel.ForEachAsync(ids, async (id, _) => await {|#0:db.Customers.FindAsync(id)|})|};
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(ShopContext db, IAsyncEnumerable<int> ids)
            {
                await foreach (var id in ids)
                {
                    await db.Customers.FindAsync(id);
                }
            }
        }
        """, PerItem("Parallel.ForEachAsync", "'db'", OneContext));

    [Fact]
    public Task Fix_AfterTheFix_AL0001SeesTheSharedContextAndStaysSilent() => Verify.Analyzer<SequentialAwaitsAnalyzer>("""
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(ShopContext db)
            {
                await db.Customers.ToListAsync();
                await db.Orders.ToListAsync();
            }
        }
        """ + Libraries);

    [Fact]
    public Task FixAll_TwoDocuments_EveryCombinatorRewritten()
    {
        var test = new Verify.CodeFixTest<SharedResourceAnalyzer, SharedResourceCodeFix>();
        test.TestState.Sources.Add(("/0/First.cs", """
            using System.IO;
            using System.Threading.Tasks;

            class First
            {
                async Task M(Stream stream, byte[] a, byte[] b)
                {
                    await {|#1:Task.WhenAll({|#2:stream.WriteAsync(a, 0, 1)|}, {|#0:stream.WriteAsync(b, 0, 1)|})|};
                    await {|#4:Task.WhenAll({|#5:File.AppendAllTextAsync("log.txt", "a")|}, {|#3:File.AppendAllTextAsync("log.txt", "b")|})|};
                }
            }
            """));
        test.TestState.Sources.Add(("/0/Second.cs", """
            using System.IO;
            using System.Threading.Tasks;

            class Second
            {
                async Task M(TextWriter writer)
                {
                    await {|#7:Task.WhenAll({|#8:writer.WriteAsync("a")|}, {|#6:writer.WriteAsync("b")|})|};
                }
            }
            """));
        test.FixedState.Sources.Add(("/0/First.cs", """
            using System.IO;
            using System.Threading.Tasks;

            class First
            {
                async Task M(Stream stream, byte[] a, byte[] b)
                {
                    await stream.WriteAsync(a, 0, 1);
                    await stream.WriteAsync(b, 0, 1);
                    await File.AppendAllTextAsync("log.txt", "a");
                    await File.AppendAllTextAsync("log.txt", "b");
                }
            }
            """));
        test.FixedState.Sources.Add(("/0/Second.cs", """
            using System.IO;
            using System.Threading.Tasks;

            class Second
            {
                async Task M(TextWriter writer)
                {
                    await writer.WriteAsync("a");
                    await writer.WriteAsync("b");
                }
            }
            """));
        test.ExpectedDiagnostics.Add(Together("Task.WhenAll", "'stream'", "a Stream takes one read and one write at a time, never two of the same"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(SharedResourceAnalyzer.Rule).WithLocation(3).WithLocation(4).WithLocation(5).WithArguments("Task.WhenAll", "the file \"log.txt\"", FileRace));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(SharedResourceAnalyzer.Rule).WithLocation(6).WithLocation(7).WithLocation(8).WithArguments("Task.WhenAll", "'writer'", "a writer takes one write at a time"));
        return test.RunAsync();
    }

    [Fact]
    public Task WhenAll_StreamPassedToAHelperOfThisFileThatTakesALock_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class Sender
        {
            private static readonly SemaphoreSlim Gate = new(1);

            static async Task SendFrameAsync(Stream stream, byte[] frame)
            {
                await Gate.WaitAsync();
                try
                {
                    await stream.WriteAsync(frame);
                }
                finally
                {
                    Gate.Release();
                }
            }

            Task M(Stream stream, byte[] a, byte[] b) => Task.WhenAll(SendFrameAsync(stream, a), SendFrameAsync(stream, b));
        }
        """);

    [Fact]
    public Task WhenAll_StreamPassedToAHelperOfThisFileWithoutALock_Diagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class Sender
        {
            static Task SendFrameAsync(Stream stream, byte[] frame) => stream.WriteAsync(frame, 0, frame.Length);

            Task M(Stream stream, byte[] a, byte[] b) => {|#1:Task.WhenAll({|#2:SendFrameAsync(stream, a)|}, {|#0:SendFrameAsync(stream, b)|})|};
        }
        """, Together("Task.WhenAll", "'stream'", "a Stream takes one read and one write at a time, never two of the same"));
}
