using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Internals;
using AsyncLessons.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncLessons.CodeFixes.Rules;

/// <summary>
/// Fixes for AL0003 and the compiler's CS4014: await the task, discard it explicitly (<c>_ = ...</c>), or make the
/// enclosing synchronous method async and await it. For a local that holds a task nobody uses: await the call
/// instead of keeping it, or discard it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnobservedTaskCodeFix)), Shared]
public sealed class UnobservedTaskCodeFix : CodeFixProvider
{
    /// <summary>
    /// The recommended fix, for every shape the rule reports: await the task where <c>await</c> is allowed, and where it
    /// is not (synchronous code, <c>lock</c>, a lambda that returns <c>void</c>), discard it explicitly. One bulk run
    /// thus leaves no dropped task unmarked and no build broken.
    /// </summary>
    public const string RecommendedKey = RuleIds.UnobservedTask + ".AwaitOrDiscard";

    /// <summary>Discard explicitly, also where the task could be awaited.</summary>
    public const string DiscardKey = RuleIds.UnobservedTask + ".Discard";

    /// <summary>Make the enclosing synchronous method or local function async and await the task.</summary>
    public const string MakeMethodAsyncKey = RuleIds.UnobservedTask + ".MakeMethodAsync";

    /// <summary>The compiler's "Because this call is not awaited, execution of the current method continues..." warning.</summary>
    public const string CS4014 = nameof(CS4014);

    private enum FixKind
    {
        Await,
        Discard,
        MakeMethodAsync,
    }

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.UnobservedTask, CS4014);

    public override FixAllProvider GetFixAllProvider() => FixerHelpers.FixAll(
        RecommendedKey,
        static async (key, document, diagnostics, cancellationToken) =>
        {
            // Fix All re-checks each diagnostic exactly as the single fix does, so it never applies a fix where that fix is not offered.
            var fixable = ImmutableArray.CreateBuilder<(Diagnostic, FixKind)>();
            foreach (var diagnostic in diagnostics)
            {
                if (await OfferedAsync(document, diagnostic, key, cancellationToken).ConfigureAwait(false) is { } kind)
                {
                    fixable.Add((diagnostic, kind));
                }
            }

            return fixable.Count == 0 ? document : await FixAsync(document, fixable.ToImmutable(), cancellationToken).ConfigureAwait(false);
        },
        DiscardKey,
        MakeMethodAsyncKey);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            var target = await Target.FindAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
            if (target is null)
            {
                continue;
            }

            // The recommended fix comes first: dotnet format applies the kind of the first action it is offered.
            const string DiscardTitle = "Discard it explicitly ('_ = ...')";
            if (target.CanAwait)
            {
                var title = target.Local is { } local ? $"Await the call instead of keeping it in '{local.Identifier.ValueText}'" : "Await it";
                Register(context, diagnostic, title, FixKind.Await, RecommendedKey);
                if (target.CanDiscard)
                {
                    Register(context, diagnostic, DiscardTitle, FixKind.Discard, DiscardKey);
                }

                continue;
            }

            if (target.CanDiscard)
            {
                Register(context, diagnostic, DiscardTitle, FixKind.Discard, RecommendedKey);
            }

            if (await target.CanMakeMethodAsyncAsync(context.Document, context.CancellationToken).ConfigureAwait(false))
            {
                var title = target.Expression is { } dropped && Target.EnclosingFunction(dropped) is LocalFunctionStatementSyntax
                    ? "Make the local function async and await it"
                    : "Make the method async and await it";
                Register(context, diagnostic, title, FixKind.MakeMethodAsync, MakeMethodAsyncKey);
            }
        }
    }

    private static void Register(CodeFixContext context, Diagnostic diagnostic, string title, FixKind kind, string key) =>
        context.RegisterCodeFix(
            CodeAction.Create(title, ct => FixAsync(context.Document, ImmutableArray.Create((diagnostic, kind)), ct), key),
            diagnostic);

    /// <summary>What the fix of <paramref name="key"/> does for <paramref name="diagnostic"/>, or null where it is not offered.</summary>
    private static async Task<FixKind?> OfferedAsync(Document document, Diagnostic diagnostic, string key, CancellationToken cancellationToken)
    {
        var target = await Target.FindAsync(document, diagnostic, cancellationToken).ConfigureAwait(false);
        return key switch
        {
            _ when target is null => null,
            RecommendedKey when target.CanAwait => FixKind.Await,
            RecommendedKey or DiscardKey when target.CanDiscard => FixKind.Discard,
            MakeMethodAsyncKey when !target.CanAwait && await target.CanMakeMethodAsyncAsync(document, cancellationToken).ConfigureAwait(false) => FixKind.MakeMethodAsync,
            _ => null,
        };
    }

    private static Task<Document> FixAsync(Document document, ImmutableArray<(Diagnostic Diagnostic, FixKind Kind)> fixes, CancellationToken cancellationToken)
    {
        var kinds = new Dictionary<Diagnostic, FixKind>();
        foreach (var (diagnostic, kind) in fixes)
        {
            kinds[diagnostic] = kind;
        }

        return FixerHelpers.EditAsync(
            document,
            kinds.Keys,
            (editor, diagnostic, node) =>
            {
                var kind = kinds[diagnostic];
                if (node is VariableDeclaratorSyntax declarator)
                {
                    if (Target.LocalStatement(declarator) is { } statement)
                    {
                        editor.ReplaceNode(statement, ReplaceLocal(statement, declarator, kind));
                    }

                    return;
                }

                if (node is not ExpressionSyntax expression || !Target.IsDropped(expression))
                {
                    return;
                }

                if (kind == FixKind.Discard)
                {
                    editor.ReplaceNode(expression, Discard(expression));
                    return;
                }

                editor.ReplaceNode(expression, AwaitExpression(expression));
                if (kind == FixKind.MakeMethodAsync)
                {
                    switch (Target.EnclosingFunction(expression))
                    {
                        case MethodDeclarationSyntax method:
                            editor.ReplaceNode(method, (current, _) => MakeAsync((MethodDeclarationSyntax)current));
                            break;
                        case LocalFunctionStatementSyntax localFunction:
                            editor.ReplaceNode(localFunction, (current, _) => MakeAsync((LocalFunctionStatementSyntax)current));
                            break;
                    }
                }
            },
            cancellationToken);
    }

    private static ExpressionSyntax AwaitExpression(ExpressionSyntax expression)
    {
        var operand = expression.WithoutLeadingTrivia();
        if (expression is ConditionalAccessExpressionSyntax)
        {
            // await x?.SendAsync() would throw when x is null; wait for nothing instead.
            operand = SyntaxFactory.ParenthesizedExpression(
                SyntaxFactory.BinaryExpression(
                    SyntaxKind.CoalesceExpression,
                    operand.WithoutTrailingTrivia(),
                    SyntaxFactory.Token(SyntaxKind.QuestionQuestionToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, FixerHelpers.TaskType(), SyntaxFactory.IdentifierName("CompletedTask"))))
                .WithTrailingTrivia(operand.GetTrailingTrivia());
        }

        return FixerHelpers.Await(operand).WithLeadingTrivia(expression.GetLeadingTrivia());
    }

    private static ExpressionSyntax Discard(ExpressionSyntax expression) =>
        SyntaxFactory.AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression,
                // The discard is an underscore token, not an identifier named "_" (which would bind to nothing: CS0103).
                SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(default, SyntaxKind.UnderscoreToken, "_", "_", default)),
                SyntaxFactory.Token(SyntaxKind.EqualsToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
                expression.WithoutLeadingTrivia())
            .WithLeadingTrivia(expression.GetLeadingTrivia());

    private static StatementSyntax ReplaceLocal(LocalDeclarationStatementSyntax statement, VariableDeclaratorSyntax declarator, FixKind kind)
    {
        var value = declarator.Initializer!.Value.WithoutTrivia();
        var expression = kind == FixKind.Discard ? Discard(value) : FixerHelpers.Await(value);
        return SyntaxFactory.ExpressionStatement(expression, statement.SemicolonToken)
            .WithLeadingTrivia(statement.GetLeadingTrivia());
    }

    /// <summary><c>void M()</c> → <c>async Task M()</c>; <c>T M()</c> → <c>async Task&lt;T&gt; M()</c>.</summary>
    private static MethodDeclarationSyntax MakeAsync(MethodDeclarationSyntax method)
    {
        if (method.Modifiers.Any(SyntaxKind.AsyncKeyword))
        {
            return method;
        }

        var (modifiers, returnType) = AsyncSignature(method.Modifiers, method.ReturnType);
        return method.WithModifiers(modifiers).WithReturnType(returnType);
    }

    /// <summary>The same for a local function: <c>void Send()</c> → <c>async Task Send()</c>.</summary>
    private static LocalFunctionStatementSyntax MakeAsync(LocalFunctionStatementSyntax localFunction)
    {
        if (localFunction.Modifiers.Any(SyntaxKind.AsyncKeyword))
        {
            return localFunction;
        }

        var (modifiers, returnType) = AsyncSignature(localFunction.Modifiers, localFunction.ReturnType);
        return localFunction.WithModifiers(modifiers).WithReturnType(returnType);
    }

    /// <summary>The modifiers with <c>async</c> added, and <c>Task</c> or <c>Task&lt;T&gt;</c> for the return type, keeping the trivia.</summary>
    private static (SyntaxTokenList Modifiers, TypeSyntax ReturnType) AsyncSignature(SyntaxTokenList modifiers, TypeSyntax returnType)
    {
        TypeSyntax taskType = returnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }
            ? FixerHelpers.TaskType()
            : SyntaxFactory.QualifiedName(
                    SyntaxFactory.ParseName("global::System.Threading.Tasks"),
                    SyntaxFactory.GenericName(
                        SyntaxFactory.Identifier("Task"),
                        SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(returnType.WithoutTrivia()))))
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

        var asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        taskType = taskType.WithTrailingTrivia(returnType.GetTrailingTrivia());
        if (modifiers.Count == 0)
        {
            asyncKeyword = asyncKeyword.WithLeadingTrivia(returnType.GetLeadingTrivia());
        }
        else
        {
            taskType = taskType.WithLeadingTrivia(returnType.GetLeadingTrivia());
        }

        return (modifiers.Add(asyncKeyword), taskType);
    }

    /// <summary>What a diagnostic points at, and which fixes its place allows.</summary>
    private sealed class Target
    {
        private Target(ExpressionSyntax? expression, VariableDeclaratorSyntax? local, SemanticModel semanticModel, bool canAwait, bool canDiscard)
        {
            Expression = expression;
            Local = local;
            SemanticModel = semanticModel;
            CanAwait = canAwait;
            CanDiscard = canDiscard;
        }

        /// <summary>The dropped expression (statement forms).</summary>
        public ExpressionSyntax? Expression { get; }

        /// <summary>The local that holds the task (unused-local form).</summary>
        public VariableDeclaratorSyntax? Local { get; }

        public SemanticModel SemanticModel { get; }

        public bool CanAwait { get; }

        public bool CanDiscard { get; }

        public static async Task<Target?> FindAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || semanticModel is null || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
            {
                return null;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var isOurs = diagnostic.Id == RuleIds.UnobservedTask;
            if (isOurs && diagnostic.Properties.ContainsKey(DiagnosticProperties.UnusedTaskLocal))
            {
                if (node is not VariableDeclaratorSyntax { Initializer: not null } declarator || LocalStatement(declarator) is null)
                {
                    return null;
                }

                return new Target(
                    null,
                    declarator,
                    semanticModel,
                    canAwait: diagnostic.Properties.ContainsKey(DiagnosticProperties.CanAwait),
                    canDiscard: !IsColdTask(declarator.Initializer.Value, semanticModel, cancellationToken) && IsDiscardFree(semanticModel, declarator));
            }

            if (node is not ExpressionSyntax expression || !IsDropped(expression) || IsColdTask(expression, semanticModel, cancellationToken))
            {
                return null;
            }

            var canAwait = isOurs ? diagnostic.Properties.ContainsKey(DiagnosticProperties.CanAwait) : IsAwaitAllowed(expression);
            if (canAwait && expression is ConditionalAccessExpressionSyntax && !DerivesFromTask(semanticModel.GetTypeInfo(expression, cancellationToken).Type, semanticModel))
            {
                canAwait = false;
            }

            return new Target(expression, null, semanticModel, canAwait, IsDiscardFree(semanticModel, expression));
        }

        /// <summary>
        /// True when <paramref name="expression"/> stands where a statement expression may (a statement, a <c>for</c>
        /// clause, an expression body). The diagnostic says its value is dropped there; this guards against stale spans.
        /// </summary>
        public static bool IsDropped(ExpressionSyntax expression) => expression.Parent switch
        {
            ExpressionStatementSyntax => true,
            ForStatementSyntax forStatement => forStatement.Incrementors.Contains(expression) || forStatement.Initializers.Contains(expression),
            ArrowExpressionClauseSyntax => true,
            AnonymousFunctionExpressionSyntax lambda => lambda.ExpressionBody == expression,
            _ => false,
        };

        /// <summary>The declaration statement of a single-variable local, or null.</summary>
        public static LocalDeclarationStatementSyntax? LocalStatement(VariableDeclaratorSyntax declarator) =>
            declarator.Parent is VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax statement }
            && !statement.UsingKeyword.IsKind(SyntaxKind.UsingKeyword)
            && declarator.Initializer is not null
                ? statement
                : null;

        /// <summary>The method, local function or lambda whose body holds <paramref name="node"/>, or null at top level.</summary>
        public static SyntaxNode? EnclosingFunction(SyntaxNode node)
        {
            for (var current = node.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case AnonymousFunctionExpressionSyntax:
                    case LocalFunctionStatementSyntax:
                    case BaseMethodDeclarationSyntax:
                    case AccessorDeclarationSyntax:
                    case PropertyDeclarationSyntax:
                    case IndexerDeclarationSyntax:
                    case GlobalStatementSyntax:
                        return current;
                }
            }

            return null;
        }

        /// <summary>
        /// True when <c>await</c> may be written at <paramref name="node"/>: the innermost function is async (or is the
        /// top-level statements), and no <c>lock</c>, catch filter or <c>unsafe</c> region stands in the way.
        /// </summary>
        public static bool IsAwaitAllowed(SyntaxNode node)
        {
            if (FixerHelpers.IsInUnsafeBlock(node) || HasUnsafeModifierAbove(node))
            {
                return false;
            }

            for (var current = node.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case LockStatementSyntax:
                    case CatchFilterClauseSyntax:
                        return false;
                    case AnonymousFunctionExpressionSyntax lambda:
                        return lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
                    case LocalFunctionStatementSyntax localFunction:
                        return localFunction.Modifiers.Any(SyntaxKind.AsyncKeyword);
                    case MethodDeclarationSyntax method:
                        return method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                    case GlobalStatementSyntax:
                        return true;
                    case MemberDeclarationSyntax:
                        return false;
                }
            }

            return false;
        }

        /// <summary>
        /// "Make the method async and await it": only directly in the body of an ordinary synchronous method whose
        /// signature may change (not an override, interface implementation, event handler or <c>Main</c>), whose body
        /// stays valid once async, and whose callers all drop its result, so that every caller still compiles.
        /// </summary>
        public async Task<bool> CanMakeMethodAsyncAsync(Document document, CancellationToken cancellationToken)
        {
            if (Expression is not null && EnclosingFunction(Expression) is LocalFunctionStatementSyntax localFunction)
            {
                return CanMakeLocalFunctionAsync(localFunction, cancellationToken);
            }

            if (Expression is null
                || EnclosingFunction(Expression) is not MethodDeclarationSyntax method
                || method.Modifiers.Any(SyntaxKind.PartialKeyword)
                || !CanRewriteAsAsync(method, method.Modifiers, method.ReturnType, (SyntaxNode?)method.Body ?? method.ExpressionBody, cancellationToken)
                || SemanticModel.GetDeclaredSymbol(method, cancellationToken) is not { } symbol
                || !HasChangeableSignature(symbol, SemanticModel.Compilation))
            {
                return false;
            }

            var references = await SymbolFinder.FindReferencesAsync(symbol, document.Project.Solution, cancellationToken).ConfigureAwait(false);
            foreach (var reference in references)
            {
                foreach (var location in reference.Locations)
                {
                    if (location.IsImplicit || location.Document.Project.Language != LanguageNames.CSharp)
                    {
                        return false;
                    }

                    var root = await location.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                    if (root is null || !IsCallWhoseValueIsDropped(root.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true)))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>
        /// The same for a local function: a synchronous one with a body that stays valid once async, and whose every
        /// use in its enclosing member is a call whose value is dropped (no delegate conversions, no returned values).
        /// </summary>
        private bool CanMakeLocalFunctionAsync(LocalFunctionStatementSyntax localFunction, CancellationToken cancellationToken)
        {
            if (localFunction.Modifiers.Any(SyntaxKind.ExternKeyword)
                || !CanRewriteAsAsync(localFunction, localFunction.Modifiers, localFunction.ReturnType, (SyntaxNode?)localFunction.Body ?? localFunction.ExpressionBody, cancellationToken)
                || SemanticModel.GetDeclaredSymbol(localFunction, cancellationToken) is not IMethodSymbol symbol
                || !HasAsyncCompatibleSignature(symbol))
            {
                return false;
            }

            // A local function is visible only inside its enclosing member (or the top-level statements).
            var scope = (SyntaxNode?)localFunction.FirstAncestorOrSelf<MemberDeclarationSyntax>(m => m is not GlobalStatementSyntax)
                ?? localFunction.FirstAncestorOrSelf<CompilationUnitSyntax>();
            if (scope is null)
            {
                return false;
            }

            var name = localFunction.Identifier.ValueText;
            foreach (var node in scope.DescendantNodes())
            {
                if (node is SimpleNameSyntax identifier
                    && identifier.Identifier.ValueText == name
                    && (SemanticModel.GetSymbolInfo(identifier, cancellationToken).Symbol?.OriginalDefinition).IsEqualTo(symbol)
                    && !IsCallWhoseValueIsDropped(identifier))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// What a method and a local function both need before they become async: not async or unsafe already, a body
        /// that stays valid once async, a place where <c>await</c> may stand, and a Task type to return.
        /// </summary>
        private bool CanRewriteAsAsync(SyntaxNode function, SyntaxTokenList modifiers, TypeSyntax returnType, SyntaxNode? body, CancellationToken cancellationToken) =>
            Expression is not null
            && body is not null
            && !modifiers.Any(SyntaxKind.AsyncKeyword)
            && !modifiers.Any(SyntaxKind.UnsafeKeyword)
            && !HasUnsafeModifierAbove(function)
            && IsAwaitAllowedInside(Expression, function)
            && KnownTypes.Get(SemanticModel.Compilation).Task is not null
            && BodyStaysValidWhenAsync(returnType, body, SemanticModel, cancellationToken);

        /// <summary>A return type and parameters an async method may have: no ref returns or parameters, no ref structs or pointers.</summary>
        private static bool HasAsyncCompatibleSignature(IMethodSymbol method)
        {
            if (method.ReturnsByRef || method.ReturnsByRefReadonly)
            {
                return false;
            }

            var returnType = method.ReturnType;
            if (!method.ReturnsVoid && (returnType.TypeKind is TypeKind.Error or TypeKind.Pointer or TypeKind.FunctionPointer || returnType.IsRefLikeType))
            {
                return false;
            }

            foreach (var parameter in method.Parameters)
            {
                if (parameter.RefKind != RefKind.None || parameter.Type.IsRefLikeType || parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.Error)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool HasChangeableSignature(IMethodSymbol method, Compilation compilation)
        {
            if (method.MethodKind != MethodKind.Ordinary
                || method.IsAsync
                || method.IsOverride
                || method.IsVirtual
                || method.IsAbstract
                || method.IsExtern
                || method.ReturnsByRef
                || method.ReturnsByRefReadonly
                || !method.ExplicitInterfaceImplementations.IsEmpty
                || method.ContainingType is not { TypeKind: TypeKind.Class or TypeKind.Struct } containingType
                || (containingType.TypeKind == TypeKind.Struct && !method.IsStatic) // an async struct method works on a copy of 'this'
                || (method.IsStatic && method.Name == "Main"))
            {
                return false;
            }

            if (!HasAsyncCompatibleSignature(method))
            {
                return false;
            }

            // An event handler keeps its signature: it becomes 'async void' or discards.
            if (EventHandlerShape.Matches(method.Parameters, KnownTypes.Get(compilation).EventArgs))
            {
                return false;
            }

            foreach (var implemented in containingType.AllInterfaces)
            {
                foreach (var member in implemented.GetMembers(method.Name))
                {
                    if (containingType.FindImplementationForInterfaceMember(member).IsEqualTo(method))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool BodyStaysValidWhenAsync(TypeSyntax returnTypeSyntax, SyntaxNode body, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            if (!returnTypeSyntax.IsKind(SyntaxKind.PredefinedType) || !((PredefinedTypeSyntax)returnTypeSyntax).Keyword.IsKind(SyntaxKind.VoidKeyword))
            {
                // The return type must not already be awaitable: its returns would change meaning.
                var returnType = semanticModel.GetTypeInfo(returnTypeSyntax, cancellationToken).Type;
                if (returnType is null || Awaitables.Get(semanticModel.Compilation).IsAwaitable(returnType, semanticModel, returnTypeSyntax.SpanStart))
                {
                    return false;
                }
            }

            foreach (var node in body.DescendantNodesAndSelf())
            {
                switch (node)
                {
                    case YieldStatementSyntax:
                    case RefTypeSyntax:
                    case RefExpressionSyntax:
                    case StackAllocArrayCreationExpressionSyntax:
                    case ImplicitStackAllocArrayCreationExpressionSyntax:
                    case UnsafeStatementSyntax:
                    case FixedStatementSyntax:
                        return false;
                    case VariableDeclarationSyntax declaration
                        when semanticModel.GetTypeInfo(declaration.Type, cancellationToken).Type is { } type && (type.IsRefLikeType || type.TypeKind == TypeKind.Pointer):
                        return false;
                }
            }

            return true;
        }

        /// <summary><c>M();</c>, <c>this.M();</c> or <c>C.M();</c> as a statement, or a <c>cref</c>: still fine once <c>M</c> returns a task.</summary>
        private static bool IsCallWhoseValueIsDropped(SyntaxNode node)
        {
            if (node.FirstAncestorOrSelf<CrefSyntax>() is not null)
            {
                return true;
            }

            if (node is not SimpleNameSyntax name)
            {
                return false;
            }

            ExpressionSyntax callee = name.Parent is MemberAccessExpressionSyntax memberAccess && memberAccess.Name == name ? memberAccess : name;
            return callee.Parent is InvocationExpressionSyntax invocation
                && invocation.Expression == callee
                && invocation.Parent is ExpressionStatementSyntax;
        }

        private static bool IsAwaitAllowedInside(SyntaxNode node, SyntaxNode function)
        {
            for (var current = node.Parent; current is not null && current != function; current = current.Parent)
            {
                if (current is LockStatementSyntax or CatchFilterClauseSyntax or UnsafeStatementSyntax)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool HasUnsafeModifierAbove(SyntaxNode node)
        {
            for (var current = node.Parent; current is not null; current = current.Parent)
            {
                if ((current is MemberDeclarationSyntax member && member.Modifiers.Any(SyntaxKind.UnsafeKeyword))
                    || (current is LocalFunctionStatementSyntax localFunction && localFunction.Modifiers.Any(SyntaxKind.UnsafeKeyword)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>_ = ...</c> is a discard only when nothing named <c>_</c> is in scope.</summary>
        private static bool IsDiscardFree(SemanticModel semanticModel, SyntaxNode node) =>
            semanticModel.LookupSymbols(node.SpanStart, name: "_").IsEmpty;

        /// <summary><c>new Task(...)</c> never starts by itself: awaiting it would hang and discarding it hides that it never runs.</summary>
        private static bool IsColdTask(ExpressionSyntax expression, SemanticModel semanticModel, CancellationToken cancellationToken) =>
            expression is BaseObjectCreationExpressionSyntax
            && DerivesFromTask(semanticModel.GetTypeInfo(expression, cancellationToken).Type, semanticModel);

        private static bool DerivesFromTask(ITypeSymbol? type, SemanticModel semanticModel)
        {
            var task = KnownTypes.Get(semanticModel.Compilation).Task;
            for (var current = type; current is not null && task is not null; current = current.BaseType)
            {
                if (current.OriginalDefinition.IsEqualTo(task))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
