using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class BlockingWaitTests
{
    private static Task VerifyAnalyzer(string source, params DiagnosticResult[] expected) =>
        Verify.Analyzer<BlockingWaitAnalyzer>(source, expected);

    private static Task VerifyFix(string source, string fixedSource) =>
        Verify.CodeFix<BlockingWaitAnalyzer, BlockingWaitCodeFix>(source, fixedSource);

    private static Task VerifyNoFix(string source) =>
        Verify.CodeFix<BlockingWaitAnalyzer, BlockingWaitCodeFix>(source, source);

    private static Task VerifyProgram(string source, string? fixedSource = null, LanguageVersion languageVersion = LanguageVersion.Latest)
    {
        var test = new Verify.CodeFixTest<BlockingWaitAnalyzer, BlockingWaitCodeFix>
        {
            TestCode = source,
            FixedCode = fixedSource ?? source,
            LanguageVersion = languageVersion,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    // ---- Where it fires -------------------------------------------------------------------------------------

    [Fact]
    public Task Result_InAsyncMethod_DiagnosticOnTheMemberAccess() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> task)
            {
                await Task.Yield();
                return {|#0:task.Result|};
            }
        }
        """,
        Verify.Diagnostic(BlockingWaitAnalyzer.Rule).WithLocation(0).WithArguments("Result", "await it instead"));

    [Fact]
    public Task Wait_InAsyncMethod_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task task)
            {
                await Task.Yield();
                [|task.Wait()|];
            }
        }
        """);

    [Theory]
    [InlineData("task.Wait(100)")]
    [InlineData("task.Wait(System.TimeSpan.FromSeconds(1))")]
    [InlineData("task.Wait(token)")]
    [InlineData("task.Wait(100, token)")]
    public Task WaitOverloads_InAsyncMethod_Diagnostic(string call) => VerifyAnalyzer($$"""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task task, CancellationToken token)
            {
                await Task.Yield();
                [|{{call}}|];
            }
        }
        """);

    [Theory]
    [InlineData("Task<int>")]
    [InlineData("Task")]
    [InlineData("ValueTask<int>")]
    [InlineData("ValueTask")]
    public Task GetAwaiterGetResult_OnEachTaskType_Diagnostic(string type) => VerifyAnalyzer($$"""
        using System.Threading.Tasks;

        class C
        {
            async Task M({{type}} task)
            {
                await Task.Yield();
                [|task.GetAwaiter().GetResult()|];
            }
        }
        """);

    [Fact]
    public Task GetAwaiterGetResult_OnConfigureAwait_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> task)
            {
                await Task.Yield();
                return [|task.ConfigureAwait(false).GetAwaiter().GetResult()|];
            }
        }
        """);

    [Fact]
    public Task ValueTaskResult_InAsyncMethod_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async ValueTask<int> M(ValueTask<int> task)
            {
                await Task.Yield();
                return [|task.Result|];
            }
        }
        """);

    [Fact]
    public Task WaitAll_InAsyncMethod_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task a, Task b)
            {
                await Task.Yield();
                [|Task.WaitAll(a, b)|];
            }
        }
        """);

    [Fact]
    public Task WaitAny_InAsyncMethod_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task[] tasks)
            {
                await Task.Yield();
                [|Task.WaitAny(tasks)|];
            }
        }
        """);

    [Fact]
    public Task Result_InAsyncLambda_Diagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            Func<Task<int>, Task<int>> f = async task =>
            {
                await Task.Yield();
                return [|task.Result|];
            };
        }
        """);

    [Fact]
    public Task Result_InAsyncLocalFunction_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            void M(Task<int> task)
            {
                _ = Local();

                async Task<int> Local()
                {
                    await Task.Yield();
                    return [|task.Result|];
                }
            }
        }
        """);

    [Fact]
    public Task Result_InAsyncIterator_Diagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async IAsyncEnumerable<int> M(Task<int> task)
            {
                await Task.Yield();
                yield return [|task.Result|];
            }
        }
        """);

    [Fact]
    public Task Result_InTopLevelStatementsThatAwait_Diagnostic() => VerifyProgram("""
        using System.Threading.Tasks;

        var task = Task.Run(() => 1);
        await Task.Yield();
        System.Console.WriteLine([|task.Result|]);
        """, """
        using System.Threading.Tasks;

        var task = Task.Run(() => 1);
        await Task.Yield();
        System.Console.WriteLine(await task);
        """);

    [Fact]
    public Task Result_InAsyncMethodWithoutAwait_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
        #pragma warning disable CS1998
            async Task<int> M(Task<int> task) => [|task.Result|];
        #pragma warning restore CS1998
        }
        """);

    [Fact]
    public Task Result_AfterAwaitOfAnotherTask_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> a, Task<int> b)
            {
                await a;
                return [|b.Result|];
            }
        }
        """);

    [Fact]
    public Task Result_AfterAwaitInOneBranchOnly_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> task, bool fast)
            {
                if (fast)
                {
                    await task;
                }

                return [|task.Result|];
            }
        }
        """);

    [Fact]
    public Task Result_AfterAwaitThenReassignment_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> task)
            {
                await task;
                task = Task.Run(() => 2);
                return [|task.Result|];
            }
        }
        """);

    [Fact]
    public Task Result_AfterAwaitWhenAny_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> a, Task<int> b)
            {
                await Task.WhenAny(a, b);
                return [|a.Result|];
            }
        }
        """);

    [Fact]
    public Task Result_AfterAwaitOfStoredWhenAllOfOtherTasks_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> a, Task<int> b, Task<int> c)
            {
                var both = Task.WhenAll(a, b);
                await both;
                return [|c.Result|];
            }
        }
        """);

    [Fact]
    public Task Result_AfterAwaitInsideTry_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> a, Task<int> b)
            {
                try
                {
                    await b;
                    await a;
                }
                catch
                {
                }

                return [|a.Result|];
            }
        }
        """);

    [Fact]
    public Task Result_InCatchAfterAwaitInTry_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> a, Task<int> b)
            {
                try
                {
                    await b;
                    await a;
                    return 0;
                }
                catch
                {
                    return [|a.Result|];
                }
            }
        }
        """);

    [Fact]
    public Task Result_AfterWaitWithTimeout_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> task)
            {
                await Task.Yield();
                [|task.Wait(100)|];
                return [|task.Result|];
            }
        }
        """);

    [Fact]
    public Task Result_InsideNotCompletedGuard_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> task)
            {
                await Task.Yield();
                if (!task.IsCompleted)
                {
                    return [|task.Result|];
                }

                return 0;
            }
        }
        """);

    [Fact]
    public Task Result_GuardOnAnotherTask_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> a, Task<int> b)
            {
                await Task.Yield();
                return a.IsCompleted ? [|b.Result|] : 0;
            }
        }
        """);

    [Fact]
    public Task Result_InForeachAfterWhenAllOfAnotherList_Diagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(List<Task<int>> tasks, List<Task<int>> others)
            {
                await Task.WhenAll(others);
                var sum = 0;
                foreach (var task in tasks)
                {
                    sum += [|task.Result|];
                }

                return sum;
            }
        }
        """);

    [Fact]
    public Task Result_InLoopThatReassigns_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> task)
            {
                await task;
                var sum = 0;
                for (var i = 0; i < 3; i++)
                {
                    sum += [|task.Result|];
                    task = Task.Run(() => i);
                }

                return sum;
            }
        }
        """);

    [Fact]
    public Task AliasOfATaskNotAwaited_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task task, Task other)
            {
                await other;
                var typed = (Task<int>)task;
                return [|typed.Result|];
            }
        }
        """);

    [Fact]
    public Task WinnerOfThreeTasks_OrNoEarlyExit_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> work, Task<int> backup)
            {
                var timeout = Task.Delay(1000);
                var winner = await Task.WhenAny(work, backup, timeout);
                if (winner == timeout) return -1;
                return [|work.Result|] + await Other(work, timeout);
            }

            async Task<int> Other(Task<int> work, Task timeout)
            {
                var winner = await Task.WhenAny(work, timeout);
                System.Console.WriteLine(winner == timeout);
                return [|work.Result|];
            }
        }
        """);

    [Fact]
    public Task WaitInMain_SyncEntryPoint_Diagnostic() => VerifyProgram("""
        using System.Threading.Tasks;

        static class Program
        {
            static void Main()
            {
                [|RunAsync().Wait()|];
            }

            static Task RunAsync() => Task.Delay(1);
        }
        """, """
        using System.Threading.Tasks;

        static class Program
        {
            static async Task Main()
            {
                await RunAsync();
            }

            static Task RunAsync() => Task.Delay(1);
        }
        """);

    [Fact]
    public Task Diagnostic_InSyncMain_SaysMakeTheEntryPointAsync()
    {
        var test = new Verify.AnalyzerTest<BlockingWaitAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;

                static class Program
                {
                    static int Main() => {|#0:RunAsync().GetAwaiter().GetResult()|};

                    static Task<int> RunAsync() => Task.FromResult(0);
                }
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(BlockingWaitAnalyzer.Rule).WithLocation(0).WithArguments("GetAwaiter().GetResult()", "make the entry point async and await it"));
        return test.RunAsync();
    }

    [Fact]
    public Task ResultInTopLevelStatementsWithoutAwait_SyncEntryPoint_DiagnosticAndAwaitFix() => VerifyProgram("""
        using System.Threading.Tasks;

        var value = [|GetAsync().Result|];
        System.Console.WriteLine(value);

        static Task<int> GetAsync() => Task.FromResult(42 + System.Environment.ProcessorCount);
        """, """
        using System.Threading.Tasks;

        var value = await GetAsync();
        System.Console.WriteLine(value);

        static Task<int> GetAsync() => Task.FromResult(42 + System.Environment.ProcessorCount);
        """);
}
