using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using AsyncLessons.Corpus;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AsyncLessons.Tests.Robustness;

/// <summary>
/// What the robustness tests share: the sources they start from, compilations against the installed reference set,
/// running every AsyncLessons analyzer (found by reflection) and every code fix provider on the result.
/// </summary>
internal static class RobustnessHarness
{
    public const string Category = "Robustness";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = RuleCatalogTests.Analyzers.ToImmutableArray();

    public static IReadOnlyList<CodeFixProvider> CodeFixes => RuleCatalogTests.CodeFixes;

    private static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        concurrentBuild: false);

    private static readonly Lazy<CSharpCompilation> LazyEmpty = new(() =>
        CSharpCompilation.Create("Robustness", references: TestReferences.Net, options: CompilationOptions));

    /// <summary>An empty compilation with the full reference set; derived compilations share its loaded references.</summary>
    public static CSharpCompilation Empty => LazyEmpty.Value;

    /// <summary>The generated corpus the fix-safety, determinism and cancellation tests run on (one module per rule).</summary>
    public static IReadOnlyList<CorpusFile> Corpus { get; } = AsyncCorpus.Generate(modules: AsyncCorpus.MistakeRuleIds.Count);

    private static readonly Lazy<IReadOnlyList<(string Name, string Text)>> LazySeeds = new(LoadSeeds);

    /// <summary>
    /// The sources torture starts from: every C# file of the samples, every raw string literal of the rule tests
    /// (markup removed), and a few modules of the generated corpus.
    /// </summary>
    public static IReadOnlyList<(string Name, string Text)> Seeds => LazySeeds.Value;

    public static SyntaxTree Parse(string text, string path = "Test.cs") =>
        CSharpSyntaxTree.ParseText(SourceText.From(text, System.Text.Encoding.UTF8), ParseOptions, path);

    public static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees) => Empty.AddSyntaxTrees(trees);

    public static CSharpCompilation CompileCorpus() =>
        Compile(Corpus.Select(f => Parse(f.Text, f.Name)));

    /// <summary>The analyzers' diagnostics; analyzer exceptions are collected in <paramref name="exceptions"/>, never swallowed.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(
        Compilation compilation,
        ConcurrentBag<string> exceptions,
        bool concurrent = false,
        ImmutableArray<DiagnosticAnalyzer>? analyzers = null,
        CancellationToken cancellationToken = default)
    {
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, diagnostic) => exceptions.Add($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: concurrent,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(analyzers ?? Analyzers, options)
            .GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Id is "AD0001" or "AD0002")
            {
                exceptions.Add(diagnostic.ToString());
            }
        }

        return diagnostics;
    }

    /// <summary>A one-project solution holding <paramref name="sources"/>, compiled against the installed reference set.</summary>
    public static Project CreateProject(IEnumerable<(string Name, string Text)> sources, IEnumerable<MetadataReference>? references = null)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Robustness", "Robustness", LanguageNames.CSharp,
                compilationOptions: CompilationOptions, parseOptions: ParseOptions, metadataReferences: references ?? TestReferences.Net));
        foreach (var (name, text) in sources)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), name, SourceText.From(text, System.Text.Encoding.UTF8));
        }

        return solution.GetProject(projectId)!;
    }

    /// <summary>The fixers that handle <paramref name="id"/>.</summary>
    public static IEnumerable<CodeFixProvider> FixersFor(string id) =>
        CodeFixes.Where(f => f.FixableDiagnosticIds.Contains(id));

    /// <summary>The ids any AsyncLessons fixer handles (its own rules and compiler ids such as CS4014).</summary>
    public static ImmutableHashSet<string> FixableIds { get; } = RuleCatalogTests.CodeFixes.SelectMany(f => f.FixableDiagnosticIds).ToImmutableHashSet();

    /// <summary>The code actions <paramref name="fixer"/> registers for <paramref name="diagnostic"/> (nested actions flattened).</summary>
    public static async Task<IReadOnlyList<CodeAction>> GetActionsAsync(CodeFixProvider fixer, Document document, Diagnostic diagnostic, CancellationToken cancellationToken = default)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
        await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
        return actions.SelectMany(Flatten).ToList();
    }

    /// <summary>The solution <paramref name="action"/> produces (every changed document's text is computed).</summary>
    public static async Task<Solution?> ApplyAsync(CodeAction action, Solution solution, CancellationToken cancellationToken = default)
    {
        Solution? changed = null;
        foreach (var operation in await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (operation is ApplyChangesOperation apply)
            {
                changed = apply.ChangedSolution;
            }
        }

        if (changed is null)
        {
            return null;
        }

        foreach (var projectChanges in changed.GetChanges(solution).GetProjectChanges())
        {
            foreach (var documentId in projectChanges.GetChangedDocuments())
            {
                await changed.GetDocument(documentId)!.GetTextAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return changed;
    }

    /// <summary>
    /// The compiler errors of <paramref name="project"/>, as "file: id: message" (locations move when code is edited).
    /// With <paramref name="onlyDocuments"/>, method bodies are bound only in those documents (declarations everywhere):
    /// much cheaper, for a fix that changed only them.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ErrorsAsync(Project project, IReadOnlyCollection<DocumentId>? onlyDocuments = null)
    {
        var compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
        IEnumerable<Diagnostic> diagnostics;
        if (onlyDocuments is null)
        {
            diagnostics = compilation.GetDiagnostics();
        }
        else
        {
            var list = new List<Diagnostic>(compilation.GetDeclarationDiagnostics());
            foreach (var id in onlyDocuments)
            {
                var tree = await project.GetDocument(id)!.GetSyntaxTreeAsync().ConfigureAwait(false);
                list.AddRange(compilation.GetSemanticModel(tree!).GetDiagnostics());
            }

            diagnostics = list;
        }

        return diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{d.Location.SourceTree?.FilePath}: {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .Distinct()
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The documents <paramref name="changed"/> changed or added compared with <paramref name="original"/>.</summary>
    public static IReadOnlyCollection<DocumentId> ChangedDocuments(Solution changed, Solution original) =>
        changed.GetChanges(original).GetProjectChanges()
            .SelectMany(p => p.GetChangedDocuments().Concat(p.GetAddedDocuments()))
            .ToList();

    /// <summary>A diagnostic as one comparable line: id, file, span, message and properties.</summary>
    public static string Describe(Diagnostic diagnostic) =>
        $"{diagnostic.Id} {diagnostic.Location.SourceTree?.FilePath}{diagnostic.Location.SourceSpan} {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} "
        + string.Join(",", diagnostic.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));

    /// <summary>Serves fixed diagnostics to a Fix All context.</summary>
    public sealed class FixedDiagnosticProvider : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public FixedDiagnosticProvider(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            return _diagnostics.Where(d => d.Location.SourceTree == tree);
        }

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics.Where(d => !d.Location.IsInSource));

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
    }

    /// <summary>
    /// Roslyn 4.8 keeps a group's nested actions non-public (<c>NestedCodeActions</c>); read them by reflection so a
    /// fixer that offers a group has every choice tested.
    /// </summary>
    private static IEnumerable<CodeAction> Flatten(CodeAction action)
    {
        var property = action.GetType().GetProperty("NestedActions", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            ?? action.GetType().GetProperty("NestedCodeActions", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        return property?.GetValue(action) is ImmutableArray<CodeAction> { IsDefaultOrEmpty: false } nested
            ? nested.SelectMany(Flatten)
            : new[] { action };
    }

    private static IReadOnlyList<(string Name, string Text)> LoadSeeds()
    {
        var seeds = new List<(string Name, string Text)>();
        var separator = Path.DirectorySeparatorChar;
        foreach (var file in Directory.GetFiles(RepositoryPaths.Combine("samples"), "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            if (!file.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !file.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
            {
                seeds.Add((Path.GetRelativePath(RepositoryPaths.Root, file), File.ReadAllText(file)));
            }
        }

        foreach (var file in Directory.GetFiles(RepositoryPaths.Combine("tests", "AsyncLessons.Tests", "Rules"), "*.cs").OrderBy(f => f, StringComparer.Ordinal))
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
            var index = 0;
            foreach (var token in root.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) && token.ValueText.Contains(';', StringComparison.Ordinal))
                {
                    seeds.Add(($"{Path.GetFileNameWithoutExtension(file)}#{index++}", RemoveMarkup(token.ValueText)));
                }
            }
        }

        foreach (var file in Corpus.Take(3))
        {
            seeds.Add(("corpus/" + file.Name, file.Text));
        }

        return seeds;
    }

    /// <summary>Removes the verifier markup (<c>[|</c>, <c>|]</c>, <c>{|ID:</c>, <c>|}</c>, <c>$$</c>) from a test source.</summary>
    public static string RemoveMarkup(string source)
    {
        var text = Regex.Replace(source, @"\{\|[^:|{}\s]*:", string.Empty);
        return text.Replace("|}", string.Empty, StringComparison.Ordinal)
            .Replace("[|", string.Empty, StringComparison.Ordinal)
            .Replace("|]", string.Empty, StringComparison.Ordinal)
            .Replace("$$", string.Empty, StringComparison.Ordinal);
    }
}
