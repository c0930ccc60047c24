using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class SharedResourceTests
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

    // ---- Where it fires: Task.WhenAll over one DbContext ----

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

    // ---- Where it fires: through methods and services ----

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

    // ---- Where it fires: Parallel loops ----

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

    // ---- Where it fires: files, the notes' example ----

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

    // ---- Where it fires: streams, sockets, writers ----

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
}
