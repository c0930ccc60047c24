using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class SharedResourceTests
{
    // ---- Fix All ----

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

    // ---- Robustness: broken code ----

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
}
