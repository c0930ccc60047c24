using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Xunit;

namespace AsyncLessons.Tests.Rules;

/// <summary>
/// <c>using</c> → <c>await using</c> in code whose awaits are configured: the configured disposable is awaited, so
/// that CA2007 is satisfied and the variable keeps its type.
/// </summary>
public partial class SyncIOInAsyncTests
{
    private const string CA2007AsError = "dotnet_diagnostic.CA2007.severity = error";

    private static Task VerifyConfiguredFix(string source, string fixedSource)
    {
        var test = new Verify.CodeFixTest<SyncIOInAsyncAnalyzer, SyncIOInAsyncCodeFix> { TestCode = source, FixedCode = fixedSource };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + CA2007AsError + "\n"));
        test.FixedState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + CA2007AsError + "\n"));
        return test.RunAsync();
    }

    [Fact]
    public Task ConfiguredCode_UsingDeclaration_AwaitsTheConfiguredDisposable() => VerifyConfiguredFix("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Stream stream)
            {
                // Write the header.
                {|AL0005:using|} var writer = new StreamWriter(stream);
                await writer.WriteAsync("header").ConfigureAwait(false);
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Stream stream)
            {
                // Write the header.
                var writer = new StreamWriter(stream);
                await using var writerDisposal = writer.ConfigureAwait(false);
                await writer.WriteAsync("header").ConfigureAwait(false);
            }
        }
        """);

    [Fact]
    public Task ConfiguredCode_UsingStatement_AwaitsTheConfiguredDisposable() => VerifyConfiguredFix("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Stream stream)
            {
                {|AL0005:using|} (var writer = new StreamWriter(stream))
                {
                    await writer.WriteAsync("header").ConfigureAwait(false);
                }
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Stream stream)
            {
                var writer = new StreamWriter(stream);
                await using (writer.ConfigureAwait(false))
                {
                    await writer.WriteAsync("header").ConfigureAwait(false);
                }
            }
        }
        """);

    [Fact]
    public Task ConfiguredCode_UsingStatementWhoseNameIsUsedAfterIt_NoFix()
    {
        const string Source = """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                private string writer = "field";

                async Task<string> M(Stream stream)
                {
                    {|AL0005:using|} (var writer = new StreamWriter(stream))
                    {
                        await writer.WriteAsync("header").ConfigureAwait(false);
                    }

                    return writer;
                }
            }
            """;
        return VerifyConfiguredFix(Source, Source);
    }

    [Fact]
    public Task UnconfiguredCode_UsingDeclaration_PlainAwaitUsing() => VerifyFix("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Stream stream)
            {
                {|AL0005:using|} var writer = new StreamWriter(stream);
                await writer.WriteAsync("header");
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Stream stream)
            {
                await using var writer = new StreamWriter(stream);
                await writer.WriteAsync("header");
            }
        }
        """);
}
