using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Rules;

/// <summary>AL0004 where a comment says the blocking wait is intended: the diagnostic stays, the fix is withheld.</summary>
public partial class BlockingWaitTests
{
    /// <summary>The comment line(s) to put before the statement, if any, followed by the statement's indentation.</summary>
    private static string Above(string above) => above.Length == 0 ? string.Empty : above + "\n        ";

    /// <summary>A fix test whose fixed code still has diagnostics (marked up) that have no fix.</summary>
    private static Task VerifyPartialFix(string source, string fixedSource)
    {
        var test = new Verify.CodeFixTest<BlockingWaitAnalyzer, BlockingWaitCodeFix> { TestCode = source, FixedCode = fixedSource };
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        return test.RunAsync();
    }

    /// <summary><c>task.Wait()</c> in an async method, with <paramref name="above"/> on the line(s) before it and <paramref name="after"/> after it.</summary>
    private static string WaitWith(string above, string after = "") => $$"""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task task)
            {
                await Task.Yield();
                {{Above(above)}}[|task.Wait()|];{{after}}
            }
        }
        """;

    private static string AwaitWith(string above, string after = "") => $$"""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task task)
            {
                await Task.Yield();
                {{Above(above)}}await task;{{after}}
            }
        }
        """;

    [Theory]
    [InlineData("// ReSharper disable once AsyncConverter.AsyncWait")]
    [InlineData("// ReSharper disable once AsyncApostle.AsyncWait")]
    [InlineData("// ReSharper disable once AsyncApostle.AsyncWait -- the task is a cached, finished value")]
    [InlineData("// ReSharper disable once InconsistentNaming, AsyncConverter.AsyncWait")]
    [InlineData("// sync on purpose")]
    [InlineData("// Blocking on purpose: this runs before any SynchronizationContext exists.")]
    [InlineData("// Intentionally synchronous: the caller holds a native lock.")]
    [InlineData("// deliberately blocking")]
    [InlineData("// sync-over-async is safe here because the task never captures a context")]
    [InlineData("// blocking is fine here")]
    [InlineData("// must be synchronous")]
    [InlineData("// Safe to block: the task was started on the thread pool.")]
    [InlineData("/* synchronous by design */")]
    public Task IntentCommentAbove_DiagnosticWithoutFix(string comment) => VerifyNoFix(WaitWith(comment));

    [Fact]
    public Task ResharperCommentAboveAReasonLine_DiagnosticWithoutFix() => VerifyNoFix(WaitWith(
        "// ReSharper disable once AsyncConverter.AsyncWait\n        // WaitAsync would let the lock go before the flush ends."));

    [Fact]
    public Task IntentCommentAbovePragma_DiagnosticWithoutFix() => VerifyNoFix(WaitWith(
        "// sync on purpose\n#pragma warning disable CS0618"));

    [Theory]
    [InlineData(" // sync on purpose")]
    [InlineData(" // intentionally blocking: see the class remarks")]
    [InlineData(" /* blocking is acceptable here */")]
    public Task IntentCommentAtEndOfLine_DiagnosticWithoutFix(string comment) => VerifyNoFix(WaitWith(string.Empty, comment));

    [Theory]
    [InlineData("VSTHRD002")]
    [InlineData("VSTHRD103")]
    [InlineData("CA1849")]
    [InlineData("MA0042")]
    [InlineData("AsyncFixer02")]
    public Task PeerPragmaOfTheSameInspection_DiagnosticWithoutFix(string id) => VerifyNoFix($$"""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task task)
            {
                await Task.Yield();
        #pragma warning disable {{id}} // Avoid problematic synchronous waits
                [|task.Wait()|];
        #pragma warning restore {{id}}
            }
        }
        """);

    [Fact]
    public Task ResharperDisableRegion_DiagnosticWithoutFix() => VerifyNoFix("""
        using System.Threading.Tasks;

        // ReSharper disable AsyncApostle.AsyncWait

        class C
        {
            async Task<int> M(Task<int> task)
            {
                await Task.Yield();
                return [|task.Result|];
            }
        }
        """);

    [Fact]
    public Task IntentCommentAboveTheLineOfTheCall_InAMultiLineStatement_DiagnosticWithoutFix() => VerifyNoFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> task)
            {
                await Task.Yield();
                return Add(
                    1,
                    // ReSharper disable once AsyncConverter.AsyncWait
                    [|task.Result|]);
            }

            static int Add(int a, int b) => a + b;
        }
        """);

    [Fact]
    public Task IntentComment_InSynchronousMain_DiagnosticWithoutFix() => VerifyProgram("""
        using System.Threading.Tasks;

        class Program
        {
            static void Main()
            {
                // Blocking on purpose: the host has no async entry point.
                [|Task.Delay(1).Wait()|];
            }
        }
        """);

    // ---- Look-alikes: the fix is still offered -------------------------------------------------------------

    [Theory]
    [InlineData("// read it")]
    [InlineData("// async version below")]
    [InlineData("// TODO: make this async")]
    [InlineData("// wait for the sync job to finish")]
    [InlineData("// non-blocking on purpose")]
    [InlineData("// this intentionally avoids blocking")]
    [InlineData("// blocking calls must be avoided")]
    [InlineData("// blocking is not fine here")]
    [InlineData("// a thread-safe synchronous wrapper")]
    [InlineData("// the try block is intentionally small")]
    [InlineData("// ReSharper disable once UnusedVariable")]
    public Task LookAlikeCommentAbove_Fix(string comment) => VerifyFix(WaitWith(comment), AwaitWith(comment));

    [Fact]
    public Task PragmaOfAnotherWarning_Fix() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task task)
            {
                await Task.Yield();
        #pragma warning disable CS0618
                [|task.Wait()|];
        #pragma warning restore CS0618
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task task)
            {
                await Task.Yield();
        #pragma warning disable CS0618
                await task;
        #pragma warning restore CS0618
            }
        }
        """);

    [Fact]
    public Task IntentCommentTwoStatementsAway_Fix() => VerifyFix("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task task)
            {
                await Task.Yield();
                // sync on purpose
                Console.WriteLine();
                [|task.Wait()|];
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task task)
            {
                await Task.Yield();
                // sync on purpose
                Console.WriteLine();
                await task;
            }
        }
        """);

    [Fact]
    public Task IntentCommentSeparatedByABlankLine_Fix() => VerifyFix(WaitWith("// ReSharper disable once AsyncConverter.AsyncWait\n"), AwaitWith("// ReSharper disable once AsyncConverter.AsyncWait\n"));

    [Fact]
    public Task IntentCommentAtEndOfThePreviousStatement_Fix() => VerifyFix("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task task)
            {
                await Task.Yield();
                Console.WriteLine(); // sync on purpose
                [|task.Wait()|];
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task task)
            {
                await Task.Yield();
                Console.WriteLine(); // sync on purpose
                await task;
            }
        }
        """);

    [Fact]
    public Task ResharperDisableOnceAtEndOfLine_IsAboutTheNextLine_Fix() => VerifyFix(
        WaitWith(string.Empty, " // ReSharper disable once AsyncConverter.AsyncWait"),
        AwaitWith(string.Empty, " // ReSharper disable once AsyncConverter.AsyncWait"));

    [Fact]
    public Task IntentCommentAboveTheEnclosingBlockStatement_Fix() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task task, bool ready)
            {
                await Task.Yield();
                // sync on purpose
                if (ready)
                {
                    [|task.Wait()|];
                }
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task task, bool ready)
            {
                await Task.Yield();
                // sync on purpose
                if (ready)
                {
                    await task;
                }
            }
        }
        """);

    [Fact]
    public Task PeerPragmaRestoredBeforeTheCall_Fix() => VerifyPartialFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task task, Task<int> other)
            {
                await Task.Yield();
        #pragma warning disable VSTHRD002
                var value = [|other.Result|];
        #pragma warning restore VSTHRD002
                [|task.Wait()|];
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task task, Task<int> other)
            {
                await Task.Yield();
        #pragma warning disable VSTHRD002
                var value = [|other.Result|];
        #pragma warning restore VSTHRD002
                await task;
            }
        }
        """);

    [Fact]
    public Task ResharperRegionRestoredBeforeTheCall_Fix() => VerifyPartialFix("""
        using System.Threading.Tasks;

        class C
        {
            // ReSharper disable AsyncConverter.AsyncWait
            async Task<int> Old(Task<int> task)
            {
                await Task.Yield();
                return [|task.Result|];
            }
            // ReSharper restore AsyncConverter.AsyncWait

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
            // ReSharper disable AsyncConverter.AsyncWait
            async Task<int> Old(Task<int> task)
            {
                await Task.Yield();
                return [|task.Result|];
            }
            // ReSharper restore AsyncConverter.AsyncWait

            async Task M(Task task)
            {
                await Task.Yield();
                await task;
            }
        }
        """);
}
