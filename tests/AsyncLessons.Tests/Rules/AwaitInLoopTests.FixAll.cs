using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class AwaitInLoopTests
{
    // ---- Fix All --------------------------------------------------------------------------------------------

    [Fact]
    public Task FixAll_TwoLoops() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids, int[] others)
            {
                foreach (var id in ids)
                {
                    {|#0:await Api.SendAsync(id)|};
                }

                foreach (var other in others)
                {
                    {|#1:await Api.SendAsync(other + 1)|};
                }
            }
        }
        """, """
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids, int[] others)
            {
                await Task.WhenAll(ids.Select(id => Api.SendAsync(id)));

                await Task.WhenAll(others.Select(other => Api.SendAsync(other + 1)));
            }
        }
        """,
        expected: new[] { Expected(0), Expected(1) });

    [Fact]
    public Task FixAll_ParallelForEachAsync_AcrossDocuments()
    {
        var test = new Verify.CodeFixTest<AwaitInLoopAnalyzer, AwaitInLoopCodeFix>
        {
            CodeActionIndex = 1,
            CodeActionEquivalenceKey = AwaitInLoopCodeFix.ParallelForEachKey,
        };
        test.TestState.AnalyzerConfigFiles.Add(SingleTarget);
        test.TestState.Sources.Add(("A.cs", """
            using System.Threading.Tasks;

            class A
            {
                async Task M(int[] ids)
                {
                    foreach (var id in ids)
                    {
                        {|#0:await Api.SendAsync(id)|};
                    }
                }
            }
            """ + Services));
        test.TestState.Sources.Add(("B.cs", """
            using System.Threading.Tasks;

            class B
            {
                async Task M(int[] ids)
                {
                    foreach (var ct in ids)
                    {
                        {|#1:await Api.PingAsync(ct).ConfigureAwait(false)|};
                    }
                }
            }
            """));
        test.FixedState.Sources.Add(("A.cs", """
            using System.Threading.Tasks;

            class A
            {
                async Task M(int[] ids)
                {
                    await Parallel.ForEachAsync(ids, async (id, ct) => await Api.SendAsync(id));
                }
            }
            """ + Services));
        test.FixedState.Sources.Add(("B.cs", """
            using System.Threading.Tasks;

            class B
            {
                async Task M(int[] ids)
                {
                    await Parallel.ForEachAsync(ids, async (ct, ct2) => await Api.PingAsync(ct).ConfigureAwait(false)).ConfigureAwait(false);
                }
            }
            """));
        test.ExpectedDiagnostics.Add(Expected(0));
        test.ExpectedDiagnostics.Add(Expected(1));
        return test.RunAsync();
    }

    // ---- Broken code: no diagnostic, no crash ---------------------------------------------------------------

    [Fact]
    public Task LoopInsideLock_BrokenCode_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            private readonly object _gate = new object();

            async Task M(List<int> ids)
            {
                lock (_gate)
                {
                    foreach (var id in ids)
                    {
                        {|CS1996:await Api.SendAsync(id)|};
                    }
                }
            }
        }
        """);

    [Fact]
    public Task BrokenCode_NoDiagnosticNoCrash() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids)
            {
                foreach (var id in ids)
                {
                    await Api.{|CS0117:Missing|}(id);
                }

                foreach (var id in {|CS0103:unknown|})
                {
                    await Api.SendAsync(id);
                }
            }
        }
        """);
}
