using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class SharedResourceTests
{
    // ---- The fix: run them one after another ----

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

    // ---- The fix: not offered ----

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
}
