using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public class ThreadSleepInAsyncTests
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

    [Fact]
    public Task ThreadSleep_InLock_DiagnosticButNoFix() => VerifyFix("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            private readonly object _gate = new();

            async Task M()
            {
                await Task.Yield();
                lock (_gate)
                {
                    [|Thread.Sleep(10)|];
                }
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            private readonly object _gate = new();

            async Task M()
            {
                await Task.Yield();
                lock (_gate)
                {
                    [|Thread.Sleep(10)|];
                }
            }
        }
        """);

    [Fact]
    public Task ThreadSleep_InUnsafeBlock_DiagnosticButNoFix()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    await Task.Yield();
                    unsafe
                    {
                        [|Thread.Sleep(10)|];
                    }
                }
            }
            """;
        var test = new Verify.CodeFixTest<ThreadSleepInAsyncAnalyzer, ThreadSleepInAsyncCodeFix> { TestCode = source, FixedCode = source };
        test.SolutionTransforms.Add((solution, projectId) =>
            solution.WithProjectCompilationOptions(
                projectId,
                ((Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!).WithAllowUnsafe(true)));
        return test.RunAsync();
    }

    // ---- Where it stays silent --------------------------------------------------------------------------------

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

    // ---- Broken and half-typed code -----------------------------------------------------------------------------

    [Fact]
    public Task ThreadSleep_HalfTyped_NoDiagnosticNoCrash()
    {
        var test = new Verify.AnalyzerTest<ThreadSleepInAsyncAnalyzer>
        {
            TestCode = """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        await Task.Yield();
                        Thread.Sleep(
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task ThreadSleep_WithErrorTypedArgument_NoDiagnosticNoCrash()
    {
        var test = new Verify.AnalyzerTest<ThreadSleepInAsyncAnalyzer>
        {
            TestCode = """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        await Task.Yield();
                        Thread.Sleep(new Missing());
                        Thread.Sleep(unknown);
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task ThreadSleep_WithoutAnyReferences_NoDiagnosticNoCrash()
    {
        var test = new Verify.AnalyzerTest<ThreadSleepInAsyncAnalyzer>
        {
            TestCode = """
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
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.TestState.AdditionalReferences.Clear();
        return test.RunAsync();
    }

    // ---- The fix ------------------------------------------------------------------------------------------------

    [Fact]
    public Task Fix_StatementAfterBlankLine_KeepsBlankLine() => VerifyFix("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                await Task.Yield();

                [|Thread.Sleep(10)|];
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                await Task.Yield();

                await Task.Delay(10);
            }
        }
        """);

    [Fact]
    public Task Fix_Milliseconds_BecomesAwaitTaskDelay_AndAddsUsing() => VerifyFix("""
        using System.Threading;

        class C
        {
            async void M()
            {
                [|Thread.Sleep(100)|];
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async void M()
            {
                await Task.Delay(100);
            }
        }
        """);

    [Fact]
    public Task Fix_TimeSpan_KeepsTheArgument() => VerifyFix("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                [|Thread.Sleep(TimeSpan.FromMilliseconds(250))|];
            }
        }
        """, """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }
        """);

    [Fact]
    public Task Fix_NamedArgument_DropsTheName() => VerifyFix("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                [|Thread.Sleep(millisecondsTimeout: 5)|];
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                await Task.Delay(5);
            }
        }
        """);

    [Fact]
    public Task Fix_CancellationTokenParameter_IsForwarded() => VerifyFix("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M(int delay, CancellationToken cancellationToken)
            {
                [|Thread.Sleep(delay)|];
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M(int delay, CancellationToken cancellationToken)
            {
                await Task.Delay(delay, cancellationToken);
            }
        }
        """);

    [Fact]
    public Task Fix_TokenOfEnclosingMethod_IsForwardedFromAsyncLambda() => VerifyFix("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            void M(CancellationToken ct)
            {
                Func<Task> poll = async () =>
                {
                    [|Thread.Sleep(50)|];
                };
            }
        }
        """, """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            void M(CancellationToken ct)
            {
                Func<Task> poll = async () =>
                {
                    await Task.Delay(50, ct);
                };
            }
        }
        """);

    [Fact]
    public Task Fix_StaticLambda_DoesNotCaptureOuterToken() => VerifyFix("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            void M(CancellationToken ct)
            {
                Func<Task> poll = static async () =>
                {
                    [|Thread.Sleep(50)|];
                };
            }
        }
        """, """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            void M(CancellationToken ct)
            {
                Func<Task> poll = static async () =>
                {
                    await Task.Delay(50);
                };
            }
        }
        """);

    [Fact]
    public Task Fix_EnumeratorCancellationToken_IsForwarded() => VerifyFix("""
        using System.Collections.Generic;
        using System.Runtime.CompilerServices;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async IAsyncEnumerable<int> Ticks([EnumeratorCancellation] CancellationToken token = default)
            {
                for (var i = 0; ; i++)
                {
                    [|Thread.Sleep(1000)|];
                    yield return i;
                }
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Runtime.CompilerServices;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async IAsyncEnumerable<int> Ticks([EnumeratorCancellation] CancellationToken token = default)
            {
                for (var i = 0; ; i++)
                {
                    await Task.Delay(1000, token);
                    yield return i;
                }
            }
        }
        """);

    [Fact]
    public Task Fix_SleepZero_BecomesTaskYield() => VerifyFix("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M(CancellationToken ct)
            {
                [|Thread.Sleep(0)|];
                [|Thread.Sleep(TimeSpan.Zero)|];
            }
        }
        """, """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M(CancellationToken ct)
            {
                await Task.Yield();
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Fix_KeepsComments() => VerifyFix("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                // give the device time to settle
                [|Thread.Sleep(/* ms */ 100)|]; // was 50 before
                await Task.Yield();
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                // give the device time to settle
                await Task.Delay(/* ms */ 100); // was 50 before
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Fix_ExpressionBodiedAsyncLambda() => VerifyFix("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            Func<Task> f = async () => [|Thread.Sleep(10)|];
        }
        """, """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            Func<Task> f = async () => await Task.Delay(10);
        }
        """);

    [Fact]
    public Task Fix_InsideNamespace_AddsUsingWhereTheOthersAre() => VerifyFix("""
        namespace N
        {
            using System.Threading;

            class C
            {
                async void M()
                {
                    [|Thread.Sleep(1)|];
                }
            }
        }
        """, """
        namespace N
        {
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async void M()
                {
                    await Task.Delay(1);
                }
            }
        }
        """);

    [Fact]
    public Task FixAll_AcrossDocuments_RewritesEveryCall()
    {
        var test = new Verify.CodeFixTest<ThreadSleepInAsyncAnalyzer, ThreadSleepInAsyncCodeFix>();
        test.TestState.Sources.Add(("A.cs", """
            using System.Threading;
            using System.Threading.Tasks;

            class A
            {
                async Task M(CancellationToken ct)
                {
                    [|Thread.Sleep(1)|];
                    [|Thread.Sleep(2)|];
                    [|Thread.Sleep(0)|];
                }
            }
            """));
        test.TestState.Sources.Add(("B.cs", """
            using System.Threading;

            class B
            {
                async void M()
                {
                    [|Thread.Sleep(3)|];
                }
            }
            """));
        test.FixedState.Sources.Add(("A.cs", """
            using System.Threading;
            using System.Threading.Tasks;

            class A
            {
                async Task M(CancellationToken ct)
                {
                    await Task.Delay(1, ct);
                    await Task.Delay(2, ct);
                    await Task.Yield();
                }
            }
            """));
        test.FixedState.Sources.Add(("B.cs", """
            using System.Threading;
            using System.Threading.Tasks;

            class B
            {
                async void M()
                {
                    await Task.Delay(3);
                }
            }
            """));
        return test.RunAsync();
    }
}
