using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Rules;

/// <summary>AL0005 where a comment says the synchronous call or <c>using</c> is intended: the diagnostic stays, the fix is withheld.</summary>
public partial class SyncIOInAsyncTests
{
    /// <summary>The comment line(s) to put before the statement, if any, followed by the statement's indentation.</summary>
    private static string Above(string above) => above.Length == 0 ? string.Empty : above + "\n        ";

    /// <summary>A fix test whose fixed code still has diagnostics (marked up) that have no fix.</summary>
    private static Task VerifyPartialFix(string source, string fixedSource)
    {
        var test = new Verify.CodeFixTest<SyncIOInAsyncAnalyzer, SyncIOInAsyncCodeFix> { TestCode = source, FixedCode = fixedSource };
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        return test.RunAsync();
    }

    /// <summary><c>File.ReadAllText</c> in an async method, with <paramref name="above"/> on the line(s) before it and <paramref name="after"/> after it.</summary>
    private static string ReadWith(string above, string after = "") => $$"""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(string path)
            {
                await Task.Yield();
                {{Above(above)}}var text = [|File.ReadAllText(path)|];{{after}}
                return text;
            }
        }
        """;

    private static string ReadAsyncWith(string above, string after = "") => $$"""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(string path)
            {
                await Task.Yield();
                {{Above(above)}}var text = await File.ReadAllTextAsync(path);{{after}}
                return text;
            }
        }
        """;

    /// <summary><c>using var stream = File.Create(path);</c> in an async method, with <paramref name="above"/> before it and <paramref name="after"/> after it.</summary>
    private static string UsingWith(string above, string after = "") => $$"""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(string path)
            {
                {{Above(above)}}[|using|] var stream = File.Create(path);{{after}}
                stream.WriteByte(1);
                await Task.Yield();
            }
        }
        """;

    private static string AwaitUsingWith(string above, string after = "") => $$"""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(string path)
            {
                {{Above(above)}}await using var stream = File.Create(path);{{after}}
                stream.WriteByte(1);
                await Task.Yield();
            }
        }
        """;

    [Theory]
    [InlineData("// ReSharper disable once MethodHasAsyncOverload")]
    [InlineData("// ReSharper disable once MethodHasAsyncOverloadWithCancellation")]
    [InlineData("// ReSharper disable once MethodHasAsyncOverload -- the file is a few bytes, read once at start-up")]
    [InlineData("// sync on purpose")]
    [InlineData("// Sync on purpose: the settings are needed before the first request.")]
    [InlineData("// Intentionally synchronous: the async overload buffers the whole file twice.")]
    [InlineData("// deliberately blocking")]
    [InlineData("// synchronous read is fine here, the file is tiny")]
    [InlineData("// must stay synchronous")]
    [InlineData("/* synchronous by design */")]
    public Task IntentCommentAbove_DiagnosticWithoutFix(string comment) => VerifyNoFix(ReadWith(comment));

    [Fact]
    public Task ResharperCommentAboveAReasonLine_DiagnosticWithoutFix() => VerifyNoFix(ReadWith(
        "// ReSharper disable once MethodHasAsyncOverload\n        // ReadAllTextAsync is slower for files this small."));

    [Theory]
    [InlineData(" // sync on purpose")]
    [InlineData(" // intentionally synchronous")]
    public Task IntentCommentAtEndOfLine_DiagnosticWithoutFix(string comment) => VerifyNoFix(ReadWith(string.Empty, comment));

    [Theory]
    [InlineData("VSTHRD103")]
    [InlineData("CA1849")]
    [InlineData("MA0042")]
    [InlineData("AsyncFixer02")]
    public Task PeerPragmaOfTheSameInspection_DiagnosticWithoutFix(string id) => VerifyNoFix($$"""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(string path)
            {
                await Task.Yield();
        #pragma warning disable {{id}} // Call async methods when in an async method
                var text = [|File.ReadAllText(path)|];
        #pragma warning restore {{id}}
                return text;
            }
        }
        """);

    [Fact]
    public Task ResharperDisableRegion_DiagnosticWithoutFix() => VerifyNoFix("""
        using System.IO;
        using System.Threading.Tasks;

        // ReSharper disable MethodHasAsyncOverload

        class C
        {
            async Task<string> M(string path)
            {
                await Task.Yield();
                return [|File.ReadAllText(path)|];
            }
        }
        """);

    [Theory]
    [InlineData("// ReSharper disable once UseAwaitUsing")]
    [InlineData("// sync on purpose: the stream is closed before the upload starts")]
    [InlineData("#pragma warning disable RCS1261 // Resource can be disposed asynchronously")]
    [InlineData("#pragma warning disable MA0042 // Prefer using 'await using'")]
    public Task UsingWithIntentCommentAbove_DiagnosticWithoutFix(string comment) => VerifyNoFix(UsingWith(comment));

    [Fact]
    public Task UsingWithIntentCommentAtEndOfLine_DiagnosticWithoutFix() => VerifyNoFix(UsingWith(string.Empty, " // disposed synchronously on purpose"));

    [Fact]
    public Task UsingStatementWithIntentCommentAtEndOfItsHead_DiagnosticWithoutFix() => VerifyNoFix("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(string path)
            {
                [|using|] (var writer = new StreamWriter(path)) // sync on purpose
                {
                    await writer.WriteAsync("a");
                }
            }
        }
        """);

    // ---- Look-alikes: the fix is still offered -------------------------------------------------------------

    [Theory]
    [InlineData("// read it")]
    [InlineData("// async version below")]
    [InlineData("// must sync the settings first")]
    [InlineData("// non-blocking on purpose")]
    [InlineData("// blocking calls must be avoided")]
    [InlineData("// ReSharper disable once AsyncConverter.AsyncWait")]
    [InlineData("// ReSharper disable once UseAwaitUsing")]
    public Task LookAlikeCommentAbove_Fix(string comment) => VerifyFix(ReadWith(comment), ReadAsyncWith(comment));

    [Theory]
    [InlineData("// open it")]
    [InlineData("// ReSharper disable once MethodHasAsyncOverload")]
    public Task UsingWithLookAlikeCommentAbove_Fix(string comment) => VerifyFix(UsingWith(comment), AwaitUsingWith(comment));

    [Fact]
    public Task PragmaOfAWaitsOnlyInspection_Fix() => VerifyFix("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(string path)
            {
                await Task.Yield();
        #pragma warning disable VSTHRD002
                return [|File.ReadAllText(path)|];
        #pragma warning restore VSTHRD002
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(string path)
            {
                await Task.Yield();
        #pragma warning disable VSTHRD002
                return await File.ReadAllTextAsync(path);
        #pragma warning restore VSTHRD002
            }
        }
        """);

    [Fact]
    public Task UsingUnderAPragmaForCalls_Fix() => VerifyFix("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(string path)
            {
        #pragma warning disable CA1849
                [|using|] var stream = File.Create(path);
                stream.WriteByte(1);
                await Task.Yield();
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(string path)
            {
        #pragma warning disable CA1849
                await using var stream = File.Create(path);
                stream.WriteByte(1);
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task IntentCommentTwoStatementsAway_Fix() => VerifyFix("""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(string path)
            {
                await Task.Yield();
                // ReSharper disable once MethodHasAsyncOverload
                Console.WriteLine(path);
                return [|File.ReadAllText(path)|];
            }
        }
        """, """
        using System;
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(string path)
            {
                await Task.Yield();
                // ReSharper disable once MethodHasAsyncOverload
                Console.WriteLine(path);
                return await File.ReadAllTextAsync(path);
            }
        }
        """);

    [Fact]
    public Task IntentCommentAboutAnotherStatement_Fix() => VerifyFix("""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(string path)
            {
                await Task.Yield();
                Console.WriteLine(path); // sync on purpose
                return [|File.ReadAllText(path)|];
            }
        }
        """, """
        using System;
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(string path)
            {
                await Task.Yield();
                Console.WriteLine(path); // sync on purpose
                return await File.ReadAllTextAsync(path);
            }
        }
        """);

    [Fact]
    public Task IntentCommentSeparatedByABlankLine_Fix() => VerifyFix(ReadWith("// sync on purpose\n"), ReadAsyncWith("// sync on purpose\n"));

    [Fact]
    public Task PeerPragmaRestoredBeforeTheCall_Fix() => VerifyPartialFix("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(string path)
            {
                await Task.Yield();
        #pragma warning disable CA1849
                var first = [|File.ReadAllText(path)|];
        #pragma warning restore CA1849
                return first + [|File.ReadAllText(path)|];
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(string path)
            {
                await Task.Yield();
        #pragma warning disable CA1849
                var first = [|File.ReadAllText(path)|];
        #pragma warning restore CA1849
                return first + await File.ReadAllTextAsync(path);
            }
        }
        """);
}
