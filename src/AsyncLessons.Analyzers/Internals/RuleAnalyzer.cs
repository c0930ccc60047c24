using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncLessons.Internals;

/// <summary>
/// What every AsyncLessons analyzer shares: one rule, concurrent execution, generated code skipped, and one
/// compilation-start action that resolves the rule's symbols once and registers its narrow callbacks (or nothing,
/// when the compilation lacks what the rule is about).
/// </summary>
public abstract class RuleAnalyzer : DiagnosticAnalyzer
{
    private protected RuleAnalyzer(DiagnosticDescriptor rule) => SupportedDiagnostics = ImmutableArray.Create(rule);

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    /// <summary>Resolves the rule's symbols for this compilation and registers its callbacks.</summary>
    private protected abstract void OnCompilationStart(CompilationStartAnalysisContext context);
}
