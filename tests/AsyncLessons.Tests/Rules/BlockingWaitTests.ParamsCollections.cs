using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class BlockingWaitTests
{
    // ---- Params collections: from C# 13 on .NET 9+, Task.WaitAll(a, b), Task.WhenAll(a, b) and Task.WhenAny(a, b, c)
    // ---- bind to the params ReadOnlySpan<Task> overloads (the verifiers parse as the newest C#); C# 12 keeps Task[].

    private static Task VerifyAnalyzerCSharp12(string source) =>
        new Verify.AnalyzerTest<BlockingWaitAnalyzer> { TestCode = source, LanguageVersion = LanguageVersion.CSharp12 }.RunAsync();

    private static Task VerifyFixCSharp12(string source, string fixedSource) =>
        new Verify.CodeFixTest<BlockingWaitAnalyzer, BlockingWaitCodeFix> { TestCode = source, FixedCode = fixedSource, LanguageVersion = LanguageVersion.CSharp12 }.RunAsync();

    // ---- Params collections: where it fires -----------------------------------------------------------------

    [Fact]
    public Task ParamsSpan_ResultAfterAwaitWhenAllOfOtherTasks_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> a, Task<int> b, Task<int> c)
            {
                await Task.WhenAll(a, b);
                return [|c.Result|];
            }
        }
        """);

    [Fact]
    public Task ParamsSpan_WaitAllOfMoreTasksThanWereAwaited_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task a, Task b, Task c, Task d)
            {
                await Task.WhenAll(a, b);
                [|Task.WaitAll([a, d])|];
                [|Task.WaitAll(a, b, c)|];
            }
        }
        """);

    [Fact]
    public Task ParamsSpan_WaitAllAfterAwaitWhenAny_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task a, Task b, Task c)
            {
                await Task.WhenAny(a, b, c);
                [|Task.WaitAll(a, b, c)|];
            }
        }
        """);

    // ---- Params collections: where it stays silent ----------------------------------------------------------

    [Fact]
    public Task ParamsSpan_ResultAfterAwaitWhenAllOfThreeTasks_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> a, Task<int> b, Task c)
            {
                await Task.WhenAll(a, b, c);
                return a.Result + b.GetAwaiter().GetResult();
            }
        }
        """);

    [Fact]
    public Task ParamsSpan_ResultAfterAwaitedWhenAllResults_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> a, Task<int> b)
            {
                var both = await Task.WhenAll(a, b).ConfigureAwait(false);
                return both.Length + a.Result;
            }
        }
        """);

    [Fact]
    public Task ParamsSpan_WaitAllAfterAwaitWhenAllOfThoseTasks_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task a, Task<int> b, Task c)
            {
                await Task.WhenAll(c, b, a);
                Task.WaitAll(a, b);
                Task.WaitAll(new[] { a, c });
                Task.WaitAll([b, c]);
                Task.WaitAll(new[] { a, b }, 100);
            }
        }
        """);

    [Fact]
    public Task ParamsSpan_ResultOfTaskReturnedByWhenAnyOfThree_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> a, Task<int> b, Task<int> c)
            {
                var first = await Task.WhenAny(a, b, c);
                return first.Result;
            }
        }
        """);

    [Fact]
    public Task CSharp12_WaitAllAfterAwaitWhenAllOfThoseTasks_NoDiagnostic() => VerifyAnalyzerCSharp12("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task a, Task<int> b)
            {
                await Task.WhenAll(a, b);
                Task.WaitAll(a, b);
                return b.Result;
            }
        }
        """);

    // ---- Params collections: the fix ------------------------------------------------------------------------

    [Fact]
    public Task ParamsSpan_Fix_WaitAllOfThreeTasks_BecomesAwaitWhenAll() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task a, Task<int> b, Task<string> c)
            {
                await Task.Yield();
                // all three
                [|Task.WaitAll(a, b, c)|]; // done
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task a, Task<int> b, Task<string> c)
            {
                await Task.Yield();
                // all three
                await Task.WhenAll(a, b, c); // done
            }
        }
        """);

    [Fact]
    public Task ParamsSpan_Fix_WaitAllOfGenericTasks_BecomesAwaitWhenAll() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task<int> a, Task<int> b)
            {
                await Task.Yield();
                [|Task.WaitAll(a, b)|];
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task<int> a, Task<int> b)
            {
                await Task.Yield();
                await Task.WhenAll(a, b);
            }
        }
        """);

    [Fact]
    public Task ParamsSpan_Fix_WaitAllOfCollectionExpression_BecomesAwaitWhenAll() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task a, Task b)
            {
                await Task.Yield();
                [|Task.WaitAll([a, b])|];
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task a, Task b)
            {
                await Task.Yield();
                await Task.WhenAll([a, b]);
            }
        }
        """);

    [Fact]
    public Task ParamsSpan_Fix_WaitAnyOfThreeTasks_BecomesAwaitWhenAny() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task a, Task b, Task c)
            {
                await Task.Yield();
                [|Task.WaitAny(a, b, c)|];
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task a, Task b, Task c)
            {
                await Task.Yield();
                await Task.WhenAny(a, b, c);
            }
        }
        """);

    [Fact]
    public Task ParamsSpan_Fix_WaitAnyOfThreeWhoseIndexIsUsed_BecomesIndexOfWhenAny() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task a, Task<int> b, Task c)
            {
                await Task.Yield();
                return [|Task.WaitAny(a, b, c)|];
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task a, Task<int> b, Task c)
            {
                await Task.Yield();
                return Array.IndexOf(new Task[] { a, b, c }, await Task.WhenAny(a, b, c));
            }
        }
        """);

    [Fact]
    public Task CSharp12_Fix_WaitAllAndWaitAny_BecomeAwaitWhenAllAndWhenAny() => VerifyFixCSharp12("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task a, Task<int> b, Task c, Task d, Task e, Task f, Task g)
            {
                await Task.Yield();
                [|Task.WaitAll(a, b, c)|];
                [|Task.WaitAny(d, e)|];
                return [|Task.WaitAny(f, g)|];
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task a, Task<int> b, Task c, Task d, Task e, Task f, Task g)
            {
                await Task.Yield();
                await Task.WhenAll(a, b, c);
                await Task.WhenAny(d, e);
                return Array.IndexOf(new Task[] { f, g }, await Task.WhenAny(f, g));
            }
        }
        """);
}
