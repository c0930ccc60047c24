using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class BlockingWaitTests
{
    // ---- Fix All --------------------------------------------------------------------------------------------

    [Fact]
    public Task FixAll_AcrossDocuments_RewritesEveryBlockingCall()
    {
        var test = new Verify.CodeFixTest<BlockingWaitAnalyzer, BlockingWaitCodeFix>();
        test.TestState.Sources.Add(("A.cs", """
            using System.Threading.Tasks;

            class A
            {
                async Task<int> M(Task<int> a, Task b, Task c)
                {
                    await Task.Yield();
                    [|b.Wait()|];
                    [|Task.WaitAll(b, c)|];
                    return [|a.Result|] + [|a.GetAwaiter().GetResult()|];
                }
            }
            """));
        test.TestState.Sources.Add(("B.cs", """
            using System.Threading.Tasks;

            class B
            {
                async Task<string> M(Task<int> task)
                {
                    await Task.Yield();
                    return [|task.Result|].ToString();
                }
            }
            """));
        test.FixedState.Sources.Add(("A.cs", """
            using System.Threading.Tasks;

            class A
            {
                async Task<int> M(Task<int> a, Task b, Task c)
                {
                    await Task.Yield();
                    await b;
                    await Task.WhenAll(b, c);
                    return await a + await a;
                }
            }
            """));
        test.FixedState.Sources.Add(("B.cs", """
            using System.Threading.Tasks;

            class B
            {
                async Task<string> M(Task<int> task)
                {
                    await Task.Yield();
                    return (await task).ToString();
                }
            }
            """));
        return test.RunAsync();
    }

    // ---- Robustness: broken and half-typed code -------------------------------------------------------------

    [Fact]
    public Task Result_HalfTyped_NoDiagnosticNoCrash()
    {
        var test = new Verify.AnalyzerTest<BlockingWaitAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    async Task M(Task<int> task)
                    {
                        await Task.Yield();
                        var x = task.{|CS1061:Resul|};
                        task.{|CS1061:Wai|}();
                        Task.{|CS0117:WaitAl|}(task);
                        task.GetAwaiter().{|CS1501:GetResult|}(1);
                    }
                }
                """,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task Wait_OnErrorType_NoDiagnosticNoCrash()
    {
        var test = new Verify.AnalyzerTest<BlockingWaitAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    async Task M({|CS0246:Unknown|} task)
                    {
                        await Task.Yield();
                        task.Wait();
                        Task.WaitAll({|CS0103:missing|});
                        var r = task.Result;
                    }
                }
                """,
        };
        return test.RunAsync();
    }
}
