using System.Collections.Immutable;
using AsyncLessons.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AsyncLessons.Rules;

/// <summary>
/// AL0006: an <c>async void</c> method, local function or lambda is work nobody can await: its completion cannot be
/// observed and an exception it throws crashes the process (a coroutine is something you can await).
/// </summary>
public sealed class AsyncVoidAnalyzer : RuleAnalyzer
{
    /// <summary>
    /// Message: {0} names the function ("Async method 'Save'", "This async lambda, converted to 'Action&lt;int&gt;',"),
    /// {1} says what goes wrong (<see cref="Crashes"/>, or <see cref="NobodyWaits"/> when the whole body catches every
    /// exception), {2} says what to do.
    /// </summary>
    public static readonly DiagnosticDescriptor Rule = new(
        id: RuleIds.AsyncVoid,
        title: "Do not write async code that returns void",
        messageFormat: "{0} returns void: {1}; {2}",
        category: RuleIds.ReliabilityCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An async method that returns Task can be awaited: its caller learns when it finished and receives its exceptions. An async void method, local function or lambda cannot: it runs on its own, nobody can wait for it, and an exception it throws is raised on the synchronization context or the thread pool, which crashes the process. Event handlers, whose signature the event dictates, are the exception.",
        helpLinkUri: RuleIds.HelpLink(RuleIds.AsyncVoid));

    /// <summary>What goes wrong when an exception can leave the body.</summary>
    public const string Crashes = "nobody can await it, and an exception it throws crashes the process";

    /// <summary>What goes wrong when the whole body sits in a <c>try</c> that catches every exception.</summary>
    public const string NobodyWaits = "it catches its exceptions, but nobody can await it or know when it has finished (a caller, or a timer's Dispose, does not wait for a run in flight)";

    private const string ReturnTaskAdvice = "return Task instead";
    private const string ParallelForEachAdvice = "use Parallel.ForEachAsync, which awaits each item";
    private const string FuncAdvice = "pass a function that returns Task";
    private const string ForEachAdvice = "use a foreach loop that awaits each item";

    public AsyncVoidAnalyzer()
        : base(Rule)
    {
    }

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var analysis = Deferred(context.Compilation, context.Options, static (compilation, options) => CreateAnalysis(compilation, options));
        RegisterSymbolAction(context, analysis, static (s) => s is IMethodSymbol { IsAsync: true, ReturnsVoid: true }, static (a, c) => a.AnalyzeMethod(c), SymbolKind.Method);
        RegisterOperationAction(context, analysis, static (o) => ((ILocalFunctionOperation)o).Symbol is { IsAsync: true, ReturnsVoid: true }, static (a, c) => a.AnalyzeLocalFunction(c), OperationKind.LocalFunction);
        RegisterOperationAction(context, analysis, static (o) => ((IDelegateCreationOperation)o).Target is IAnonymousFunctionOperation { Symbol.IsAsync: true }, static (a, c) => a.AnalyzeDelegateCreation(c), OperationKind.DelegateCreation);
    }

    /// <summary>What the rule needs from the compilation, or null when the compilation lacks it.</summary>
    private static Analysis? CreateAnalysis(Compilation compilation, AnalyzerOptions options)
    {
        var types = KnownTypes.Get(compilation);
        if (types.Task is null)
        {
            return null;
        }

        IMethodSymbol? listForEach = null;
        foreach (var member in types.ListOfT?.GetMembers("ForEach") ?? ImmutableArray<ISymbol>.Empty)
        {
            if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 1 } method)
            {
                listForEach = method;
            }
        }

        var hasParallelForEachAsync = false;
        foreach (var member in types.Parallel?.GetMembers("ForEachAsync") ?? ImmutableArray<ISymbol>.Empty)
        {
            hasParallelForEachAsync |= member is IMethodSymbol { IsStatic: true };
        }

        var analysis = new Analysis(types, listForEach, hasParallelForEachAsync);
        return analysis;
    }

    private sealed class Analysis
    {
        private readonly KnownTypes _types;
        private readonly IMethodSymbol? _listForEach;
        private readonly bool _hasParallelForEachAsync;

        public Analysis(KnownTypes types, IMethodSymbol? listForEach, bool hasParallelForEachAsync)
        {
            _types = types;
            _listForEach = listForEach;
            _hasParallelForEachAsync = hasParallelForEachAsync;
        }

        public void AnalyzeMethod(SymbolAnalysisContext context)
        {
            var method = (IMethodSymbol)context.Symbol;
            if (!method.IsAsync
                || !method.ReturnsVoid
                || method.MethodKind != MethodKind.Ordinary
                || method.IsOverride
                || method.IsPartialDefinition
                || method.PartialDefinitionPart is not null
                || method.Locations.IsEmpty
                || HasErrorTypedParameter(method)
                || EventHandlerShape.Matches(method.Parameters, _types.EventArgs)
                || ImplementsInterfaceMember(method)
                || HasSyntaxErrors(method, context.CancellationToken))
            {
                return;
            }

            var body = method.DeclaringSyntaxReferences.Length == 1 && method.DeclaringSyntaxReferences[0].GetSyntax(context.CancellationToken) is MethodDeclarationSyntax declaration
                ? declaration.Body
                : null;
            context.ReportDiagnostic(Diagnostic.Create(Rule, method.Locations[0], $"Async method '{method.Name}'", Consequence(body), ReturnTaskAdvice));
        }

        public void AnalyzeLocalFunction(OperationAnalysisContext context)
        {
            var operation = (ILocalFunctionOperation)context.Operation;
            var localFunction = operation.Symbol;
            if (operation.Syntax.ContainsDiagnostics
                || !localFunction.IsAsync
                || !localFunction.ReturnsVoid
                || localFunction.Locations.IsEmpty
                || HasErrorTypedParameter(localFunction)
                || EventHandlerShape.Matches(localFunction.Parameters, _types.EventArgs))
            {
                return;
            }

            var body = (operation.Syntax as LocalFunctionStatementSyntax)?.Body;
            context.ReportDiagnostic(Diagnostic.Create(Rule, localFunction.Locations[0], $"Async local function '{localFunction.Name}'", Consequence(body), ReturnTaskAdvice));
        }

        public void AnalyzeDelegateCreation(OperationAnalysisContext context)
        {
            var creation = (IDelegateCreationOperation)context.Operation;
            if (creation.Target is not IAnonymousFunctionOperation { Symbol.IsAsync: true } lambda
                || lambda.Syntax.ContainsDiagnostics
                || creation.Type is not INamedTypeSymbol { DelegateInvokeMethod: { ReturnsVoid: true } invoke } delegateType
                || IsEventHandlerType(delegateType)
                || EventHandlerShape.Matches(invoke.Parameters, _types.EventArgs)
                || IsEventSubscription(creation))
            {
                return;
            }

            var forEach = IsForEachOverListInAsyncCode(creation, context.ContainingSymbol);
            var properties = forEach
                ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.ForEachLoop, "true")
                : ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.NoFix, "delegate");
            var kind = lambda.Syntax is AnonymousMethodExpressionSyntax ? "anonymous method" : "lambda";
            var delegateName = delegateType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            var advice = forEach ? ForEachAdvice : _hasParallelForEachAsync && IsParallelForEachBody(creation) ? ParallelForEachAdvice : FuncAdvice;
            var body = lambda.Syntax switch
            {
                AnonymousFunctionExpressionSyntax { Block: { } block } => block,
                _ => null,
            };
            context.ReportDiagnostic(Diagnostic.Create(
                Rule,
                HeaderLocation(lambda.Syntax),
                properties,
                $"This async {kind}, converted to '{delegateName}',",
                Consequence(body),
                advice));
        }

        /// <summary><c>Parallel.ForEach(items, async item =&gt; ...)</c>: there is no Task-returning overload; ForEachAsync awaits.</summary>
        private bool IsParallelForEachBody(IDelegateCreationOperation creation) =>
            creation.Parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "ForEach", IsStatic: true } target } }
            && target.ContainingType.IsEqualTo(_types.Parallel);

        /// <summary>
        /// What goes wrong: a crash, unless the whole body is one <c>try</c> with a catch-all (<c>catch</c>,
        /// <c>catch (Exception)</c>, no filter) that does not throw again; then only "nobody can wait for it" is true.
        /// </summary>
        private static string Consequence(BlockSyntax? body)
        {
            if (body is not { Statements.Count: 1 } || body.Statements[0] is not TryStatementSyntax tryStatement)
            {
                return Crashes;
            }

            foreach (var clause in tryStatement.Catches)
            {
                if (clause.Filter is null
                    && (clause.Declaration is null || IsExceptionTypeName(clause.Declaration.Type))
                    && !Rethrows(clause.Block))
                {
                    return NobodyWaits;
                }
            }

            return Crashes;
        }

        private static bool IsExceptionTypeName(TypeSyntax type) => type switch
        {
            IdentifierNameSyntax { Identifier.ValueText: "Exception" } => true,
            QualifiedNameSyntax { Right.Identifier.ValueText: "Exception", Left: var left } => left.ToString() is "System" or "global::System",
            AliasQualifiedNameSyntax { Name.Identifier.ValueText: "Exception" } => true,
            _ => false,
        };

        /// <summary>A <c>throw</c> in the catch block outside nested functions lets the exception out again.</summary>
        private static bool Rethrows(BlockSyntax block)
        {
            foreach (var node in block.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                if (node is ThrowStatementSyntax or ThrowExpressionSyntax)
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsEventHandlerType(INamedTypeSymbol delegateType)
        {
            var definition = delegateType.OriginalDefinition;
            return definition.IsEqualTo(_types.EventHandler)
                || definition.IsEqualTo(_types.EventHandlerOfT);
        }

        /// <summary><c>e.Event += async ...</c>, <c>Event = async ...</c> inside the declaring type, or a field-like event's initializer.</summary>
        private static bool IsEventSubscription(IDelegateCreationOperation creation)
        {
            var parent = creation.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent switch
            {
                IEventAssignmentOperation => true,
                ISimpleAssignmentOperation { Target: IEventReferenceOperation } => true,
                IFieldInitializerOperation initializer => IsEventField(initializer),
                _ => false,
            };
        }

        private static bool IsEventField(IFieldInitializerOperation initializer)
        {
            foreach (var field in initializer.InitializedFields)
            {
                if (field.AssociatedSymbol is IEventSymbol)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>list.ForEach(async x => ...);</c> as a statement of async code, on a receiver of type <c>List&lt;T&gt;</c>:
        /// the shape the fixer may turn into a <c>foreach</c> loop that awaits.
        /// </summary>
        private bool IsForEachOverListInAsyncCode(IDelegateCreationOperation creation, ISymbol containingSymbol)
        {
            if (_listForEach is null
                || creation.Parent is not IArgumentOperation { Parent: IInvocationOperation invocation }
                || !invocation.TargetMethod.OriginalDefinition.IsEqualTo(_listForEach)
                || invocation.Instance is null or IInstanceReferenceOperation
                || invocation.Instance.Type is not INamedTypeSymbol receiverType
                || !receiverType.OriginalDefinition.IsEqualTo(_types.ListOfT)
                || invocation.Parent is not IExpressionStatementOperation { Syntax: ExpressionStatementSyntax })
            {
                return false;
            }

            var asyncContext = AsyncContext.Of(invocation, containingSymbol);
            return asyncContext.IsAsync && !asyncContext.InsideLock;
        }

        /// <summary>A declaration being typed (missing tokens, stray characters): the compiler speaks first.</summary>
        private static bool HasSyntaxErrors(IMethodSymbol method, System.Threading.CancellationToken cancellationToken)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken).ContainsDiagnostics)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Code that does not compile yet: its signature may still be on its way to an event handler's.</summary>
        private static bool HasErrorTypedParameter(IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Type.TypeKind == TypeKind.Error)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ImplementsInterfaceMember(IMethodSymbol method)
        {
            if (!method.ExplicitInterfaceImplementations.IsEmpty)
            {
                return true;
            }

            var type = method.ContainingType;
            if (type is null)
            {
                return false;
            }

            foreach (var @interface in type.AllInterfaces)
            {
                foreach (var member in @interface.GetMembers(method.Name))
                {
                    if (member is IMethodSymbol
                        && type.FindImplementationForInterfaceMember(member).IsEqualTo(method))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>From <c>async</c> to <c>=&gt;</c> (or to the parameter list of an anonymous method): the head, not the whole body.</summary>
        private static Location HeaderLocation(SyntaxNode syntax)
        {
            switch (syntax)
            {
                case LambdaExpressionSyntax lambda when lambda.AsyncKeyword.Span.Length > 0:
                    return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(lambda.AsyncKeyword.SpanStart, lambda.ArrowToken.Span.End));
                case AnonymousMethodExpressionSyntax method when method.AsyncKeyword.Span.Length > 0:
                    var end = method.ParameterList?.Span.End ?? method.DelegateKeyword.Span.End;
                    return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(method.AsyncKeyword.SpanStart, end));
                default:
                    return syntax.GetLocation();
            }
        }
    }
}
