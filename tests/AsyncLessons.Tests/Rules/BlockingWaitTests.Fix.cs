using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class BlockingWaitTests
{
    // ---- The fix --------------------------------------------------------------------------------------------

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
}
