using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace AsyncLessons.Tests.Rules;

/// <summary>
/// Every fixer, on every shape of its rule (the documents of <see cref="OnePassFixTests"/>), keeps the user's build
/// green and the file as it was: it follows the code's ConfigureAwait convention, keeps CRLF line endings, and keeps
/// a blank line and a comment before a fixed statement where they were.
/// </summary>
public class FixConventionsTests
{
    public static TheoryData<string> Rules() => OnePassFixTests.Rules();

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task CrlfDocument_StaysCrlf(string id)
    {
        var (analyzer, fixer, source) = OnePassFixTests.Cases[id];
        var crlf = source.Replace("\r\n", "\n").Replace("\n", "\r\n");
        var outcome = await DotnetFormatEmulation.RunAsync(analyzer, fixer, crlf, id, 0);
        Assert.NotEqual(crlf, outcome.Text);
        var lone = Regex.Matches(outcome.Text, "(?<!\r)\n").Count;
        Assert.True(lone == 0, $"{id}: {lone} LF line ending(s) written into a CRLF file:\n{outcome.Text.Replace("\r\n", "⏎\n")}");
        Assert.DoesNotContain("\r\r", outcome.Text);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task BlankLineAndCommentBeforeTheFixedStatement_StayBeforeIt(string id)
    {
        var (analyzer, fixer, source) = OnePassFixTests.Cases[id];
        var (_, diagnostics) = await DotnetFormatEmulation.DiagnosticsAsync(analyzer, source, id);
        var lines = source.Split('\n').ToList();
        var marked = diagnostics.Select(d => FlaggedStatementLine(id, d)).Distinct().OrderByDescending(l => l).ToArray();
        foreach (var line in marked)
        {
            var indentation = Regex.Match(lines[line], @"^\s*").Value;
            lines.Insert(line, indentation + "// note " + line);
            lines.Insert(line, string.Empty);
        }

        var annotated = string.Join("\n", lines);
        var outcome = await DotnetFormatEmulation.RunAsync(analyzer, fixer, annotated, id, 0);
        Assert.True(outcome.CompilerErrors.IsEmpty, string.Join("\n", outcome.CompilerErrors) + "\n" + outcome.Text);
        var fixedLines = outcome.Text.Split('\n');
        foreach (var line in marked)
        {
            Assert.True(Regex.Matches(outcome.Text, "// note " + line + @"\b").Count == 1, $"{id}: '// note {line}' is not written exactly once:\n{outcome.Text}");
            Assert.DoesNotMatch(@"(?m)^\s*await\s*(//.*)?\r?$", outcome.Text);
            var index = System.Array.FindIndex(fixedLines, l => l.Trim() == "// note " + line);
            Assert.True(index > 0, $"{id}: the comment '// note {line}' is gone:\n{outcome.Text}");
            // AL0001 starts the operations and awaits them together right above the first statement of the run, which
            // keeps its comment: the blank line stays above the whole group.
            var above = index - 1;
            while (id == "AL0001" && above > 0 && Regex.IsMatch(fixedLines[above], @"Task = |await Task\.WhenAll\("))
            {
                above--;
            }

            Assert.True(fixedLines[above].Trim().Length == 0, $"{id}: the blank line before '// note {line}' is gone:\n{outcome.Text}");
            Assert.True(index + 1 < fixedLines.Length && fixedLines[index + 1].Trim().Length > 0 && !fixedLines[index + 1].Trim().StartsWith("}", System.StringComparison.Ordinal), $"{id}: '// note {line}' no longer stands before a statement:\n{outcome.Text}");
        }
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task ConfiguredCode_WithCA2007AsError_EveryAwaitTheFixWritesIsConfigured(string id)
    {
        var (analyzer, fixer, source) = OnePassFixTests.Cases[id];
        var configured = await ConfigureEveryAwaitAsync(source);
        var outcome = await DotnetFormatEmulation.RunAsync(analyzer, fixer, configured, id, 0, "dotnet_diagnostic.CA2007.severity = error\n");
        Assert.True(outcome.CompilerErrors.IsEmpty, string.Join("\n", outcome.CompilerErrors) + "\n" + outcome.Text);
        Assert.NotEqual(configured, outcome.Text);
        var unconfigured = await UnconfiguredAwaitsAsync(outcome.Text);
        Assert.True(unconfigured.Count == 0, $"{id}: not configured: {string.Join(", ", unconfigured)}\n{outcome.Text}");
    }

    // The documents whose own awaits can be configured: the evidence this test reads. (The others have only
    // `await Task.Yield()`, which takes no ConfigureAwait; the CA2007 and option tests cover them.)
    [Theory]
    [InlineData("AL0001")]
    [InlineData("AL0006")]
    [InlineData("AL0007")]
    [InlineData("AL0008")]
    public async Task ConfiguredCode_WithoutAnyOption_TheOtherAwaitsDecide(string id)
    {
        var (analyzer, fixer, source) = OnePassFixTests.Cases[id];
        var configured = await ConfigureEveryAwaitAsync(source);
        Assert.Contains("ConfigureAwait(false)", configured, System.StringComparison.Ordinal);

        var outcome = await DotnetFormatEmulation.RunAsync(analyzer, fixer, configured, id, 0);
        var unconfigured = await UnconfiguredAwaitsAsync(outcome.Text);
        Assert.True(unconfigured.Count == 0, $"{id}: not configured: {string.Join(", ", unconfigured)}\n{outcome.Text}");
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task UnconfiguredCode_NoConfigureAwaitIsAdded(string id)
    {
        var (analyzer, fixer, source) = OnePassFixTests.Cases[id];
        var outcome = await DotnetFormatEmulation.RunAsync(analyzer, fixer, source, id, 0);
        Assert.DoesNotContain("ConfigureAwait", outcome.Text);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task OptionTrue_WinsOverCA2007(string id)
    {
        var (analyzer, fixer, source) = OnePassFixTests.Cases[id];
        var outcome = await DotnetFormatEmulation.RunAsync(analyzer, fixer, source, id, 0, "dotnet_diagnostic.CA2007.severity = error\nasync_lessons.configure_await = true\n");
        Assert.DoesNotContain("ConfigureAwait", outcome.Text);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task OptionFalse_ConfiguresTheNewAwaitsOfUnconfiguredCode(string id)
    {
        var (analyzer, fixer, source) = OnePassFixTests.Cases[id];
        var outcome = await DotnetFormatEmulation.RunAsync(analyzer, fixer, source, id, 0, "async_lessons.configure_await = false\n");
        Assert.True(outcome.CompilerErrors.IsEmpty, string.Join("\n", outcome.CompilerErrors) + "\n" + outcome.Text);
        var before = await UnconfiguredAwaitsAsync(source);
        var after = await UnconfiguredAwaitsAsync(outcome.Text);
        Assert.True(after.All(before.Contains), $"{id}: a new await is not configured: {string.Join(", ", after.Except(before))}\n{outcome.Text}");
    }

    /// <summary>
    /// The first line of the statement (or member) the fix rewrites for <paramref name="diagnostic"/>: the statement that
    /// holds it, the loop for AL0007 (reported on the await inside it), the declaration for AL0006's methods.
    /// </summary>
    private static int FlaggedStatementLine(string id, Diagnostic diagnostic)
    {
        var node = diagnostic.Location.SourceTree!.GetRoot().FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        SyntaxNode? flagged = id == "AL0007" ? node.FirstAncestorOrSelf<ForEachStatementSyntax>() : null;
        flagged ??= (SyntaxNode?)node.FirstAncestorOrSelf<StatementSyntax>() ?? node.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        return (flagged ?? node).GetLocation().GetLineSpan().StartLinePosition.Line;
    }

    /// <summary><paramref name="source"/> with <c>.ConfigureAwait(false)</c> on every await that can take it: code that follows the convention.</summary>
    private static async Task<string> ConfigureEveryAwaitAsync(string source)
    {
        var (model, root) = await CompileAsync(source);
        var awaits = Configurable(model, root).ToList();
        return root.ReplaceNodes(awaits, (_, current) => current switch
        {
            AwaitExpressionSyntax a => a.WithExpression(Configured(a.Expression)),
            ForEachStatementSyntax f => f.WithExpression(Configured(f.Expression)),
            _ => current,
        }).ToFullString();
    }

    /// <summary>The awaits of <paramref name="source"/> that could take <c>.ConfigureAwait(false)</c> and do not.</summary>
    private static async Task<List<string>> UnconfiguredAwaitsAsync(string source)
    {
        var (model, root) = await CompileAsync(source);
        return Configurable(model, root).Select(n => n.ToString().Split('\n')[0].Trim()).ToList();
    }

    private static IEnumerable<SyntaxNode> Configurable(SemanticModel model, SyntaxNode root)
    {
        foreach (var node in root.DescendantNodes())
        {
            var operand = node switch
            {
                AwaitExpressionSyntax a => a.Expression,
                ForEachStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword } f => f.Expression,
                _ => null,
            };
            if (operand is null || operand is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } })
            {
                continue;
            }

            var type = model.GetTypeInfo(operand).Type;
            if (type is not null && model.LookupSymbols(operand.SpanStart, type, "ConfigureAwait", includeReducedExtensionMethods: true).Any())
            {
                yield return node;
            }
        }
    }

    private static ExpressionSyntax Configured(ExpressionSyntax operand) =>
        SyntaxFactory.ParseExpression((operand is BinaryExpressionSyntax or ConditionalAccessExpressionSyntax ? "(" + operand.WithoutTrivia() + ")" : operand.WithoutTrivia().ToString()) + ".ConfigureAwait(false)")
            .WithTriviaFrom(operand);

    private static async Task<(SemanticModel Model, SyntaxNode Root)> CompileAsync(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create("Conventions", new[] { tree }, TestReferences.Net, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return (compilation.GetSemanticModel(tree), await tree.GetRootAsync());
    }
}
