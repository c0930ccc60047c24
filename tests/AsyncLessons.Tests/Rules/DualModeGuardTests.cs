using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Rules;

/// <summary>
/// Dual-mode methods (<c>async ValueTask&lt;int&gt; Read(bool async, ...)</c>): the side of an <c>if (async)</c> guard that
/// does not await runs only for synchronous callers, so AL0002, AL0004 and AL0005 stay silent there. Each form of the
/// guard found in real libraries has a case; so has each look-alike that is not a guard.
/// </summary>
public class DualModeGuardTests
{
    private const string Header = """
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async ValueTask<int> M(bool async, Stream s, byte[] b, CancellationToken ct)
            {

        """;

    private const string Footer = """

            }
        }
        """;

    private static Task VerifySyncIO(string body, params DiagnosticResult[] expected) =>
        Verify.Analyzer<SyncIOInAsyncAnalyzer>(Header + body + Footer, expected);

    // ---- The forms of the guard: silent on the synchronous side ------------------------------------------------

    [Theory]
    [InlineData("if/else with blocks", "if (async) { await s.FlushAsync(ct); } else { s.Flush(); } return 0;")]
    [InlineData("if/else with single statements", "if (async) await s.FlushAsync(ct); else s.Flush(); return 0;")]
    [InlineData("negated guard, sync side first", "if (!async) s.Flush(); else await s.FlushAsync(ct); return 0;")]
    [InlineData("early exit of the sync side", "if (!async) { s.Flush(); return 0; } await s.FlushAsync(ct); return 1;")]
    [InlineData("early exit of the async side", "if (async) { await s.FlushAsync(ct); return 1; } s.Flush(); return 0;")]
    [InlineData("early exit by throw", "if (async) { await s.FlushAsync(ct); throw new InvalidOperationException(); } s.Flush(); return 0;")]
    [InlineData("ternary initializer", "var n = async ? await s.ReadAsync(b, 0, b.Length, ct) : s.Read(b, 0, b.Length); return n;")]
    [InlineData("ternary return", "return async ? await s.ReadAsync(b, 0, b.Length, ct) : s.Read(b, 0, b.Length);")]
    [InlineData("negated ternary", "return !async ? s.Read(b, 0, b.Length) : await s.ReadAsync(b, 0, b.Length, ct);")]
    [InlineData("ternary argument", "return Math.Max(0, async ? await s.ReadAsync(b, 0, b.Length, ct) : s.Read(b, 0, b.Length));")]
    [InlineData("ternary in a switch arm", "return b.Length switch { 0 => 0, _ => async ? await s.ReadAsync(b, 0, b.Length, ct) : s.Read(b, 0, b.Length) };")]
    [InlineData("ternary in a while condition", "var total = 0; while ((async ? await s.ReadAsync(b, 0, b.Length, ct) : s.Read(b, 0, b.Length)) > 0) total++; return total;")]
    [InlineData("pairs in try, catch and finally", "try { if (async) await s.FlushAsync(ct); else s.Flush(); } catch (IOException) { if (async) await s.FlushAsync(ct); else s.Flush(); } finally { if (async) await s.FlushAsync(ct); else s.Flush(); } return 0;")]
    [InlineData("comment between else and the call", "if (async)\n await s.FlushAsync(ct);\nelse\n // the synchronous API\n s.Flush();\nreturn 0;")]
    [InlineData("the awaited side calls another operation", "if (async) await s.WriteAsync(b, 0, b.Length, ct); else s.Flush(); return 0;")]
    [InlineData("guard captured by an async lambda", "Func<Task> f = async () => { if (async) await s.FlushAsync(ct); else s.Flush(); }; await f(); return 0;")]
    [InlineData("guard captured by an async local function", "return await Local(); async ValueTask<int> Local() { if (!async) { s.Flush(); return 0; } await s.FlushAsync(ct); return 1; }")]
    [InlineData("guard held in a local", "var isAsync = async; if (isAsync) await s.FlushAsync(ct); else s.Flush(); return 0;")]
    [InlineData("nested inside the sync side", "if (async) { await s.FlushAsync(ct); } else { if (b.Length > 0) { s.Flush(); } } return 0;")]
    [InlineData("using on the sync side", "if (async) { await using var f = File.Create(\"a\"); } else { using var f = File.Create(\"a\"); } return 0;")]
    public Task SyncSideOfGuard_AL0005_NoDiagnostic(string form, string body)
    {
        _ = form;
        return VerifySyncIO(body);
    }

    // ---- Look-alikes that are not guards: reported ------------------------------------------------------------

    [Theory]
    [InlineData("compound condition", "if (async && b.Length > 0) await s.FlushAsync(ct); else [|s.Flush()|]; return 0;")]
    [InlineData("the other side does not await", "if (async) Console.Beep(); else [|s.Flush()|]; await Task.Yield(); return 0;")]
    [InlineData("the sync side awaits too", "if (async) await s.FlushAsync(ct); else { await Task.Yield(); [|s.Flush()|]; } return 0;")]
    [InlineData("an if that does not exit before the call", "if (async) { await s.FlushAsync(ct); } [|s.Flush()|]; return 0;")]
    [InlineData("a condition that is not a bool variable", "if (b.Length > 0) await s.FlushAsync(ct); else [|s.Flush()|]; return 0;")]
    public Task NotAGuard_AL0005_Diagnostic(string form, string body)
    {
        _ = form;
        return VerifySyncIO(body);
    }

    [Fact]
    public Task OutsideTheBranches_OfDualModeFunction_DiagnosticWithoutFix() => Verify.CodeFix<SyncIOInAsyncAnalyzer, SyncIOInAsyncCodeFix>(
        Header + "if (async) await s.FlushAsync(ct); else s.Flush(); [|s.Flush()|]; return 0;" + Footer,
        Header + "if (async) await s.FlushAsync(ct); else s.Flush(); [|s.Flush()|]; return 0;" + Footer);

    // ---- The other rules that ask: AL0002 and AL0004 -----------------------------------------------------------

    [Fact]
    public Task SyncSideOfGuard_AL0004_NoDiagnostic() => Verify.Analyzer<BlockingWaitAnalyzer>("""
        using System.Threading.Tasks;

        class C
        {
            Task _sendTask = Task.CompletedTask;

            async ValueTask M(bool async)
            {
                if (async)
                    await _sendTask.ConfigureAwait(false);
                else
                    _sendTask.GetAwaiter().GetResult();

                var t = Task.FromResult(1);
                var n = async ? await t : t.Result;
                if (!async)
                {
                    _sendTask.Wait();
                    return;
                }

                await _sendTask;
            }
        }
        """);

    [Fact]
    public Task CompoundCondition_AL0004_Diagnostic() => Verify.Analyzer<BlockingWaitAnalyzer>("""
        using System.Threading.Tasks;

        class C
        {
            async ValueTask M(bool async, bool ready, Task sendTask)
            {
                if (async && ready)
                    await sendTask;
                else
                    [|sendTask.GetAwaiter().GetResult()|];
            }
        }
        """);

    [Fact]
    public Task SyncSideOfGuard_AL0002_NoDiagnostic() => Verify.Analyzer<ThreadSleepInAsyncAnalyzer>("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async ValueTask Pause(bool async, CancellationToken ct)
            {
                if (async)
                    await Task.Delay(10, ct);
                else
                    Thread.Sleep(10);
            }
        }
        """);

    [Fact]
    public Task NotAGuard_AL0002_Diagnostic() => Verify.Analyzer<ThreadSleepInAsyncAnalyzer>("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async ValueTask Pause(bool verbose, CancellationToken ct)
            {
                if (verbose)
                    System.Console.WriteLine("pausing");
                else
                    [|Thread.Sleep(10)|];
                await Task.Yield();
            }
        }
        """);

    // ---- Fix All never turns a guarded sync branch into an await ------------------------------------------------

    [Fact]
    public Task FixAll_LeavesTheGuardedSyncBranchAlone()
    {
        var test = new Verify.CodeFixTest<SyncIOInAsyncAnalyzer, SyncIOInAsyncCodeFix>
        {
            TestCode = """
                using System.IO;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async ValueTask Write(bool async, Stream s, byte[] b, CancellationToken ct)
                    {
                        if (async)
                            await s.WriteAsync(b, 0, b.Length, ct);
                        else
                            s.Write(b, 0, b.Length);
                    }

                    async Task Save(string path, string text)
                    {
                        await Task.Yield();
                        [|File.WriteAllText(path, text)|];
                        [|File.AppendAllText(path, text)|];
                    }
                }
                """,
            FixedCode = """
                using System.IO;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async ValueTask Write(bool async, Stream s, byte[] b, CancellationToken ct)
                    {
                        if (async)
                            await s.WriteAsync(b, 0, b.Length, ct);
                        else
                            s.Write(b, 0, b.Length);
                    }

                    async Task Save(string path, string text)
                    {
                        await Task.Yield();
                        await File.WriteAllTextAsync(path, text);
                        await File.AppendAllTextAsync(path, text);
                    }
                }
                """,
        };
        return test.RunAsync();
    }
}
