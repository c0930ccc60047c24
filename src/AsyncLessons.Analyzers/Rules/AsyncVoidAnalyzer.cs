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
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AsyncVoidAnalyzer : RuleAnalyzer
{
    /// <summary>Message: {0} names the function ("Async method 'Save'", "This async lambda, converted to 'Action&lt;int&gt;',"), {1} says what to do.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        id: RuleIds.AsyncVoid,
        title: "Do not write async code that returns void",
        messageFormat: "{0} returns void: nobody can await it, and an exception it throws crashes the process; {1}",
        category: RuleIds.ReliabilityCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An async method that returns Task can be awaited: its caller learns when it finished and receives its exceptions. An async void method, local function or lambda cannot: it runs on its own, nobody can wait for it, and an exception it throws is raised on the synchronization context or the thread pool, which crashes the process. Event handlers, whose signature the event dictates, are the exception.",
        helpLinkUri: RuleIds.HelpLink(RuleIds.AsyncVoid));

    private const string ReturnTaskAdvice = "return Task instead";
    private const string FuncAdvice = "pass a function that returns Task";
    private const string ForEachAdvice = "use a foreach loop that awaits each item";

    public AsyncVoidAnalyzer()
        : base(Rule)
    {
    }

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var types = KnownTypes.Get(context.Compilation);
        if (types.Task is null)
        {
            return;
        }

        IMethodSymbol? listForEach = null;
        foreach (var member in types.ListOfT?.GetMembers("ForEach") ?? ImmutableArray<ISymbol>.Empty)
        {
            if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 1 } method)
            {
                listForEach = method;
            }
        }

        var analysis = new Analysis(types, listForEach);
        context.RegisterSymbolAction(analysis.AnalyzeMethod, SymbolKind.Method);
        context.RegisterOperationAction(analysis.AnalyzeLocalFunction, OperationKind.LocalFunction);
        context.RegisterOperationAction(analysis.AnalyzeDelegateCreation, OperationKind.DelegateCreation);
    }

    private sealed class Analysis
    {
        private readonly KnownTypes _types;
        private readonly IMethodSymbol? _listForEach;

        public Analysis(KnownTypes types, IMethodSymbol? listForEach)
        {
            _types = types;
            _listForEach = listForEach;
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

            context.ReportDiagnostic(Diagnostic.Create(Rule, method.Locations[0], $"Async method '{method.Name}'", ReturnTaskAdvice));
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

            context.ReportDiagnostic(Diagnostic.Create(Rule, localFunction.Locations[0], $"Async local function '{localFunction.Name}'", ReturnTaskAdvice));
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
            context.ReportDiagnostic(Diagnostic.Create(
                Rule,
                HeaderLocation(lambda.Syntax),
                properties,
                $"This async {kind}, converted to '{delegateName}',",
                forEach ? ForEachAdvice : FuncAdvice));
        }

        private bool IsEventHandlerType(INamedTypeSymbol delegateType)
        {
            var definition = delegateType.OriginalDefinition;
            return SymbolEqualityComparer.Default.Equals(definition, _types.EventHandler)
                || SymbolEqualityComparer.Default.Equals(definition, _types.EventHandlerOfT);
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
                || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.OriginalDefinition, _listForEach)
                || invocation.Instance is null or IInstanceReferenceOperation
                || invocation.Instance.Type is not INamedTypeSymbol receiverType
                || !SymbolEqualityComparer.Default.Equals(receiverType.OriginalDefinition, _types.ListOfT)
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
                        && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
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
