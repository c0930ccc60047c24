using System.Collections.Immutable;
using AsyncLessons.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLessons.Rules;

/// <summary>
/// AL0003: a task (or any awaitable) that nobody awaits — dropped as a statement, thrown away by a void lambda, or
/// parked in a local that is never used. The "coroutines must be awaited" lesson. Where the compiler already reports
/// CS4014 this rule stays silent (see docs/rules/AL0003.md for the exact split).
/// </summary>
public sealed class UnobservedTaskAnalyzer : RuleAnalyzer
{
    /// <summary>The <c>.editorconfig</c> key listing awaitable types whose values may be dropped.</summary>
    public const string IgnoredTypesOption = "async_lessons.AL0003.ignored_types";

    /// <summary>The <c>.editorconfig</c> key listing methods whose awaitable results may be dropped.</summary>
    public const string IgnoredMethodsOption = "async_lessons.AL0003.ignored_methods";

    public static readonly DiagnosticDescriptor Rule = new(
        id: RuleIds.UnobservedTask,
        title: "Await or explicitly discard every task",
        messageFormat: "{0} is never awaited: its failure goes unobserved and the code after it does not wait for it; await it, or write '_ = ...' to fire and forget on purpose",
        category: RuleIds.ReliabilityCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A Task, ValueTask or other awaitable that is neither awaited, returned, stored nor passed on is lost: an exception it throws is never seen, and the code after the call runs before the work is done. Await it, or discard it with '_ = ...' when fire-and-forget is intended. Inside async methods the compiler reports the plain case as CS4014; this rule covers the places CS4014 does not.",
        helpLinkUri: RuleIds.HelpLink(RuleIds.UnobservedTask));

    public UnobservedTaskAnalyzer()
        : base(Rule)
    {
    }

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var analysis = Deferred(context.Compilation, context.Options, static (compilation, options) => CreateAnalysis(compilation, options));
        RegisterOperationAction(context, analysis, static (o) => MayDropATask(((IExpressionStatementOperation)o).Operation), static (a, c) => a.AnalyzeExpressionStatement(c), OperationKind.ExpressionStatement);
        RegisterOperationAction(context, analysis, static (o) => MayHoldATask((IVariableDeclaratorOperation)o), static (a, c) => a.AnalyzeVariableDeclarator(c), OperationKind.VariableDeclarator);
    }

    /// <summary>What the rule needs from the compilation, or null when the compilation lacks it.</summary>
    private static Analysis? CreateAnalysis(Compilation compilation, AnalyzerOptions options)
    {
        var types = KnownTypes.Get(compilation);
        if (types.Task is null || types.Named("System.Runtime.CompilerServices.INotifyCompletion") is null)
        {
            return null;
        }

        var winRtAsync = types.AllNamed(
            "Windows.Foundation.IAsyncAction",
            "Windows.Foundation.IAsyncActionWithProgress`1",
            "Windows.Foundation.IAsyncOperation`1",
            "Windows.Foundation.IAsyncOperationWithProgress`2");
        var provider = options.AnalyzerConfigOptionsProvider;
        var analysis = new Analysis(
            Awaitables.Get(compilation),
            types,
            winRtAsync,
            new ConfiguredSymbols.Reader(compilation, provider, IgnoredTypesOption, methods: false),
            new ConfiguredSymbols.Reader(compilation, provider, IgnoredMethodsOption, methods: true),
            types.Named("System.Threading.Interlocked"),
            types.AllNamed("NSubstitute.SubstituteExtensions", "NSubstitute.ReceivedExtensions.ReceivedExtensions"),
            types.Named("NSubstitute.Received")?.GetMembers("InOrder") ?? ImmutableArray<ISymbol>.Empty,
            new DeliberateDiscards(compilation));
        return analysis;
    }

    /// <summary>
    /// True when an expression statement's value can be a dropped task: a call, a conditional call or an object
    /// creation that yields a value (every statement the rule reports is one of these).
    /// </summary>
    private static bool MayDropATask(IOperation value) =>
        value is IInvocationOperation or IConditionalAccessOperation or IObjectCreationOperation
        && value.Type is { SpecialType: not SpecialType.System_Void };

    /// <summary>True when a local's initializer can be a task left unused: a call or an object creation (every local the rule reports has one).</summary>
    private static bool MayHoldATask(IVariableDeclaratorOperation declarator)
    {
        var value = declarator.Initializer?.Value.WalkDownImplicitConversions();
        return value is IInvocationOperation or IObjectCreationOperation;
    }

    private sealed class Analysis
    {
        private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.MinimallyQualifiedFormat
            .RemoveMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        private readonly Awaitables _awaitables;
        private readonly KnownTypes _types;
        private readonly ImmutableArray<INamedTypeSymbol> _winRtAsync;
        private readonly ConfiguredSymbols.Reader _ignoredTypes;
        private readonly ConfiguredSymbols.Reader _ignoredMethods;
        private readonly INamedTypeSymbol? _interlocked;
        private readonly ImmutableArray<INamedTypeSymbol> _mockVerifiers;
        private readonly ImmutableArray<ISymbol> _receivedInOrder;
        private readonly DeliberateDiscards _deliberate;

        public Analysis(
            Awaitables awaitables,
            KnownTypes types,
            ImmutableArray<INamedTypeSymbol> winRtAsync,
            ConfiguredSymbols.Reader ignoredTypes,
            ConfiguredSymbols.Reader ignoredMethods,
            INamedTypeSymbol? interlocked,
            ImmutableArray<INamedTypeSymbol> mockVerifiers,
            ImmutableArray<ISymbol> receivedInOrder,
            DeliberateDiscards deliberate)
        {
            _deliberate = deliberate;
            _awaitables = awaitables;
            _types = types;
            _winRtAsync = winRtAsync;
            _ignoredTypes = ignoredTypes;
            _ignoredMethods = ignoredMethods;
            _interlocked = interlocked;
            _mockVerifiers = mockVerifiers;
            _receivedInOrder = receivedInOrder;
        }

        /// <summary><c>SendAsync();</c>, <c>x?.SendAsync();</c>, <c>new Task(...);</c>, and the body of <c>() =&gt; SendAsync()</c> for a void delegate.</summary>
        public void AnalyzeExpressionStatement(OperationAnalysisContext context)
        {
            var statement = (IExpressionStatementOperation)context.Operation;
            var value = statement.Operation;
            if (DroppedCall(value, out var isCall, out var isCold) is not { } method
                || value.Syntax.ContainsDiagnostics
                || DroppedType(value) is not { } type
                || HandsBackAStoredValue(method)
                || !IsAwaitable(type, value))
            {
                // Not a task, or half-typed code: wait until the call is complete.
                return;
            }

            var asyncContext = AsyncContext.Of(statement, context.ContainingSymbol);
            var awaitAllowed = !asyncContext.InsideLock && !AwaitPlacement.IsInUnsafeRegion(value.Syntax);
            if (IsDroppedOnPurpose(context, value, method, type, isCall, asyncContext, awaitAllowed))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty;
            if (awaitAllowed && !isCold && IsAwaitContext(asyncContext))
            {
                properties = properties.Add(DiagnosticProperties.CanAwait, "true");
            }

            var what = value switch
            {
                IObjectCreationOperation => $"The {type.ToDisplayString(TypeFormat)} created here",
                _ => $"The {type.ToDisplayString(TypeFormat)} returned by '{method.Name}'",
            };
            context.ReportDiagnostic(Diagnostic.Create(Rule, value.Syntax.GetLocation(), properties, what));
        }

        /// <summary>
        /// The method whose result an expression statement drops: a call, the call at the end of a <c>?.</c> chain, or
        /// a constructor (<paramref name="isCold"/> for <c>new Task(...)</c>, which never starts by itself). Null for
        /// anything else, and for a mock library's verification (<see cref="IsMockVerification"/>).
        /// </summary>
        private IMethodSymbol? DroppedCall(IOperation value, out bool isCall, out bool isCold)
        {
            isCall = false;
            isCold = false;
            switch (value)
            {
                case IInvocationOperation invocation:
                    isCall = true;
                    return IsMockVerification(invocation) ? null : invocation.TargetMethod;
                case IConditionalAccessOperation conditional:
                    // x?.SendAsync() or x?.y?.SendAsync(): the call at the end of the chain decides.
                    var whenNotNull = conditional.WhenNotNull;
                    while (whenNotNull is IConditionalAccessOperation nested)
                    {
                        whenNotNull = nested.WhenNotNull;
                    }

                    return (whenNotNull as IInvocationOperation)?.TargetMethod;
                case IObjectCreationOperation creation:
                    isCold = _types.IsTaskLike(creation.Type) && !IsValueTask(creation.Type);
                    return creation.Constructor;
                default:
                    return null;
            }
        }

        /// <summary>The type of what is dropped: <c>x?.SendValueAsync()</c> has type <c>ValueTask?</c>, and the ValueTask inside is what is dropped.</summary>
        private static ITypeSymbol? DroppedType(IOperation value) =>
            value is IConditionalAccessOperation && value.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable
                ? nullable.TypeArguments[0]
                : value.Type;

        /// <summary>
        /// True when the dropped task is not the rule's to report: a lambda converted to an expression tree (data,
        /// not code that runs here), a mock library's in-order check, a call the compiler already reports as CS4014,
        /// a type or method the options ignore, or a discard the code makes deliberate.
        /// </summary>
        private bool IsDroppedOnPurpose(OperationAnalysisContext context, IOperation value, IMethodSymbol method, ITypeSymbol type, bool isCall, AsyncContext asyncContext, bool awaitAllowed)
        {
            if (asyncContext.FunctionOperation is IAnonymousFunctionOperation { Parent: not IDelegateCreationOperation }
                || IsInOrderCheck(asyncContext)
                || (isCall && CompilerReportsCS4014((IInvocationOperation)value, asyncContext, awaitAllowed)))
            {
                return true;
            }

            var tree = value.Syntax.SyntaxTree;
            return _ignoredTypes.For(tree).ContainsType(type) || _ignoredMethods.For(tree).ContainsMethod(method)
                || _deliberate.IsDeliberate(value, context.ContainingSymbol);
        }

        /// <summary><c>var pending = SendAsync();</c> where <c>pending</c> is never used again.</summary>
        public void AnalyzeVariableDeclarator(OperationAnalysisContext context)
        {
            var declarator = (IVariableDeclaratorOperation)context.Operation;
            var local = declarator.Symbol;
            if (declarator.Initializer?.Value is not { } initializer
                || local is null
                || local.Name == "_"
                || local.IsRef
                || declarator.Syntax is not VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax declarationStatement } } declaratorSyntax
                || declarationStatement.UsingKeyword.IsKind(SyntaxKind.UsingKeyword)
                || declarationStatement.IsConst)
            {
                return;
            }

            initializer = initializer.WalkDownImplicitConversions();

            IMethodSymbol? method = initializer switch
            {
                IInvocationOperation invocation => invocation.TargetMethod,
                IObjectCreationOperation creation => creation.Constructor,
                _ => null,
            };
            var type = initializer.Type;
            if (initializer.Syntax.ContainsDiagnostics || method is null || type is null || HandsBackAStoredValue(method) || !IsAwaitable(type, initializer))
            {
                return;
            }

            var tree = declarator.Syntax.SyntaxTree;
            if (_ignoredTypes.For(tree).ContainsType(type) || _ignoredMethods.For(tree).ContainsMethod(method) || IsReferenced(declarator, local)
                || _deliberate.IsDeliberate(initializer, context.ContainingSymbol))
            {
                return;
            }

            var asyncContext = AsyncContext.Of(declarator, context.ContainingSymbol);
            var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.UnusedTaskLocal, "true");
            var isCold = initializer is IObjectCreationOperation && _types.IsTaskLike(type) && !IsValueTask(type);
            if (!asyncContext.InsideLock && !isCold && !StartsBackgroundWork(initializer) && !AwaitPlacement.IsInUnsafeRegion(declarator.Syntax) && IsAwaitContext(asyncContext))
            {
                properties = properties.Add(DiagnosticProperties.CanAwait, "true");
            }

            var what = $"The {type.ToDisplayString(TypeFormat)} held by '{local.Name}'";
            context.ReportDiagnostic(Diagnostic.Create(Rule, declaratorSyntax.Identifier.GetLocation(), properties, what));
        }

        /// <summary>
        /// Mirrors the compiler's rule for CS4014 (Binder.CouldBeAwaited), checked by experiment in UnobservedTaskTests:
        /// a call used as a statement whose target is a source method marked <c>async</c>, or that returns a WinRT async
        /// interface, is reported everywhere; any other awaitable call only inside an async function or top-level
        /// statements, and not inside <c>lock</c> or <c>unsafe</c>.
        /// </summary>
        private bool CompilerReportsCS4014(IInvocationOperation invocation, AsyncContext asyncContext, bool awaitAllowed)
        {
            if (invocation.TargetMethod.IsAsync || ImplementsWinRtAsync(invocation.Type))
            {
                return true;
            }

            return awaitAllowed && IsAwaitContext(asyncContext);
        }

        private static bool IsAwaitContext(AsyncContext asyncContext) =>
            asyncContext.IsAsync
            || (asyncContext.FunctionOperation is null
                && asyncContext.Function is { Name: WellKnownMemberNames.TopLevelStatementsEntryPointMethodName });

        private bool ImplementsWinRtAsync(ITypeSymbol? type)
        {
            if (_winRtAsync.IsEmpty || type is null)
            {
                return false;
            }

            foreach (var candidate in _winRtAsync)
            {
                if (type.OriginalDefinition.IsEqualTo(candidate))
                {
                    return true;
                }

                foreach (var implemented in type.AllInterfaces)
                {
                    if (implemented.OriginalDefinition.IsEqualTo(candidate))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private bool IsAwaitable(ITypeSymbol type, IOperation operation) =>
            operation.SemanticModel is { } semanticModel
                ? _awaitables.IsAwaitable(type, semanticModel, operation.Syntax.SpanStart)
                : _awaitables.IsAwaitable(type);

        /// <summary>
        /// Calls that hand back a value stored elsewhere rather than start work: <c>Interlocked.Exchange(ref _task, null)</c>,
        /// <c>cache.GetOrAdd(key, LoadAsync)</c>, <c>stack.Pop()</c>. Their declared return type is a type parameter of the
        /// containing type (or they are <see cref="System.Threading.Interlocked"/>); dropping what they return loses nothing.
        /// Delegate invocations (<c>Func&lt;Task&gt;.Invoke</c>) do start work and are not excused.
        /// </summary>
        private bool HandsBackAStoredValue(IMethodSymbol method)
        {
            if (method.MethodKind == MethodKind.DelegateInvoke)
            {
                return false;
            }

            if (_interlocked is not null && method.ContainingType.IsEqualTo(_interlocked))
            {
                return true;
            }

            return method.OriginalDefinition.ReturnType is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Type };
        }

        /// <summary>
        /// NSubstitute's <c>sub.Received().SendAsync();</c> checks that a call happened; nothing runs, nothing is dropped.
        /// </summary>
        private bool IsMockVerification(IInvocationOperation invocation)
        {
            if (_mockVerifiers.IsEmpty || invocation.Instance is not IInvocationOperation receiver)
            {
                return false;
            }

            var containingType = (receiver.TargetMethod.ReducedFrom ?? receiver.TargetMethod).ContainingType;
            foreach (var verifier in _mockVerifiers)
            {
                if (containingType.IsEqualTo(verifier))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// NSubstitute's <c>Received.InOrder(() =&gt; { client.OpenAsync(); client.SendAsync(); })</c> lists the calls
        /// expected, in order; the lambda only records them against the substitutes, nothing runs.
        /// </summary>
        private bool IsInOrderCheck(AsyncContext asyncContext)
        {
            if (_receivedInOrder.IsEmpty
                || asyncContext.FunctionOperation is not IAnonymousFunctionOperation { Parent: IDelegateCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation call } } })
            {
                return false;
            }

            foreach (var inOrder in _receivedInOrder)
            {
                if (call.TargetMethod.OriginalDefinition.IsEqualTo(inOrder))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>var worker = Task.Run(...)</c>, <c>Task.Factory.StartNew(...)</c>, <c>var timeout = Task.Delay(...)</c>: work
        /// or a timer started to run on its own. Awaiting it on the spot would change what the code does (the method would
        /// wait for the background work or the whole delay), so the fix offers only the explicit discard.
        /// </summary>
        private bool StartsBackgroundWork(IOperation initializer) =>
            initializer is IInvocationOperation { TargetMethod: var method }
            && ((method.Name is "Run" or "Delay" && method.ContainingType.IsEqualTo(_types.Task))
                || (method.Name == "StartNew" && method.ContainingType is { Name: "TaskFactory", ContainingNamespace.Name: "Tasks" }));

        private bool IsValueTask(ITypeSymbol? type) =>
            type is not null
            && (type.OriginalDefinition.IsEqualTo(_types.ValueTask)
                || type.OriginalDefinition.IsEqualTo(_types.ValueTaskOfT));

        /// <summary>
        /// True when <paramref name="local"/> appears anywhere in its function other than its own declaration: read,
        /// awaited, returned, passed, captured or assigned again all count as a use. Only runs for locals that hold an
        /// awaitable, which are few.
        /// </summary>
        private static bool IsReferenced(IOperation declarator, ILocalSymbol local)
        {
            // The local's scope: the block (or the whole switch, for a switch section) that holds its declaration.
            var scope = declarator.Parent?.Parent?.Parent;
            if (scope is ISwitchCaseOperation)
            {
                scope = scope.Parent;
            }

            if (scope is null)
            {
                return true;
            }

            foreach (var operation in scope.Descendants())
            {
                if (operation is ILocalReferenceOperation reference && reference.Local.IsEqualTo(local))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
