using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class ThreadSleepInAsyncTests
{
    private static Task VerifyAnalyzer(string source, params DiagnosticResult[] expected) =>
        Verify.Analyzer<ThreadSleepInAsyncAnalyzer>(source, expected);

    private static Task VerifyFix(string source, string fixedSource) =>
        Verify.CodeFix<ThreadSleepInAsyncAnalyzer, ThreadSleepInAsyncCodeFix>(source, fixedSource);

    // ---- Where it fires -------------------------------------------------------------------------------------

    [Fact]
    public Task ThreadSleep_InAsyncMethod_DiagnosticOnTheCall() => VerifyAnalyzer("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                {|#0:Thread.Sleep(100)|};
                await Task.Yield();
            }
        }
        """,
        Verify.Diagnostic("AL0002").WithLocation(0));

    [Fact]
    public Task ThreadSleep_WithDuration_MessageSaysTaskDelay() => VerifyAnalyzer("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                {|#0:Thread.Sleep(100)|};
                await Task.Yield();
            }
        }
        """,
        Verify.Diagnostic("AL0002").WithLocation(0)
            .WithMessage("'Thread.Sleep' blocks the thread inside async code; use 'await Task.Delay(...)' so other work can run while this waits"));

    [Fact]
    public Task ThreadSleep_Zero_MessageSaysTaskYield() => VerifyAnalyzer("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                {|#0:Thread.Sleep(0)|};
                await Task.Yield();
            }
        }
        """,
        Verify.Diagnostic("AL0002").WithLocation(0)
            .WithMessage("'Thread.Sleep' blocks the thread inside async code; use 'await Task.Yield()' so other work can run while this waits"));

    [Fact]
    public Task ThreadSleep_TimeSpanZero_MessageSaysTaskYield() => VerifyAnalyzer("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                {|#0:Thread.Sleep(TimeSpan.Zero)|};
                await Task.Yield();
            }
        }
        """,
        Verify.Diagnostic("AL0002").WithLocation(0).WithArguments("await Task.Yield()"));

    [Fact]
    public Task ThreadSleep_TimeSpan_InAsyncMethod_Diagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                [|Thread.Sleep(TimeSpan.FromSeconds(1))|];
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task ThreadSleep_InAsyncLambda_Diagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            Func<Task> f = async () =>
            {
                [|Thread.Sleep(10)|];
                await Task.Yield();
            };
        }
        """);

    [Fact]
    public Task ThreadSleep_InAsyncAnonymousMethod_Diagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            void M()
            {
                Func<Task> f = async delegate
                {
                    [|Thread.Sleep(10)|];
                    await Task.Yield();
                };
            }
        }
        """);

    [Fact]
    public Task ThreadSleep_InAsyncLocalFunctionOfSyncMethod_Diagnostic() => VerifyAnalyzer("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            void M()
            {
                _ = Local();

                async Task Local()
                {
                    [|Thread.Sleep(10)|];
                    await Task.Yield();
                }
            }
        }
        """);

    [Fact]
    public Task ThreadSleep_InAsyncIterator_Diagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async IAsyncEnumerable<int> M()
            {
                for (var i = 0; i < 3; i++)
                {
                    [|Thread.Sleep(10)|];
                    yield return i;
                }

                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task ThreadSleep_InAsyncValueTaskMethod_Diagnostic() => VerifyAnalyzer("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async ValueTask<int> M()
            {
                [|Thread.Sleep(10)|];
                await Task.Yield();
                return 1;
            }
        }
        """);

    [Fact]
    public Task ThreadSleep_InAsyncVoidMethod_Diagnostic() => VerifyAnalyzer("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async void M()
            {
                [|Thread.Sleep(10)|];
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task ThreadSleep_InTopLevelStatementsThatAwait_Diagnostic()
    {
        var test = new Verify.AnalyzerTest<ThreadSleepInAsyncAnalyzer>
        {
            TestCode = """
                using System.Threading;
                using System.Threading.Tasks;

                [|Thread.Sleep(10)|];
                await Task.Yield();
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    // ---- Where it stays silent ------------------------------------------------------------------------------

    [Fact]
    public Task ThreadSleep_InSyncMethod_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading;

        class C
        {
            void M() => Thread.Sleep(10);
        }
        """);

    [Fact]
    public Task ThreadSleep_InSyncLambdaInsideAsyncMethod_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                await Task.Run(() => Thread.Sleep(10));
            }
        }
        """);

    [Fact]
    public Task ThreadSleep_InSyncLocalFunctionInsideAsyncMethod_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                await Task.Run(Work);

                void Work()
                {
                    Thread.Sleep(10);
                }
            }
        }
        """);

    [Fact]
    public Task ThreadSleep_InTaskReturningMethodThatIsNotAsync_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            Task M()
            {
                Thread.Sleep(10);
                return Task.CompletedTask;
            }
        }
        """);

    [Fact]
    public Task ThreadSleep_InExpressionTreeInsideAsyncMethod_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Linq.Expressions;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                Expression<Action> e = () => Thread.Sleep(10);
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task ThreadSleep_InTopLevelStatementsWithoutAwait_NoDiagnostic()
    {
        var test = new Verify.AnalyzerTest<ThreadSleepInAsyncAnalyzer>
        {
            TestCode = """
                using System.Threading;

                Thread.Sleep(10);
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    [Fact]
    public Task SleepOfAnotherType_InAsyncMethod_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        static class Thread
        {
            public static void Sleep(int ms) { }
        }

        class C
        {
            async Task M()
            {
                Thread.Sleep(10);
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task ThreadSleep_InGeneratedCode_NoDiagnostic() => VerifyAnalyzer("""
        // <auto-generated/>
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                Thread.Sleep(10);
                await Task.Yield();
            }
        }
        """);
}
