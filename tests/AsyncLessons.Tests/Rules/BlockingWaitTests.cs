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

    // ---- Where it fires ------------------------------------------------------------------------------------

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

    // ---- Where it stays silent: the task is already known to be complete -------------------------------------

    [Fact]
    public Task Result_AfterAwaitOfSameTask_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> task)
            {
                await task;
                return task.Result;
            }
        }
        """);

    [Fact]
    public Task Result_AfterAwaitWithConfigureAwait_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> task)
            {
                await task.ConfigureAwait(false);
                return task.Result;
            }
        }
        """);

    [Fact]
    public Task Result_AfterAwaitInEarlierStatementOfOuterBlock_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            private Task<int> _task = Task.Run(() => 1);

            async Task<int> M(bool log)
            {
                var first = await _task;
                if (log)
                {
                    System.Console.WriteLine(_task.Result);
                }

                return first;
            }
        }
        """);

    [Fact]
    public Task Result_AfterAwaitWhenAllOfBoth_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M()
            {
                var a = Task.Run(() => 1);
                var b = Task.Run(() => 2);
                await Task.WhenAll(a, b);
                return a.Result + b.GetAwaiter().GetResult();
            }
        }
        """);

    [Fact]
    public Task Result_AfterAwaitWhenAllOfExplicitArray_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> a, Task<int> b)
            {
                await Task.WhenAll(new[] { a, b });
                return a.Result;
            }
        }
        """);

    [Fact]
    public Task Result_AfterAwaitWhenAllOfArrayVariableThatHoldsIt_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> a, Task<int> b)
            {
                var all = new[] { a, b };
                await Task.WhenAll(all);
                return a.Result + b.Result;
            }
        }
        """);

    [Fact]
    public Task Result_AfterAwaitWhenAllOfListFilledWithAdd_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M()
            {
                var tasks = new List<Task>();
                var a = Task.Run(() => 1);
                tasks.Add(a);
                tasks.Add(Task.Delay(1));
                await Task.WhenAll(tasks);
                return a.Result;
            }
        }
        """);

    [Fact]
    public Task Result_AfterAwaitWhenAllOfListInitializer_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> a)
            {
                var tasks = new List<Task> { a, Task.Delay(1) };
                await Task.WhenAll(tasks);
                return a.Result;
            }
        }
        """);

    [Fact]
    public Task Result_AfterAwaitWhenAllOfCollectionExpression_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> a, Task<int> b)
            {
                Task<int>[] all = [a, b];
                await Task.WhenAll(all);
                return a.Result;
            }
        }
        """);

    [Fact]
    public Task Result_AfterAwaitOfStoredWhenAll_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> a, Task<int> b)
            {
                var both = Task.WhenAll(a, b);
                await both;
                return a.Result + b.Result;
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
    public Task ForeachResult_AfterAwaitWhenAllOfTheList_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(List<Task<int>> tasks)
            {
                await Task.WhenAll(tasks);
                var sum = 0;
                foreach (var task in tasks)
                {
                    sum += task.Result;
                }

                return sum;
            }
        }
        """);

    [Fact]
    public Task IndexedResult_AfterAwaitWhenAllOfTheArray_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int>[] tasks)
            {
                await Task.WhenAll(tasks);
                var sum = 0;
                for (var i = 0; i < tasks.Length; i++)
                {
                    sum += tasks[i].Result;
                }

                return sum;
            }
        }
        """);

    [Fact]
    public Task Result_AfterWhenAllInSelectLambda_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task<int[]> M(List<Task<int>> tasks)
            {
                await Task.WhenAll(tasks);
                return tasks.Select(t => t.Result).ToArray();
            }
        }
        """);

    [Theory]
    [InlineData("task.IsCompleted")]
    [InlineData("task.IsCompletedSuccessfully")]
    [InlineData("task.IsFaulted")]
    [InlineData("task.IsCanceled")]
    [InlineData("task.Status == TaskStatus.RanToCompletion")]
    [InlineData("TaskStatus.RanToCompletion == task.Status")]
    [InlineData("task.Status is TaskStatus.RanToCompletion")]
    [InlineData("task.IsCompleted == true")]
    [InlineData("task.IsCompleted && other")]
    [InlineData("other && task.IsCompleted")]
    public Task Result_InsideCompletionGuard_NoDiagnostic(string condition) => VerifyAnalyzer($$"""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> task, bool other)
            {
                await Task.Yield();
                if ({{condition}})
                {
                    return task.Result;
                }

                return 0;
            }
        }
        """);

    [Fact]
    public Task Result_InElseOfNotCompletedGuard_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> task)
            {
                if (!task.IsCompleted)
                {
                    return await task;
                }
                else
                {
                    return task.Result;
                }
            }
        }
        """);

    [Fact]
    public Task Result_InConditionalExpressionGuard_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async ValueTask<int> M(ValueTask<int> task) =>
                task.IsCompletedSuccessfully ? task.Result : await task;
        }
        """);

    [Fact]
    public Task Result_RightOfAndAlsoGuard_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<bool> M(Task<int> task)
            {
                await Task.Yield();
                return task.IsCompletedSuccessfully && task.Result > 0;
            }
        }
        """);

    [Fact]
    public Task Result_RightOfOrElseNotCompleted_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<bool> M(Task<int> task)
            {
                await Task.Yield();
                return !task.IsCompleted || task.Result > 0;
            }
        }
        """);

    [Fact]
    public Task Result_AfterEarlyReturnGuard_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> task)
            {
                await Task.Yield();
                if (!task.IsCompleted)
                {
                    return -1;
                }

                return task.Result;
            }
        }
        """);

    [Fact]
    public Task Result_AfterGuardThatAwaits_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> task)
            {
                if (!task.IsCompleted)
                {
                    await task;
                }

                return task.Result;
            }
        }
        """);

    [Fact]
    public Task Result_AfterPollingLoop_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> task)
            {
                while (!task.IsCompleted)
                {
                    await Task.Delay(10);
                }

                return task.Result;
            }
        }
        """);

    [Fact]
    public Task Result_OfTaskReturnedByAwaitWhenAny_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> a, Task<int> b)
            {
                var first = await Task.WhenAny(a, b);
                return first.Result + (await Task.WhenAny(a, b)).Result;
            }
        }
        """);

    [Fact]
    public Task Result_WhenWhenAnyWinnerIsTheTask_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> task)
            {
                if (await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(1))) == task)
                {
                    return task.Result;
                }

                throw new TimeoutException();
            }
        }
        """);

    [Fact]
    public Task Result_OfFromResultAndCompletedTask_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M()
            {
                await Task.Yield();
                var cached = Task.FromResult(1);
                Task.CompletedTask.Wait();
                Task.CompletedTask.GetAwaiter().GetResult();
                new ValueTask<int>(3).GetAwaiter().GetResult();
                return cached.Result + Task.FromResult(2).Result + ValueTask.FromResult(3).Result;
            }
        }
        """);

    [Fact]
    public Task WaitAll_AfterAwaitWhenAllOfSameTasks_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task a, Task b)
            {
                await Task.WhenAll(a, b);
                Task.WaitAll(a, b);
            }
        }
        """);

    [Fact]
    public Task Result_AfterEarlierBlockingWait_OnlyTheWaitIsReported() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> a, Task<int> b, Task<int> c)
            {
                await Task.Yield();
                [|a.Wait()|];
                [|Task.WaitAll(b, c)|];
                return a.Result + b.Result + c.GetAwaiter().GetResult();
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
    public Task Result_InsideTryAfterAwaitInTry_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> task)
            {
                try
                {
                    await task;
                    return task.Result;
                }
                finally
                {
                    System.Console.WriteLine();
                }
            }
        }
        """);

    [Fact]
    public Task Result_InAsyncLambdaAfterOuterAwait_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task<Func<Task<int>>> M(Task<int> task)
            {
                await task;
                return async () =>
                {
                    await Task.Yield();
                    return task.Result;
                };
            }
        }
        """);

    [Fact]
    public Task Result_InSwitchSectionAfterAwait_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> task, int mode)
            {
                switch (mode)
                {
                    case 1:
                        await task;
                        return task.Result;
                    default:
                        return 0;
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

    // A statement of its own keeps the blank line above it; a result used as a receiver keeps its parentheses.
    [Fact]
    public Task Fix_StatementsAfterBlankLines_KeepBlankLines() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task a, Task b, Task<string> c, Task d)
            {
                await Task.Yield();

                [|Task.WaitAll(a, b)|];

                [|d.Wait()|];

                return [|c.Result|].Length;
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task a, Task b, Task<string> c, Task d)
            {
                await Task.Yield();

                await Task.WhenAll(a, b);

                await d;

                return (await c).Length;
            }
        }
        """);

    [Fact]
    public Task Fix_InUnsafeBlock_NoFix()
    {
        const string source = """
            using System.Threading.Tasks;

            class C
            {
                async Task M(Task task)
                {
                    await Task.Yield();
                    unsafe
                    {
                        [|task.Wait()|];
                    }
                }
            }
            """;
        var test = new Verify.CodeFixTest<BlockingWaitAnalyzer, BlockingWaitCodeFix> { TestCode = source, FixedCode = source };
        test.SolutionTransforms.Add((solution, projectId) =>
            solution.WithProjectCompilationOptions(
                projectId,
                ((CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!).WithAllowUnsafe(true)));
        return test.RunAsync();
    }

    // ---- Where it stays silent: not async code --------------------------------------------------------------

    [Fact]
    public Task Result_InSyncMethod_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            int M(Task<int> task)
            {
                task.Wait();
                Task.WaitAll(task);
                return task.Result + task.GetAwaiter().GetResult();
            }
        }
        """);

    [Fact]
    public Task Result_InSyncLambdaInsideAsyncMethod_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> task)
            {
                return await Task.Run(() => task.Result);
            }
        }
        """);

    [Fact]
    public Task Result_InTaskReturningMethodThatIsNotAsync_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            Task<int> M(Task<int> task) => Task.FromResult(task.Result);
        }
        """);

    [Fact]
    public Task Main_InLibrary_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        static class Program
        {
            static void Main() => Task.Delay(1).Wait();
        }
        """);

    [Fact]
    public Task ResultInLambdaInsideSyncMain_NoDiagnostic() => VerifyProgram("""
        using System;
        using System.Threading.Tasks;

        static class Program
        {
            static void Main()
            {
                Func<int> f = () => Task.FromResult(1 + Environment.ProcessorCount).Result;
                Console.WriteLine(f());
            }
        }
        """);

    [Fact]
    public Task NonEntryPointStaticMain_NoDiagnostic() => VerifyProgram("""
        using System.Threading.Tasks;

        static class Program
        {
            static void Main() => System.Console.WriteLine();
        }

        static class Other
        {
            public static void Main(int milliseconds) => Task.Delay(milliseconds).Wait();
        }
        """);

    [Fact]
    public Task ResultPropertyOfAnotherType_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading;
        using System.Threading.Tasks;

        class Response { public int Result { get; set; } public void Wait() { } }

        class C
        {
            async Task<int> M(Response response, SemaphoreSlim gate)
            {
                await Task.Yield();
                response.Wait();
                gate.Wait();
                return response.Result;
            }
        }
        """);

    [Fact]
    public Task Result_InNameOf_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(Task<int> task)
            {
                await Task.Yield();
                return nameof(task.Result);
            }
        }
        """);

    [Fact]
    public Task Result_InGeneratedCode_NoDiagnostic() => VerifyAnalyzer("""
        // <auto-generated/>
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> task)
            {
                await Task.Yield();
                return task.Result;
            }
        }
        """);

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

    // ---- Fixes ------------------------------------------------------------------------------------------------

    [Fact]
    public Task Fix_Result_BecomesAwait() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> task)
            {
                await Task.Yield();
                // the value
                var value = [|task.Result|]; // trailing
                return value;
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> task)
            {
                await Task.Yield();
                // the value
                var value = await task; // trailing
                return value;
            }
        }
        """);

    [Fact]
    public Task Fix_ResultInMemberAccess_IsParenthesized() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(Task<int> task)
            {
                await Task.Yield();
                return [|task.Result|].ToString();
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(Task<int> task)
            {
                await Task.Yield();
                return (await task).ToString();
            }
        }
        """);

    [Fact]
    public Task Fix_ResultOfCall_AwaitsTheCall() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M()
            {
                await Task.Yield();
                return [|GetAsync().Result|] + 1;
            }

            Task<int> GetAsync() => Task.Run(() => 1);
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M()
            {
                await Task.Yield();
                return await GetAsync() + 1;
            }

            Task<int> GetAsync() => Task.Run(() => 1);
        }
        """);

    [Fact]
    public Task Fix_NestedResultOfTaskOfTask_BecomesAwaitAwait() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<Task<int>> nested)
            {
                await Task.Yield();
                return [|[|nested.Result|].Result|];
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<Task<int>> nested)
            {
                await Task.Yield();
                return await await nested;
            }
        }
        """);

    [Fact]
    public Task Fix_GetAwaiterGetResult_BecomesAwait() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(ValueTask task)
            {
                await Task.Yield();
                [|task.GetAwaiter().GetResult()|];
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task M(ValueTask task)
            {
                await Task.Yield();
                await task;
            }
        }
        """);

    [Fact]
    public Task Fix_ConfigureAwaitGetResult_KeepsConfigureAwait() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> task)
            {
                await Task.Yield();
                return [|task.ConfigureAwait(false).GetAwaiter().GetResult()|];
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> task)
            {
                await Task.Yield();
                return await task.ConfigureAwait(false);
            }
        }
        """);

    [Fact]
    public Task Fix_Wait_BecomesAwait() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task task)
            {
                await Task.Yield();
                [|task.Wait()|];
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task task)
            {
                await Task.Yield();
                await task;
            }
        }
        """);

    [Fact]
    public Task Fix_WaitWithToken_BecomesWaitAsync() => VerifyFix("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task task, CancellationToken token)
            {
                await Task.Yield();
                [|task.Wait(token)|];
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task task, CancellationToken token)
            {
                await Task.Yield();
                await task.WaitAsync(token);
            }
        }
        """);

    [Fact]
    public Task Fix_WaitWithMillisecondsAndToken_BecomesWaitAsyncWithTimeSpan() => VerifyFix("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task task, CancellationToken token)
            {
                await Task.Yield();
                [|task.Wait(cancellationToken: token, millisecondsTimeout: 500)|];
            }
        }
        """, """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task task, CancellationToken token)
            {
                await Task.Yield();
                await task.WaitAsync(TimeSpan.FromMilliseconds(500), token);
            }
        }
        """);

    [Fact]
    public Task Fix_WaitWithTimeoutWhoseResultIsUsed_NoFix() => VerifyNoFix("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task<bool> M(Task task)
            {
                await Task.Yield();
                return [|task.Wait(TimeSpan.FromSeconds(1))|];
            }
        }
        """);

    [Fact]
    public Task Fix_WaitAll_BecomesAwaitWhenAll() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task a, Task<int> b)
            {
                await Task.Yield();
                [|Task.WaitAll(a, b)|];
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task a, Task<int> b)
            {
                await Task.Yield();
                await Task.WhenAll(a, b);
            }
        }
        """);

    [Fact]
    public Task Fix_WaitAllOfArrayWithToken_BecomesWhenAllWaitAsync() => VerifyFix("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task[] tasks, CancellationToken token)
            {
                await Task.Yield();
                [|Task.WaitAll(tasks, token)|];
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task[] tasks, CancellationToken token)
            {
                await Task.Yield();
                await Task.WhenAll(tasks).WaitAsync(token);
            }
        }
        """);

    [Fact]
    public Task Fix_WaitAnyWithUnusedIndex_BecomesAwaitWhenAny() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task a, Task b)
            {
                await Task.Yield();
                [|Task.WaitAny(a, b)|];
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task a, Task b)
            {
                await Task.Yield();
                await Task.WhenAny(a, b);
            }
        }
        """);

    [Fact]
    public Task Fix_WaitAnyWhoseIndexIsUsed_ArrayVariable_BecomesIndexOfWhenAny() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int>[] tasks)
            {
                await Task.Yield();
                int i = [|Task.WaitAny(tasks)|];
                return i;
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int>[] tasks)
            {
                await Task.Yield();
                int i = Array.IndexOf(tasks, await Task.WhenAny(tasks));
                return i;
            }
        }
        """);

    [Fact]
    public Task Fix_WaitAnyWhoseIndexIsUsed_ListedVariables_BecomesIndexOfWhenAny() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> a, Task<string> b)
            {
                await Task.Yield();
                return [|Task.WaitAny(a, b)|] + 1;
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> a, Task<string> b)
            {
                await Task.Yield();
                return Array.IndexOf(new Task[] { a, b }, await Task.WhenAny(a, b)) + 1;
            }
        }
        """);

    [Fact]
    public Task Fix_WaitAnyWhoseIndexIsUsed_WithCallsOrTimeout_NoFix() => VerifyNoFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task a)
            {
                await Task.Yield();
                var i = [|Task.WaitAny(a, Task.Delay(100))|];
                var j = [|Task.WaitAny(new[] { a }, 100)|];
                return i + j;
            }
        }
        """);

    [Fact]
    public Task Fix_ResultInsideLock_NoFix() => VerifyNoFix("""
        using System.Threading.Tasks;

        class C
        {
            private readonly object _gate = new();

            async Task<int> M(Task<int> task)
            {
                await Task.Yield();
                lock (_gate)
                {
                    return [|task.Result|];
                }
            }
        }
        """);

    [Fact]
    public Task Fix_ConditionalAccessResult_NoFix() => VerifyNoFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int?> M(Task<int>? task)
            {
                await Task.Yield();
                return task?[|.Result|];
            }
        }
        """);

    [Fact]
    public Task Fix_InAsyncLambda_BecomesAwait() => VerifyFix("""
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
        """, """
        using System;
        using System.Threading.Tasks;

        class C
        {
            Func<Task<int>, Task<int>> f = async task =>
            {
                await Task.Yield();
                return await task;
            };
        }
        """);

    [Fact]
    public Task Fix_IntMain_BecomesAsyncTaskOfInt() => VerifyProgram("""
        using System.Threading.Tasks;

        static class Program
        {
            // Entry point.
            public static int Main(string[] args)
            {
                var code = [|RunAsync(args).Result|];
                [|Task.Delay(1).Wait()|];
                return code;
            }

            static Task<int> RunAsync(string[] args) => Task.FromResult(args.Length);
        }
        """, """
        using System.Threading.Tasks;

        static class Program
        {
            // Entry point.
            public static async Task<int> Main(string[] args)
            {
                var code = await RunAsync(args);
                await Task.Delay(1);
                return code;
            }

            static Task<int> RunAsync(string[] args) => Task.FromResult(args.Length);
        }
        """);

    [Fact]
    public Task Fix_ExpressionBodiedMain_BecomesAsync() => VerifyProgram("""
        using System.Threading.Tasks;

        static class Program
        {
            static void Main() => [|RunAsync().GetAwaiter().GetResult()|];

            static Task RunAsync() => Task.Delay(1);
        }
        """, """
        using System.Threading.Tasks;

        static class Program
        {
            static async Task Main() => await RunAsync();

            static Task RunAsync() => Task.Delay(1);
        }
        """);

    [Fact]
    public Task Fix_MainWithStaThread_NoFix() => VerifyProgram("""
        using System;
        using System.Threading.Tasks;

        static class Program
        {
            [STAThread]
            static void Main() => [|Task.Delay(1).Wait()|];
        }
        """);

    [Fact]
    public Task Fix_MainWithSpanLocal_NoFix() => VerifyProgram("""
        using System;
        using System.Threading.Tasks;

        static class Program
        {
            static void Main()
            {
                Span<int> numbers = stackalloc int[4];
                [|Task.Delay(numbers.Length).Wait()|];
            }
        }
        """);

    [Fact]
    public Task Fix_MainBeforeCSharp7_1_NoFix() => VerifyProgram("""
        using System.Threading.Tasks;

        static class Program
        {
            static void Main()
            {
                [|Task.Delay(1).Wait()|];
            }
        }
        """, languageVersion: LanguageVersion.CSharp7);

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

    // ---- Params collections: from C# 13 on .NET 9+, Task.WaitAll(a, b), Task.WhenAll(a, b) and Task.WhenAny(a, b, c)
    // ---- bind to the params ReadOnlySpan<Task> overloads (the verifiers parse as the newest C#); C# 12 keeps Task[].

    private static Task VerifyAnalyzerCSharp12(string source) =>
        new Verify.AnalyzerTest<BlockingWaitAnalyzer> { TestCode = source, LanguageVersion = LanguageVersion.CSharp12 }.RunAsync();

    private static Task VerifyFixCSharp12(string source, string fixedSource) =>
        new Verify.CodeFixTest<BlockingWaitAnalyzer, BlockingWaitCodeFix> { TestCode = source, FixedCode = fixedSource, LanguageVersion = LanguageVersion.CSharp12 }.RunAsync();

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

    // ---- Containers awaited with Task.WhenAll(tasks), also spread: Task.WhenAll([a, ..rest]) ----------------------

    [Fact]
    public Task WaitAll_OfArrayAfterAwaitWhenAllOfIt_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task[] tasks)
            {
                await Task.WhenAll(tasks);
                Task.WaitAll(tasks);
            }
        }
        """);

    [Fact]
    public Task WaitAll_OfListLocalAfterAwaitWhenAllOfIt_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task a, Task b)
            {
                var tasks = new List<Task> { a, b };
                await Task.WhenAll(tasks);
                Task.WaitAll(tasks);
            }
        }
        """);

    [Fact]
    public Task WaitAll_OfEnumerableParameterAfterConfiguredAwaitWhenAll_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(IEnumerable<Task> tasks)
            {
                await Task.WhenAll(tasks).ConfigureAwait(false);
                Task.WaitAll(tasks);
            }
        }
        """);

    [Fact]
    public Task WaitAll_OfFieldAfterAwaitWhenAllOfIt_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            private readonly Task[] _tasks = new Task[0];

            async Task M()
            {
                await Task.WhenAll(_tasks);
                Task.WaitAll(_tasks);
            }
        }
        """);

    [Fact]
    public Task WaitAny_OfArrayAfterAwaitWhenAllOfIt_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task[] tasks)
            {
                await Task.WhenAll(tasks);
                return Task.WaitAny(tasks);
            }
        }
        """);

    [Fact]
    public Task WaitAll_OfArrayAfterAwaitWhenAllOfAnotherArray_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task[] tasks, Task[] others)
            {
                await Task.WhenAll(others);
                [|Task.WaitAll(tasks)|];
            }
        }
        """);

    [Fact]
    public Task WaitAll_OfArrayReassignedAfterAwaitWhenAll_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task[] tasks, Task[] others)
            {
                await Task.WhenAll(tasks);
                tasks = others;
                [|Task.WaitAll(tasks)|];
            }
        }
        """);

    [Fact]
    public Task WaitAll_OfArrayWithElementWrittenAfterAwaitWhenAll_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task[] tasks, Task other)
            {
                await Task.WhenAll(tasks);
                tasks[0] = other;
                [|Task.WaitAll(tasks)|];
            }
        }
        """);

    [Fact]
    public Task WaitAll_OfListAddedToAfterAwaitWhenAll_Diagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<Task> tasks, Task other)
            {
                await Task.WhenAll(tasks);
                tasks.Add(other);
                [|Task.WaitAll(tasks)|];
            }
        }
        """);

    [Fact]
    public Task WaitAny_OfArrayWithElementWrittenAfterAwaitWhenAll_Diagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task[] tasks, Task other)
            {
                await Task.WhenAll(tasks);
                tasks[0] = other;
                return [|Task.WaitAny(tasks)|];
            }
        }
        """);

    [Fact]
    public Task WaitAll_OfArrayAfterConditionalAwaitWhenAll_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task[] tasks, bool ready)
            {
                if (ready)
                {
                    await Task.WhenAll(tasks);
                }

                [|Task.WaitAll(tasks)|];
            }
        }
        """);

    [Fact]
    public Task WaitAll_OfArrayAfterAwaitWhenAllInLambda_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task[] tasks)
            {
                System.Func<Task> later = async () => await Task.WhenAll(tasks);
                await Task.Yield();
                [|Task.WaitAll(tasks)|];
            }
        }
        """);

    [Fact]
    public Task ForeachResult_OverArrayAfterAwaitWhenAllOfIt_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int>[] tasks)
            {
                await Task.WhenAll(tasks);
                var sum = 0;
                foreach (var task in tasks)
                {
                    sum += task.Result;
                }

                return sum;
            }
        }
        """);

    [Fact]
    public Task ForeachResult_OverListAddedToAfterAwaitWhenAll_Diagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(List<Task<int>> tasks, Task<int> other)
            {
                await Task.WhenAll(tasks);
                tasks.Add(other);
                var sum = 0;
                foreach (var task in tasks)
                {
                    sum += [|task.Result|];
                }

                return sum;
            }
        }
        """);

    // A deferred query starts new tasks each time it is enumerated: WhenAll over it completes one set, a later
    // enumeration (by WaitAll, or a foreach) makes another and blocks on it.
    [Fact]
    public Task WaitAll_OfDeferredQueryAfterAwaitWhenAllOfIt_Diagnostic() => VerifyAnalyzer("""
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            static Task LoadAsync(int id) => Task.Delay(id);

            async Task M(int[] ids)
            {
                var tasks = ids.Select(id => LoadAsync(id));
                await Task.WhenAll(tasks);
                [|Task.WaitAll(tasks)|];
            }
        }
        """);

    [Fact]
    public Task ForeachResult_OverDeferredQueryAfterAwaitWhenAllOfIt_Diagnostic() => VerifyAnalyzer("""
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            static Task<int> LoadAsync(int id) => Task.FromResult(id);

            async Task<int> M(int[] ids)
            {
                var tasks = ids.Select(id => LoadAsync(id));
                await Task.WhenAll(tasks);
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
    public Task WaitAll_OfMaterializedQueryAfterAwaitWhenAllOfIt_NoDiagnostic() => VerifyAnalyzer("""
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            static Task LoadAsync(int id) => Task.Delay(id);

            async Task M(int[] ids)
            {
                var tasks = ids.Select(id => LoadAsync(id)).ToList();
                await Task.WhenAll(tasks);
                Task.WaitAll(tasks);
            }
        }
        """);

    [Fact]
    public Task WaitAll_OfEnumerableLocalHoldingListAfterAwaitWhenAllOfIt_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task a, Task b)
            {
                IEnumerable<Task> tasks = new List<Task> { a, b };
                await Task.WhenAll(tasks);
                Task.WaitAll(tasks);
            }
        }
        """);

    [Fact]
    public Task Spread_WaitAllAfterAwaitWhenAllOfSpreadArray_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task[] tasks)
            {
                await Task.WhenAll([.. tasks]);
                Task.WaitAll(tasks);
            }
        }
        """);

    [Fact]
    public Task Spread_IndexedResultAfterAwaitWhenAllOfElementAndSpread_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> first, List<Task<int>> rest)
            {
                await Task.WhenAll([first, .. rest]);
                return first.Result + rest[0].Result;
            }
        }
        """);

    [Fact]
    public Task Spread_ForeachResultAfterAwaitWhenAllOfSpread_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> first, Task<int>[] rest)
            {
                await Task.WhenAll([first, .. rest]);
                var sum = first.Result;
                foreach (var task in rest)
                {
                    sum += task.Result;
                }

                return sum;
            }
        }
        """);

    [Fact]
    public Task Spread_ResultOfTaskAddedToSpreadList_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> task)
            {
                var tasks = new List<Task<int>>();
                tasks.Add(task);
                await Task.WhenAll([.. tasks]);
                return task.Result;
            }
        }
        """);

    [Fact]
    public Task Spread_WaitAllOfSpreadAfterAwaitWhenAllOfTheArray_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task first, Task[] rest)
            {
                await Task.WhenAll([first, .. rest]);
                Task.WaitAll([first, .. rest]);
            }
        }
        """);

    [Fact]
    public Task Spread_WaitAllAfterAwaitWhenAllOfTwoSpreads_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task[] some, List<Task> more)
            {
                await Task.WhenAll([.. some, .. more]);
                Task.WaitAll(some);
                Task.WaitAll(more);
            }
        }
        """);

    [Fact]
    public Task Spread_WaitAllOfOtherArrayAfterAwaitWhenAllOfSpread_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task[] tasks, Task[] others)
            {
                await Task.WhenAll([.. others]);
                [|Task.WaitAll(tasks)|];
            }
        }
        """);

    [Fact]
    public Task Spread_IndexedResultOfListAddedToAfterAwaitWhenAllOfSpread_Diagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(List<Task<int>> tasks, Task<int> other)
            {
                await Task.WhenAll([.. tasks]);
                tasks.Add(other);
                return [|tasks[1].Result|];
            }
        }
        """);

    [Fact]
    public Task Spread_WaitAllOfSpreadWithUnawaitedElement_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task first, Task[] rest)
            {
                await Task.WhenAll(rest);
                [|Task.WaitAll([first, .. rest])|];
            }
        }
        """);

    [Fact]
    public Task Spread_WaitAllOfSpreadReassignedAfterAwait_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task[] tasks, Task[] others)
            {
                await Task.WhenAll([.. tasks]);
                tasks = others;
                [|Task.WaitAll([.. tasks])|];
            }
        }
        """);

    // ---- Known complete through another name, and the winner of two -------------------------------------------

    [Fact]
    public Task CompletedTaskSeenThroughIsAsAndCast_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task task)
            {
                await task;
                if (task is Task<int> typed)
                {
                    return typed.Result;
                }

                var cast = (Task<int>)task;
                var asTyped = task as Task<int>;
                return cast.Result + asTyped!.Result;
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

    [Theory]
    [InlineData("if (winner == timeout) throw new System.TimeoutException();")]
    [InlineData("if (winner != work) return 0;")]
    [InlineData("if (winner == timeout) { return -1; }")]
    public Task WinnerOfTwoTaskWhenAny_WithEarlyExitForTheOther_NoDiagnostic(string exit) => VerifyAnalyzer($$"""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> work)
            {
                var timeout = Task.Delay(1000);
                var winner = await Task.WhenAny(work, timeout);
                {{exit}}
                return work.Result;
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
}
