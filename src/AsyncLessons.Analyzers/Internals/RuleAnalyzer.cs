using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncLessons.Internals;

/// <summary>
/// What every AsyncLessons rule shares: one descriptor, concurrent execution, and one compilation-start action that
/// resolves the rule's symbols once and registers its narrow callbacks (or nothing, when the compilation lacks what
/// the rule is about). Generated code is skipped, except the code a user wrote in a Razor file (<c>.razor</c>,
/// <c>.cshtml</c>): the Razor generator copies it into generated C# under <c>#line</c> directives that map it back, and
/// the callbacks registered through <see cref="RegisterOperationAction"/> and <see cref="RegisterSymbolAction"/> see
/// only those mapped parts.
/// </summary>
public abstract class RuleAnalyzer : DiagnosticAnalyzer
{
    private protected RuleAnalyzer(DiagnosticDescriptor rule) => SupportedDiagnostics = ImmutableArray.Create(rule);

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(Start);
    }

    /// <summary>
    /// Starts the rule in a compilation, whether it runs as an analyzer of its own (in tests) or as one rule of
    /// <see cref="AsyncLessonsAnalyzer"/> (in a build). A rule turned off for every file (.editorconfig, a global
    /// config, AsyncLessonsMode=None, NoWarn) does no work at all in the compilation: no symbols resolved, no
    /// callbacks registered.
    /// </summary>
    internal void Start(CompilationStartAnalysisContext context)
    {
        if (!IsOffInEveryFile(context.Compilation, SupportedDiagnostics[0], context.CancellationToken))
        {
            OnCompilationStart(context);
        }
    }

    /// <summary>
    /// True when <paramref name="rule"/> cannot be reported anywhere in <paramref name="compilation"/>: suppressed by
    /// <c>NoWarn</c> (which no configuration file overrides), or set to <c>none</c> for every syntax tree by
    /// <c>.editorconfig</c> or a global config, or off by default and turned on nowhere. A setting the compiler
    /// reads elsewhere (a bulk <c>dotnet_analyzer_diagnostic</c> severity) is not looked at: the rule then does its
    /// work, as before, which is never wrong.
    /// </summary>
    internal static bool IsOffInEveryFile(Compilation compilation, DiagnosticDescriptor rule, System.Threading.CancellationToken cancellationToken)
    {
        var options = compilation.Options;
        var hasSpecific = options.SpecificDiagnosticOptions.TryGetValue(rule.Id, out var specific);
        if (hasSpecific && specific == ReportDiagnostic.Suppress)
        {
            return true;
        }

        var provider = options.SyntaxTreeOptionsProvider;
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (provider is not null
                && (provider.TryGetDiagnosticValue(tree, rule.Id, cancellationToken, out var severity)
                    || provider.TryGetGlobalDiagnosticValue(rule.Id, cancellationToken, out severity)))
            {
                if (severity != ReportDiagnostic.Suppress)
                {
                    return false;
                }
            }
            else if ((hasSpecific && specific != ReportDiagnostic.Default) || rule.IsEnabledByDefault)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Resolves the rule's symbols for this compilation and registers its callbacks.</summary>
    private protected abstract void OnCompilationStart(CompilationStartAnalysisContext context);

    /// <summary>
    /// The rule's per-compilation state, made at its first callback rather than at compilation start. Compilation
    /// start runs before the compiler has bound the compilation's references, so the first symbol asked for there
    /// is charged the binding of every referenced assembly (a quarter of a second in a cold compiler on a one-file
    /// project), work the compiler does anyway a moment later. Null when the compilation lacks what the rule needs:
    /// the callbacks then do nothing.
    /// </summary>
    private protected DeferredState<T> Deferred<T>(Compilation compilation, AnalyzerOptions options, Func<Compilation, AnalyzerOptions, T?> create)
        where T : class =>
        new(this, compilation, options, create);

    /// <summary>How many times this instance has made its per-compilation state (once per compilation at most; tests read it).</summary>
    internal int StatesMade => System.Threading.Volatile.Read(ref _statesMade);

    private int _statesMade;

    /// <summary>Registers <paramref name="action"/> on the deferred state of <paramref name="state"/>, which it runs once made.</summary>
    private protected static void RegisterOperationAction<T>(CompilationStartAnalysisContext context, DeferredState<T> state, Action<T, OperationAnalysisContext> action, params OperationKind[] kinds)
        where T : class =>
        RegisterOperationAction(context, state, mayReport: null, action, kinds);

    /// <summary>
    /// As above, for the operations that pass <paramref name="mayReport"/>: a cheap test, on the operation alone, that
    /// holds for every operation the rule can report (a method's name, an <c>async</c> modifier). Operations that fail
    /// it cost no more than the test, and a compilation where none passes never makes the state (nor compiles the
    /// code that makes it).
    /// </summary>
    private protected static void RegisterOperationAction<T>(CompilationStartAnalysisContext context, DeferredState<T> state, Func<IOperation, bool>? mayReport, Action<T, OperationAnalysisContext> action, params OperationKind[] kinds)
        where T : class =>
        context.RegisterOperationAction(new OperationCallback<T>(state, mayReport, action).Run, kinds);

    /// <summary>Registers <paramref name="action"/> on the deferred state of <paramref name="state"/>, which it runs once made.</summary>
    private protected static void RegisterSymbolAction<T>(CompilationStartAnalysisContext context, DeferredState<T> state, Action<T, SymbolAnalysisContext> action, params SymbolKind[] kinds)
        where T : class =>
        RegisterSymbolAction(context, state, mayReport: null, action, kinds);

    /// <summary>As <see cref="RegisterOperationAction{T}(CompilationStartAnalysisContext, DeferredState{T}, Func{IOperation, bool}?, Action{T, OperationAnalysisContext}, OperationKind[])"/>, for symbols.</summary>
    private protected static void RegisterSymbolAction<T>(CompilationStartAnalysisContext context, DeferredState<T> state, Func<ISymbol, bool>? mayReport, Action<T, SymbolAnalysisContext> action, params SymbolKind[] kinds)
        where T : class =>
        context.RegisterSymbolAction(new SymbolCallback<T>(state, mayReport, action).Run, kinds);

    /// <summary>
    /// A rule's state for one compilation (see <see cref="Deferred{T}"/>), made by the first callback that asks for
    /// it; after that, <see cref="Value"/> is one field read.
    /// </summary>
    private protected sealed class DeferredState<T>
        where T : class
    {
        private readonly object _gate = new();
        private RuleAnalyzer? _owner;
        private Compilation? _compilation;
        private AnalyzerOptions? _options;
        private Func<Compilation, AnalyzerOptions, T?>? _create;
        private T? _value;
        private volatile bool _made;

        public DeferredState(RuleAnalyzer owner, Compilation compilation, AnalyzerOptions options, Func<Compilation, AnalyzerOptions, T?> create)
        {
            _owner = owner;
            _compilation = compilation;
            _options = options;
            _create = create;
        }

        public T? Value => _made ? _value : Make();

        private T? Make()
        {
            lock (_gate)
            {
                if (!_made)
                {
                    System.Threading.Interlocked.Increment(ref _owner!._statesMade);
                    _value = _create!(_compilation!, _options!);
                    _made = true;
                    _owner = null;
                    _compilation = null;
                    _options = null;
                    _create = null;
                }

                return _value;
            }
        }
    }

    /// <summary>
    /// One registered operation callback: skips generated code (but not the user's code in Razor output), runs the
    /// cheap test, then the rule's action on its state. One object and one delegate per registration, so that each
    /// callback makes a single call into the rule.
    /// </summary>
    private sealed class OperationCallback<T>(DeferredState<T> state, Func<IOperation, bool>? mayReport, Action<T, OperationAnalysisContext> action)
        where T : class
    {
        public void Run(OperationAnalysisContext context)
        {
            var operation = context.Operation;
            if ((context.IsGeneratedCode && !RazorSource.IsUserWritten(operation.Syntax.SyntaxTree, operation.Syntax.Span))
                || (mayReport is not null && !mayReport(operation)))
            {
                return;
            }

            if (state.Value is { } analysis)
            {
                action(analysis, context);
            }
        }
    }

    /// <summary>As <see cref="OperationCallback{T}"/>, for symbols.</summary>
    private sealed class SymbolCallback<T>(DeferredState<T> state, Func<ISymbol, bool>? mayReport, Action<T, SymbolAnalysisContext> action)
        where T : class
    {
        public void Run(SymbolAnalysisContext context)
        {
            if ((context.IsGeneratedCode && !IsUserDeclared(context.Symbol)) || (mayReport is not null && !mayReport(context.Symbol)))
            {
                return;
            }

            if (state.Value is { } analysis)
            {
                action(analysis, context);
            }
        }
    }

    private static bool IsUserDeclared(ISymbol symbol)
    {
        foreach (var location in symbol.Locations)
        {
            if (location.SourceTree is { } tree && RazorSource.IsUserWritten(tree, location.SourceSpan))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The parts of Razor's generated C# that a user wrote: spans that a <c>#line</c> directive maps to a Razor file.</summary>
internal static class RazorSource
{
    public static bool IsUserWritten(SyntaxTree tree, Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        // Razor's output hides its scaffolding (#line hidden); a generated file without hidden regions has no user code.
        if (!tree.HasHiddenRegions())
        {
            return false;
        }

        var mapped = tree.GetMappedLineSpan(span);
        return mapped.HasMappedPath
            && (mapped.Path.EndsWith(".razor", StringComparison.OrdinalIgnoreCase) || mapped.Path.EndsWith(".cshtml", StringComparison.OrdinalIgnoreCase));
    }
}
