using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AsyncLessons.Tests.Infrastructure;

/// <summary>
/// What <c>dotnet format analyzers</c> does for one diagnostic id (read from its SolutionCodeFixApplier): it takes one
/// diagnostic (the first it meets, in an order of its own), registers that diagnostic's fixes, keeps the equivalence key
/// of the first action registered (none when the fixer declines it), asks the fixer's Fix All provider for the whole
/// solution with that key, and applies the action (it prints "didn't return a Fix All action" when there is none).
/// </summary>
internal static class DotnetFormatEmulation
{
    /// <summary>The outcome of one run: the fixed text, the Fix All action's key, and the rule's diagnostics before and after.</summary>
    public sealed record Outcome(string Text, bool ReturnedFixAllAction, ImmutableArray<Diagnostic> Before, ImmutableArray<Diagnostic> After, ImmutableArray<Diagnostic> CompilerErrors);

    /// <summary>The document made of <paramref name="source"/> and the rule's diagnostics on it, sorted by position.</summary>
    public static async Task<(Document Document, ImmutableArray<Diagnostic> Diagnostics)> DiagnosticsAsync(DiagnosticAnalyzer analyzer, string source, string id, string? editorConfig = null)
    {
        var (document, _) = Create(source, editorConfig);
        return (document, await AnalyzeAsync(document, analyzer, id));
    }

    /// <summary>The actions <paramref name="fixer"/> registers for <paramref name="diagnostic"/>, in order.</summary>
    public static async Task<List<CodeAction>> ActionsAsync(CodeFixProvider fixer, Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        return actions;
    }

    /// <summary>One run, started on the diagnostic at <paramref name="firstIndex"/> (by position) of <paramref name="id"/>.</summary>
    /// <param name="editorConfig">The lines of an <c>.editorconfig</c> section that applies to the document, if any.</param>
    public static async Task<Outcome> RunAsync(DiagnosticAnalyzer analyzer, CodeFixProvider fixer, string source, string id, int firstIndex, string? editorConfig = null)
    {
        var (document, _) = Create(source, editorConfig);
        var before = await AnalyzeAsync(document, analyzer, id);
        var first = before[firstIndex];

        CodeAction? registered = null;
        var context = new CodeFixContext(document, first, (action, _) => registered ??= action, CancellationToken.None);
        await fixer.RegisterCodeFixesAsync(context);

        var fixAllContext = new FixAllContext(
            document,
            fixer,
            FixAllScope.Solution,
            registered?.EquivalenceKey!,
            new[] { id },
            new Provider(before),
            CancellationToken.None);
        var fixAll = await fixer.GetFixAllProvider()!.GetFixAsync(fixAllContext);
        if (fixAll is null)
        {
            return new Outcome(source, false, before, before, ImmutableArray<Diagnostic>.Empty);
        }

        var operations = await fixAll.GetOperationsAsync(CancellationToken.None);
        var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        var fixedDocument = solution.GetDocument(document.Id)!;
        var text = (await fixedDocument.GetTextAsync()).ToString();
        var compilation = (await fixedDocument.Project.GetCompilationAsync())!;
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        return new Outcome(text, true, before, await AnalyzeAsync(fixedDocument, analyzer, id), errors);
    }

    private static (Document Document, Project Project) Create(string source, string? editorConfig = null)
    {
        var workspace = new AdhocWorkspace();
        var project = workspace.CurrentSolution
            .AddProject("Emulated", "Emulated", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable))
            .WithParseOptions(new CSharpParseOptions(LanguageVersion.Latest))
            .AddMetadataReferences(TestReferences.Net);
        if (editorConfig is not null)
        {
            project = project.AddAnalyzerConfigDocument(".editorconfig", SourceText.From("root = true\n\n[*.cs]\n" + editorConfig), filePath: "/emulated/.editorconfig").Project;
        }

        var document = project.AddDocument("Test.cs", SourceText.From(source), filePath: "/emulated/Test.cs");
        return (document, document.Project);
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Document document, DiagnosticAnalyzer analyzer, string id)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create(analyzer), document.Project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
        return diagnostics.Where(d => d.Id == id).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    private sealed class Provider : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public Provider(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
    }
}
