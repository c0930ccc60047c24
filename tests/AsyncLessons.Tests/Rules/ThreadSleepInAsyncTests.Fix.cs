using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class ThreadSleepInAsyncTests
{
    // ---- The fix --------------------------------------------------------------------------------------------

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

    // ---- Fix All --------------------------------------------------------------------------------------------

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

    // ---- Robustness: broken and half-typed code -------------------------------------------------------------

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
}
