using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncLessons.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLessons.Rules;

/// <summary>
/// AL0005: a synchronous call inside async code when the same type offers an async counterpart
/// (<c>File.ReadAllText</c> → <c>await File.ReadAllTextAsync</c>), and <c>using</c> over an <c>IAsyncDisposable</c>
/// resource (→ <c>await using</c>). The <c>aiofiles</c> lesson: in async code, I/O goes through the async API.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SyncIOInAsyncAnalyzer : RuleAnalyzer
{
    /// <summary>The .editorconfig option listing methods never to report (doc-comment ids, <c>Type.Method</c> or <c>Namespace.Type.Method</c>).</summary>
    public const string ExcludedMethodsOption = "async_lessons.AL0005.excluded_methods";

    /// <summary>The .editorconfig option listing in-memory types (full metadata names) whose async methods only add overhead.</summary>
    public const string InMemoryTypesOption = "async_lessons.AL0005.in_memory_types";

    /// <summary>The default in-memory types.</summary>
    public const string DefaultInMemoryTypes = "System.IO.MemoryStream, System.IO.StringReader, System.IO.StringWriter";

    public static readonly DiagnosticDescriptor Rule = new(
        id: RuleIds.SyncIOInAsync,
        title: "Use the async counterpart of synchronous I/O in async code",
        messageFormat: "'{0}' blocks the thread inside async code; use '{1}' instead",
        category: RuleIds.PerformanceCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A synchronous I/O call holds the thread until the operating system answers. Inside async code, call the async counterpart that the same type offers and await it, so the thread serves other work while the I/O is in flight. Likewise, 'using' over an IAsyncDisposable resource disposes (flushes, closes) synchronously; 'await using' calls DisposeAsync.",
        helpLinkUri: RuleIds.HelpLink(RuleIds.SyncIOInAsync));

    public SyncIOInAsyncAnalyzer()
        : base(Rule)
    {
    }

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var types = KnownTypes.Get(context.Compilation);
        if (types.Task is null || types.TaskOfT is null)
        {
            return;
        }

        var analysis = new Analysis(context.Compilation, types);
        context.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
        if (types.AsyncDisposable is not null)
        {
            context.RegisterOperationAction(analysis.AnalyzeUsing, OperationKind.Using, OperationKind.UsingDeclaration);
        }
    }

    private sealed class Analysis
    {
        private readonly Compilation _compilation;
        private readonly KnownTypes _types;
        private readonly AsyncCounterparts _counterparts;
        private readonly ConcurrentDictionary<string, ImmutableHashSet<string>> _excludedMethods = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, ImmutableArray<INamedTypeSymbol>> _inMemoryTypes = new(StringComparer.Ordinal);

        /// <summary>Its <c>Cancel</c> runs the registered callbacks, no I/O; <c>CancelAsync</c> only moves them off the thread.</summary>
        private readonly INamedTypeSymbol? _cancellationTokenSource;

        /// <summary>Stream, TextReader, TextWriter, BinaryReader and BinaryWriter: what wraps an in-memory buffer and stays in memory.</summary>
        private readonly ImmutableArray<INamedTypeSymbol> _ioWrappers;

        /// <summary>Disposing these asynchronously means something else (Timer.DisposeAsync waits for callbacks), so <c>using</c> stays.</summary>
        private readonly ImmutableArray<INamedTypeSymbol> _notForAwaitUsing;

        public Analysis(Compilation compilation, KnownTypes types)
        {
            _compilation = compilation;
            _types = types;
            _counterparts = AsyncCounterparts.Get(compilation);
            var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            foreach (var name in new[] { "System.Threading.Timer", "System.Threading.ITimer", "System.Threading.CancellationTokenRegistration" })
            {
                if (compilation.GetTypeByMetadataName(name) is { } type)
                {
                    builder.Add(type);
                }
            }

            _notForAwaitUsing = builder.ToImmutable();
            builder.Clear();
            foreach (var name in new[] { "System.IO.Stream", "System.IO.TextReader", "System.IO.TextWriter", "System.IO.BinaryReader", "System.IO.BinaryWriter" })
            {
                if (compilation.GetTypeByMetadataName(name) is { } type)
                {
                    builder.Add(type);
                }
            }

            _ioWrappers = builder.ToImmutable();
            _cancellationTokenSource = compilation.GetTypeByMetadataName("System.Threading.CancellationTokenSource");
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (method.ReturnsVoid is false && _types.IsTaskLike(method.ReturnType))
            {
                return;
            }

            if (_counterparts.Find(method) is not { } counterpart)
            {
                return;
            }

            var asyncContext = AsyncContext.Of(invocation, context.ContainingSymbol);
            if (!asyncContext.IsAsync
                || asyncContext.Function?.Name == counterpart.Name
                || context.ContainingSymbol.Name == counterpart.Name
                || IsCounterpartItself(context.ContainingSymbol, counterpart)
                || !IsAccessible(counterpart, context.ContainingSymbol)
                || IsInMemory(invocation.Instance, context)
                || (invocation.Instance is null && StreamArgumentsAreInMemory(invocation, context))
                || SymbolEqualityComparer.Default.Equals(method.ContainingType, _cancellationTokenSource)
                || (counterpart.Name == "DisposeAsync" && invocation.Instance?.Type is { } disposed && DerivesFromAny(disposed, _notForAwaitUsing))
                || IsExcludedByOption(method, context))
            {
                return;
            }

            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties.Add(DiagnosticProperties.AsyncMethodName, counterpart.Name);
            var token = _types.CancellationToken is null ? null : asyncContext.FindCancellationTokenParameter(_types.CancellationToken, context.ContainingSymbol);
            if (asyncContext.InsideLock)
            {
                properties.Add(DiagnosticProperties.NoFix, "lock");
            }
            else if (invocation.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax or IdentifierNameSyntax or GenericNameSyntax })
            {
                properties.Add(DiagnosticProperties.NoFix, "form");
            }

            if (counterpart.WithToken is { } withToken && (token is not null || counterpart.Exact is null))
            {
                var tokenParameter = withToken.Parameters[withToken.Parameters.Length - 1];
                properties.Add(DiagnosticProperties.CancellationTokenParameterName, tokenParameter.Name);
                if (token is not null)
                {
                    properties.Add(DiagnosticProperties.CancellationTokenName, token.Name);
                }
                else if (!tokenParameter.IsOptional)
                {
                    properties.Add(DiagnosticProperties.PassNoneToken, "true");
                }
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Rule,
                invocation.Syntax.GetLocation(),
                properties.ToImmutable(),
                Display(method),
                "await " + Display(method.ContainingType, counterpart.Name)));
        }

        public void AnalyzeUsing(OperationAnalysisContext context)
        {
            IOperation? resources;
            SyntaxToken usingKeyword;
            switch (context.Operation)
            {
                case IUsingOperation { IsAsynchronous: false, Syntax: UsingStatementSyntax statement } usingOperation:
                    resources = usingOperation.Resources;
                    usingKeyword = statement.UsingKeyword;
                    break;
                case IUsingDeclarationOperation { IsAsynchronous: false, Syntax: LocalDeclarationStatementSyntax declaration } usingDeclaration:
                    resources = usingDeclaration.DeclarationGroup;
                    usingKeyword = declaration.UsingKeyword;
                    break;
                default:
                    return;
            }

            var asyncContext = AsyncContext.Of(context.Operation, context.ContainingSymbol);
            if (!asyncContext.IsAsync || resources is null)
            {
                return;
            }

            var resourceTypes = new List<ITypeSymbol>();
            if (resources is IVariableDeclarationGroupOperation group)
            {
                foreach (var declaration in group.Declarations)
                {
                    foreach (var declarator in declaration.Declarators)
                    {
                        resourceTypes.Add(declarator.Symbol.Type);
                    }
                }
            }
            else if (Unwrap(resources).Type is { } expressionType)
            {
                resourceTypes.Add(expressionType);
            }

            var anyNotInMemory = false;
            foreach (var type in resourceTypes)
            {
                if (!IsAsyncDisposable(type) || DerivesFromAny(type, _notForAwaitUsing))
                {
                    return;
                }

                anyNotInMemory |= !DerivesFromAny(type, InMemoryTypes(context.Operation.Syntax.SyntaxTree, context.Options));
            }

            if (!anyNotInMemory)
            {
                return;
            }

            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            if (asyncContext.InsideLock)
            {
                properties.Add(DiagnosticProperties.NoFix, "lock");
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Rule,
                usingKeyword.GetLocation(),
                properties.ToImmutable(),
                "using",
                "await using"));
        }

        private static IOperation Unwrap(IOperation operation)
        {
            while (operation is IConversionOperation { IsImplicit: true } conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        private bool IsAsyncDisposable(ITypeSymbol type)
        {
            if (SymbolEqualityComparer.Default.Equals(type, _types.AsyncDisposable))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented, _types.AsyncDisposable))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Inside <c>override async Task&lt;int&gt; ReadAsync(...)</c>, calling <c>Read</c> is the implementation, not a mistake.</summary>
        private static bool IsCounterpartItself(ISymbol containingSymbol, Counterpart counterpart)
        {
            if (containingSymbol is not IMethodSymbol containing)
            {
                return false;
            }

            for (var overridden = containing.OriginalDefinition; overridden is not null; overridden = overridden.OverriddenMethod)
            {
                foreach (var candidate in counterpart.All)
                {
                    if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, candidate.OriginalDefinition))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private bool IsAccessible(Counterpart counterpart, ISymbol containingSymbol)
        {
            ISymbol within = (ISymbol?)containingSymbol.ContainingType ?? _compilation.Assembly;
            foreach (var candidate in counterpart.All)
            {
                // Public members of public types (nearly every counterpart: File, Stream, DbContext) are accessible
                // from anywhere; only the rest needs the compiler's accessibility check.
                if (!IsPublicAllTheWay(candidate) && !_compilation.IsSymbolAccessibleWithin(candidate, within))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsPublicAllTheWay(ISymbol symbol)
        {
            for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
            {
                if (current.DeclaredAccessibility != Accessibility.Public)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Receivers whose async methods only add overhead: the in-memory types, and <c>Console.Out</c>/<c>Console.Error</c>
        /// (a synchronized writer whose async methods run synchronously anyway).
        /// </summary>
        private bool IsInMemory(IOperation? instance, OperationAnalysisContext context)
        {
            if (instance is null)
            {
                return false;
            }

            instance = Unwrap(instance);
            if (instance is IPropertyReferenceOperation { Instance: null, Property.Name: "Out" or "Error" or "In" } property
                && property.Property.ContainingType is { Name: "Console", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
            {
                return true;
            }

            var inMemoryTypes = InMemoryTypes(context.Operation.Syntax.SyntaxTree, context.Options);
            return IsInMemoryValue(instance, inMemoryTypes, _ioWrappers, depth: 0);
        }

        /// <summary>
        /// An in-memory value: one of the in-memory types, or a reader, writer or stream created (here, or in the
        /// initializer of a local) over one (<c>new StreamReader(memoryStream)</c>, <c>new BinaryWriter(new MemoryStream())</c>).
        /// </summary>
        private static bool IsInMemoryValue(IOperation value, ImmutableArray<INamedTypeSymbol> inMemoryTypes, ImmutableArray<INamedTypeSymbol> wrappers, int depth)
        {
            value = Unwrap(value);
            if (value.Type is { } type && DerivesFromAny(type, inMemoryTypes))
            {
                return true;
            }

            if (depth >= 4)
            {
                return false;
            }

            if (value is ILocalReferenceOperation { Local: { } local } && value.SemanticModel is { } model)
            {
                // The local's initializer, when the declaration is in this tree (locals always are).
                var references = local.DeclaringSyntaxReferences;
                if (references.Length != 1
                    || references[0].GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: { } initializer }
                    || initializer.SyntaxTree != model.SyntaxTree
                    || model.GetOperation(initializer) is not { } initial)
                {
                    return false;
                }

                value = Unwrap(initial);
            }

            // A System.IO stream, reader or writer whose first constructor parameter is the stream or reader/writer it
            // wraps (StreamReader(Stream, ...), BinaryWriter(Stream), GZipStream(Stream, ...)).
            if (value is not IObjectCreationOperation { Type: { } created } creation || !DerivesFromAny(created, wrappers))
            {
                return false;
            }

            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter is { Ordinal: 0, Type: { } parameterType } && DerivesFromAny(parameterType, wrappers))
                {
                    return IsInMemoryValue(argument.Value, inMemoryTypes, wrappers, depth + 1);
                }
            }

            return false;
        }

        /// <summary>
        /// A static call whose streams, readers and writers are all in memory
        /// (<c>JsonSerializer.Serialize(memoryStream, value)</c>); false when it takes none.
        /// </summary>
        private bool StreamArgumentsAreInMemory(IInvocationOperation invocation, OperationAnalysisContext context)
        {
            var any = false;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Type is { } parameterType && DerivesFromAny(parameterType, _ioWrappers))
                {
                    if (!IsInMemory(argument.Value, context))
                    {
                        return false;
                    }

                    any = true;
                }
            }

            return any;
        }

        private static bool DerivesFromAny(ITypeSymbol type, ImmutableArray<INamedTypeSymbol> candidates)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var candidate in candidates)
                {
                    if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, candidate))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private ImmutableArray<INamedTypeSymbol> InMemoryTypes(SyntaxTree tree, AnalyzerOptions options)
        {
            if (!options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(InMemoryTypesOption, out var value))
            {
                value = DefaultInMemoryTypes;
            }

            return _inMemoryTypes.GetOrAdd(value, v =>
            {
                var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
                foreach (var name in v.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    if (_compilation.GetTypeByMetadataName(name.Trim()) is { } type)
                    {
                        builder.Add(type);
                    }
                }

                return builder.ToImmutable();
            });
        }

        private bool IsExcludedByOption(IMethodSymbol method, OperationAnalysisContext context)
        {
            if (!context.Options.AnalyzerConfigOptionsProvider.GetOptions(context.Operation.Syntax.SyntaxTree).TryGetValue(ExcludedMethodsOption, out var value)
                || string.IsNullOrWhiteSpace(value))
            {
                return false;
            }

            var excluded = _excludedMethods.GetOrAdd(value, static v =>
            {
                var builder = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
                foreach (var name in v.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    builder.Add(name.Trim());
                }

                return builder.ToImmutable();
            });

            var definition = (method.ReducedFrom ?? method).OriginalDefinition;
            var type = definition.ContainingType;
            return (definition.GetDocumentationCommentId() is { } id && excluded.Contains(id))
                || excluded.Contains(type.Name + "." + definition.Name)
                || excluded.Contains(type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithGenericsOptions(SymbolDisplayGenericsOptions.None)) + "." + definition.Name);
        }

        private static string Display(IMethodSymbol method) => Display(method.ContainingType, method.Name);

        private static string Display(INamedTypeSymbol type, string name) => type.Name + "." + name;
    }
}
