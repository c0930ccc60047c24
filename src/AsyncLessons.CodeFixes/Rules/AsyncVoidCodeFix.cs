using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
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
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Rename;
using Microsoft.CodeAnalysis.Text;

namespace AsyncLessons.CodeFixes.Rules;

/// <summary>
/// AL0006 fixes: <c>async void M()</c> → <c>async Task M()</c> (and <c>await M()</c> at its call sites), when no use of
/// <c>M</c> in the solution needs it to be void; <c>list.ForEach(async x => ...);</c> in async code → a <c>foreach</c>
/// loop that awaits each item.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncVoidCodeFix)), Shared]
public sealed class AsyncVoidCodeFix : CodeFixProvider
{
    /// <summary>The recommended fix, for both shapes: <c>async void</c> → <c>async Task</c>, <c>ForEach(async ...)</c> → <c>foreach</c>.</summary>
    public const string RecommendedKey = RuleIds.AsyncVoid + ".MakeAwaitable";

    /// <summary><c>async void M</c> → <c>async Task MAsync</c>, where nothing outside the project sees <c>M</c> and the name is free.</summary>
    public const string RenameKey = RuleIds.AsyncVoid + ".ReturnTaskAndRename";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.AsyncVoid);

    public override FixAllProvider GetFixAllProvider() => AsyncVoidFixAll.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.Document;
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!FixerHelpers.IsFixable(diagnostic))
            {
                continue;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node is MethodDeclarationSyntax or LocalFunctionStatementSyntax)
            {
                var plan = await ReturnTaskPlan.CreateAsync(document, node, context.CancellationToken).ConfigureAwait(false);
                if (plan is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Make '{plan.MethodName}' return Task",
                            ct => ReturnTaskPlan.ApplyAsync(document.Project.Solution, new[] { plan }, null, rename: false, ct),
                            RecommendedKey),
                        diagnostic);
                    if (plan.NewName is { } newName)
                    {
                        context.RegisterCodeFix(
                            CodeAction.Create(
                                $"Make '{plan.MethodName}' return Task and rename it '{newName}'",
                                ct => ReturnTaskPlan.ApplyAsync(document.Project.Solution, new[] { plan }, null, rename: true, ct),
                                RenameKey),
                            diagnostic);
                    }
                }
            }
            else if (diagnostic.Properties.ContainsKey(DiagnosticProperties.ForEachLoop) && node is AnonymousFunctionExpressionSyntax lambda)
            {
                var semanticModel = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
                if (semanticModel is not null && ForEachLoop.CanRewrite(semanticModel, lambda, context.CancellationToken))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Use a foreach loop that awaits each item",
                            ct => ForEachLoop.FixDocumentAsync(document, ImmutableArray.Create(diagnostic), ct),
                            RecommendedKey),
                        diagnostic);
                }
            }
        }
    }

    /// <summary>
    /// What turning one <c>async void</c> method into <c>async Task</c> changes: its return type, and every call site,
    /// which must be a statement in async code so that it can become <c>await M(...)</c>.
    /// </summary>
    private sealed class ReturnTaskPlan
    {
        private ReturnTaskPlan(string methodName, string? newName, DocumentId declarationDocument, SyntaxNode declaration, TypeSyntax returnType, ImmutableArray<(DocumentId Document, InvocationExpressionSyntax Call)> calls)
        {
            MethodName = methodName;
            NewName = newName;
            DeclarationDocument = declarationDocument;
            Declaration = declaration;
            ReturnType = returnType;
            Calls = calls;
        }

        public string MethodName { get; }

        /// <summary>The name with the <c>Async</c> suffix, when the method may take it (see <see cref="RenameTo"/>); otherwise null.</summary>
        public string? NewName { get; }

        private SyntaxNode Declaration { get; }

        private DocumentId DeclarationDocument { get; }

        private TypeSyntax ReturnType { get; }

        private ImmutableArray<(DocumentId Document, InvocationExpressionSyntax Call)> Calls { get; }

        /// <summary>The plan for the method declared by <paramref name="declaration"/>, or null when no use may change.</summary>
        public static async Task<ReturnTaskPlan?> CreateAsync(Document document, SyntaxNode declaration, CancellationToken cancellationToken)
        {
            var returnType = declaration switch
            {
                MethodDeclarationSyntax method => method.ReturnType,
                LocalFunctionStatementSyntax localFunction => localFunction.ReturnType,
                _ => null,
            };
            if (returnType is not PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword })
            {
                return null;
            }

            var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (semanticModel?.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol { IsAsync: true, ReturnsVoid: true } symbol
                || symbol.ContainingType?.TypeKind == TypeKind.Interface)
            {
                return null;
            }

            var solution = document.Project.Solution;
            if (await IsBoundToOtherMembersAsync(symbol, solution, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var references = await SymbolFinder.FindReferencesAsync(symbol, solution, cancellationToken).ConfigureAwait(false);
            var calls = ImmutableArray.CreateBuilder<(DocumentId, InvocationExpressionSyntax)>();
            foreach (var reference in references)
            {
                foreach (var location in reference.Locations)
                {
                    if (location.IsImplicit || location.Document.Project.Language != LanguageNames.CSharp)
                    {
                        return null;
                    }

                    var call = await AwaitableCallAsync(location, cancellationToken).ConfigureAwait(false);
                    if (call is { } found)
                    {
                        calls.Add((location.Document.Id, found));
                    }
                    else if (!await IsHarmlessAsync(location, cancellationToken).ConfigureAwait(false))
                    {
                        return null;
                    }
                }
            }

            return new ReturnTaskPlan(symbol.Name, RenameTo(symbol, semanticModel, declaration), document.Id, declaration, returnType, calls.ToImmutable());
        }

        /// <summary>
        /// True when the method's signature is tied to another member: an override of it, or an interface member a
        /// derived type implements through it (<c>class D : B, IObserver&lt;int&gt;</c>).
        /// </summary>
        private static async Task<bool> IsBoundToOtherMembersAsync(IMethodSymbol symbol, Solution solution, CancellationToken cancellationToken)
        {
            if (symbol.IsVirtual
                && (await SymbolFinder.FindOverridesAsync(symbol, solution, cancellationToken: cancellationToken).ConfigureAwait(false)).Any())
            {
                return true;
            }

            var implemented = await SymbolFinder.FindImplementedInterfaceMembersAsync(symbol, solution, cancellationToken: cancellationToken).ConfigureAwait(false);
            return implemented.Any();
        }

        /// <summary>
        /// <c>MAsync</c> for <paramref name="symbol"/> when renaming it cannot break code this solution does not hold:
        /// a local function, or a method that is neither virtual, an override nor an interface member and that nothing
        /// outside the project can see (private, or internal in an assembly without <c>InternalsVisibleTo</c>), and when
        /// no symbol of that name is in scope at the declaration. Null otherwise.
        /// </summary>
        private static string? RenameTo(IMethodSymbol symbol, SemanticModel semanticModel, SyntaxNode declaration)
        {
            var newName = symbol.Name + "Async";
            if (symbol.Name.EndsWith("Async", System.StringComparison.Ordinal)
                || symbol.IsVirtual || symbol.IsOverride || symbol.IsAbstract || !symbol.ExplicitInterfaceImplementations.IsEmpty
                || (symbol.MethodKind != MethodKind.LocalFunction && !IsHiddenOutsideTheProject(symbol, semanticModel.Compilation))
                || !IsFree(newName, semanticModel, declaration))
            {
                return null;
            }

            return newName;
        }

        private static bool IsHiddenOutsideTheProject(ISymbol symbol, Compilation compilation)
        {
            var internalSeen = false;
            for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
            {
                switch (current.DeclaredAccessibility)
                {
                    case Accessibility.Private:
                        return true;
                    case Accessibility.Internal or Accessibility.ProtectedAndInternal:
                        internalSeen = true;
                        break;
                }
            }

            if (!internalSeen)
            {
                return false;
            }

            foreach (var attribute in compilation.Assembly.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "InternalsVisibleToAttribute", ContainingNamespace: { Name: "CompilerServices", ContainingNamespace: { Name: "Runtime", ContainingNamespace.Name: "System" } } })
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsFree(string name, SemanticModel semanticModel, SyntaxNode declaration) =>
            semanticModel.LookupSymbols(declaration.SpanStart, name: name).IsEmpty
            && (semanticModel.GetDeclaredSymbol(declaration)?.ContainingType is not { } type || type.GetMembers(name).IsEmpty);

        /// <summary>
        /// Applies <paramref name="plans"/> together (the single fix passes one, Fix All many) to the solution they were
        /// made from, with the <c>ForEach</c> statements of <paramref name="loops"/> turned into loops in the same pass;
        /// with <paramref name="rename"/>, each method that may take the <c>Async</c> suffix is renamed afterwards.
        /// </summary>
        public static async Task<Solution> ApplyAsync(
            Solution solution,
            IEnumerable<ReturnTaskPlan> plans,
            IReadOnlyDictionary<DocumentId, List<TextSpan>>? loops,
            bool rename,
            CancellationToken cancellationToken)
        {
            // Nodes are found again by span: each document is edited once, from its original text.
            var renames = new List<(DocumentId Document, SyntaxAnnotation Declaration, string NewName)>();
            var declarations = new Dictionary<TextSpan, SyntaxAnnotation>();
            var edits = CollectEdits(plans, loops, rename ? renames : null, declarations);
            foreach (var pair in edits)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (solution.GetDocument(pair.Key) is { } document)
                {
                    solution = await EditAsync(document, pair.Value, declarations, cancellationToken).ConfigureAwait(false);
                }
            }

            foreach (var (documentId, annotation, newName) in renames)
            {
                solution = await RenameAsync(solution, documentId, annotation, newName, cancellationToken).ConfigureAwait(false);
            }

            return solution;
        }

        /// <summary>
        /// The spans to edit in each document: return types, calls to await, <c>ForEach</c> statements and, when
        /// <paramref name="renames"/> is given, the declarations to rename (annotated in <paramref name="declarations"/>).
        /// </summary>
        private static Dictionary<DocumentId, HashSet<TextSpan>> CollectEdits(
            IEnumerable<ReturnTaskPlan> plans,
            IReadOnlyDictionary<DocumentId, List<TextSpan>>? loops,
            List<(DocumentId Document, SyntaxAnnotation Declaration, string NewName)>? renames,
            Dictionary<TextSpan, SyntaxAnnotation> declarations)
        {
            var edits = new Dictionary<DocumentId, HashSet<TextSpan>>();
            foreach (var plan in plans)
            {
                Add(plan.DeclarationDocument, plan.ReturnType.Span);
                foreach (var (documentId, call) in plan.Calls)
                {
                    Add(documentId, call.Span);
                }

                if (renames is not null && plan.NewName is { } newName)
                {
                    var annotation = new SyntaxAnnotation();
                    declarations[plan.Declaration.Span] = annotation;
                    renames.Add((plan.DeclarationDocument, annotation, newName));
                    Add(plan.DeclarationDocument, plan.Declaration.Span);
                }
            }

            if (loops is not null)
            {
                foreach (var pair in loops)
                {
                    foreach (var span in pair.Value)
                    {
                        Add(pair.Key, span);
                    }
                }
            }

            return edits;

            void Add(DocumentId documentId, TextSpan span)
            {
                if (!edits.TryGetValue(documentId, out var spans))
                {
                    edits[documentId] = spans = new HashSet<TextSpan>();
                }

                spans.Add(span);
            }
        }

        /// <summary>Makes the edits at <paramref name="edits"/> in <paramref name="document"/>, from its original text.</summary>
        private static async Task<Solution> EditAsync(
            Document document,
            HashSet<TextSpan> edits,
            Dictionary<TextSpan, SyntaxAnnotation> declarations,
            CancellationToken cancellationToken)
        {
            // Inner nodes first, so that an outer replacement (a loop, a renamed declaration) sees the inner ones.
            var spans = edits.ToList();
            spans.Sort(static (a, b) => a.Length.CompareTo(b.Length));
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            foreach (var span in spans)
            {
                switch (editor.OriginalRoot.FindNode(span, getInnermostNodeForTie: true))
                {
                    case InvocationExpressionSyntax call:
                        editor.ReplaceNode(call, static (current, _) =>
                            FixerHelpers.Await((ExpressionSyntax)current.WithoutLeadingTrivia()).WithLeadingTrivia(current.GetLeadingTrivia()));
                        break;
                    case PredefinedTypeSyntax returnType:
                        editor.ReplaceNode(returnType, static (current, _) => FixerHelpers.TaskType().WithTriviaFrom(current));
                        break;
                    case ExpressionStatementSyntax forEach:
                        editor.ReplaceNode(forEach, static (current, _) => ForEachLoop.Rewrite((ExpressionStatementSyntax)current) ?? current);
                        break;
                    case MethodDeclarationSyntax or LocalFunctionStatementSyntax when declarations.TryGetValue(span, out var annotation):
                        editor.ReplaceNode(editor.OriginalRoot.FindNode(span, getInnermostNodeForTie: true), (current, _) => current.WithAdditionalAnnotations(annotation));
                        break;
                }
            }

            var changed = await FixerHelpers.CleanupAsync(document, editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false);
            return changed.Project.Solution;
        }

        /// <summary>Renames the method declared at <paramref name="annotation"/>, if the name is still free (two overloads may want the same one).</summary>
        private static async Task<Solution> RenameAsync(Solution solution, DocumentId documentId, SyntaxAnnotation annotation, string newName, CancellationToken cancellationToken)
        {
            var document = solution.GetDocument(documentId);
            var root = document is null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var declaration = root?.GetAnnotatedNodes(annotation).FirstOrDefault();
            var semanticModel = document is null || declaration is null ? null : await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (declaration is null || semanticModel?.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol symbol || !IsFree(newName, semanticModel, declaration))
            {
                return solution;
            }

            return await Renamer.RenameSymbolAsync(solution, symbol, default(SymbolRenameOptions), newName, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// The call at <paramref name="location"/> when it is <c>M(...)</c> used as a statement (or as the expression body
        /// of an async function) in async code, outside <c>lock</c> and <c>unsafe</c>: there it can become <c>await M(...)</c>.
        /// </summary>
        private static async Task<InvocationExpressionSyntax?> AwaitableCallAsync(ReferenceLocation location, CancellationToken cancellationToken)
        {
            var root = await location.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root?.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true) is not SimpleNameSyntax name)
            {
                return null;
            }

            ExpressionSyntax callee = name.Parent is MemberAccessExpressionSyntax memberAccess && memberAccess.Name == name ? memberAccess : name;
            if (callee.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != callee || FixerHelpers.IsInUnsafeBlock(invocation))
            {
                return null;
            }

            var semanticModel = await location.Document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (semanticModel?.GetOperation(invocation, cancellationToken) is not IInvocationOperation { Parent: IExpressionStatementOperation } operation
                || semanticModel.GetEnclosingSymbol(invocation.SpanStart, cancellationToken) is not { } enclosing)
            {
                return null;
            }

            var asyncContext = AsyncContext.Of(operation, enclosing);
            return asyncContext.IsAsync && !asyncContext.InsideLock ? invocation : null;
        }

        /// <summary>References that stay valid whatever the return type: <c>nameof(M)</c> and <c>&lt;see cref="M"/&gt;</c>.</summary>
        private static async Task<bool> IsHarmlessAsync(ReferenceLocation location, CancellationToken cancellationToken)
        {
            var root = await location.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var node = root?.FindNode(location.Location.SourceSpan, findInsideTrivia: true, getInnermostNodeForTie: true);
            if (node is null)
            {
                return false;
            }

            if (node.IsPartOfStructuredTrivia())
            {
                return true;
            }

            var nameofCall = node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
            if (nameofCall is null)
            {
                return false;
            }

            var semanticModel = await location.Document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            return semanticModel?.GetOperation(nameofCall, cancellationToken) is INameOfOperation;
        }
    }

    /// <summary><c>list.ForEach(async x => body);</c> → <c>foreach (var x in list) { body }</c>, where <c>return;</c> becomes <c>continue;</c>.</summary>
    private static class ForEachLoop
    {
        /// <summary>True when the call around <paramref name="lambda"/> can become a loop that compiles and means the same thing in each iteration.</summary>
        public static bool CanRewrite(SemanticModel semanticModel, AnonymousFunctionExpressionSyntax lambda, CancellationToken cancellationToken)
        {
            if (!TryGetParts(lambda, out var statement, out var receiver, out var parameter)
                || FixerHelpers.IsInUnsafeBlock(statement)
                || lambda is LambdaExpressionSyntax { AttributeLists.Count: > 0 }
                || parameter.AttributeLists.Count > 0
                || parameter.Modifiers.Count > 0)
            {
                return false;
            }

            return LambdaNames(lambda, parameter) is { } names
                && NoNameIsTaken(semanticModel, statement, names)
                && ListStaysUnchanged(semanticModel, lambda, receiver, cancellationToken);
        }

        /// <summary>
        /// The names the lambda declares (its parameter, locals, local functions), which the loop would declare in the
        /// enclosing function; null when the body holds what a loop cannot (labels, a value or loop-crossing
        /// <c>return</c>, a query).
        /// </summary>
        private static List<string>? LambdaNames(AnonymousFunctionExpressionSyntax lambda, ParameterSyntax parameter)
        {
            var names = new List<string> { parameter.Identifier.ValueText };
            foreach (var node in DescendantsOfTheSameFunction(lambda.Body))
            {
                switch (node)
                {
                    case LabeledStatementSyntax:
                        return null;
                    case ReturnStatementSyntax returnStatement when returnStatement.Expression is not null || IsInsideLoop(returnStatement, lambda):
                        return null;
                    case VariableDeclaratorSyntax declarator:
                        names.Add(declarator.Identifier.ValueText);
                        break;
                    case SingleVariableDesignationSyntax designation:
                        names.Add(designation.Identifier.ValueText);
                        break;
                    case ForEachStatementSyntax forEach:
                        names.Add(forEach.Identifier.ValueText);
                        break;
                    case CatchDeclarationSyntax { Identifier.RawKind: (int)SyntaxKind.IdentifierToken } catchDeclaration:
                        names.Add(catchDeclaration.Identifier.ValueText);
                        break;
                    case LocalFunctionStatementSyntax localFunction:
                        names.Add(localFunction.Identifier.ValueText);
                        break;
                    case QueryClauseSyntax or QueryContinuationSyntax:
                        return null;
                }
            }

            return names;
        }

        /// <summary>
        /// The lambda's names become locals of the enclosing function: none may clash with a local, parameter or
        /// local function already in scope there (C# forbids that shadowing, unlike a lambda's).
        /// </summary>
        private static bool NoNameIsTaken(SemanticModel semanticModel, SyntaxNode statement, List<string> names)
        {
            foreach (var name in names)
            {
                foreach (var symbol in semanticModel.LookupSymbols(statement.SpanStart, name: name))
                {
                    if (symbol is ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or IMethodSymbol { MethodKind: MethodKind.LocalFunction })
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>
        /// While the loop awaits, a change to the list would make its enumerator throw, where <c>ForEach</c> had already
        /// returned: the list must be one the body cannot name.
        /// </summary>
        private static bool ListStaysUnchanged(SemanticModel semanticModel, AnonymousFunctionExpressionSyntax lambda, ExpressionSyntax receiver, CancellationToken cancellationToken)
        {
            var receiverSymbol = semanticModel.GetSymbolInfo(receiver, cancellationToken).Symbol;
            if (receiverSymbol is null && receiver is not (InvocationExpressionSyntax or ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax))
            {
                return false;
            }

            if (receiverSymbol is not null && receiverSymbol is not IMethodSymbol)
            {
                foreach (var identifier in lambda.Body.DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (identifier.Identifier.ValueText == receiverSymbol.Name
                        && semanticModel.GetSymbolInfo(identifier, cancellationToken).Symbol.IsEqualTo(receiverSymbol))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        public static Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken) =>
            FixerHelpers.EditAsync(
                document,
                diagnostics,
                (editor, diagnostic, node) =>
                {
                    if (node is AnonymousFunctionExpressionSyntax lambda && TryGetParts(lambda, out var statement, out _, out _))
                    {
                        editor.ReplaceNode(statement, static (current, _) => Rewrite((ExpressionStatementSyntax)current) ?? current);
                    }
                },
                cancellationToken);

        public static SyntaxNode? Rewrite(ExpressionStatementSyntax statement)
        {
            if (statement.Expression is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } invocation
                || invocation.ArgumentList.Arguments[0].Expression is not AnonymousFunctionExpressionSyntax lambda
                || !TryGetParts(lambda, out _, out var receiver, out var parameter))
            {
                return null;
            }

            BlockSyntax body;
            if (lambda.Body is BlockSyntax block)
            {
                var returns = DescendantsOfTheSameFunction(block).OfType<ReturnStatementSyntax>().ToArray();
                body = block.ReplaceNodes(returns, static (original, _) =>
                    SyntaxFactory.ContinueStatement().WithTriviaFrom(original));
                if (!body.ToString().Contains("\n"))
                {
                    // A one-line block in a lambda argument becomes a loop body: give it lines of its own.
                    body = SyntaxFactory.Block(body.Statements.Select(static statement => statement.WithoutLeadingTrivia()));
                }
            }
            else
            {
                body = SyntaxFactory.Block(SyntaxFactory.ExpressionStatement((ExpressionSyntax)lambda.Body.WithoutTrivia()));
            }

            var type = parameter.Type?.WithoutTrivia() ?? SyntaxFactory.IdentifierName("var");
            return SyntaxFactory.ForEachStatement(
                    type.WithTrailingTrivia(SyntaxFactory.Space),
                    parameter.Identifier.WithoutTrivia(),
                    receiver.WithoutTrivia(),
                    body.WithoutLeadingTrivia())
                .WithLeadingTrivia(statement.GetLeadingTrivia())
                .WithTrailingTrivia(statement.GetTrailingTrivia())
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>The statement <c>receiver.ForEach(lambda);</c> and the lambda's one parameter.</summary>
        private static bool TryGetParts(
            AnonymousFunctionExpressionSyntax lambda,
            out ExpressionStatementSyntax statement,
            out ExpressionSyntax receiver,
            out ParameterSyntax parameter)
        {
            statement = null!;
            receiver = null!;
            parameter = null!;
            ParameterSyntax? single = lambda switch
            {
                SimpleLambdaExpressionSyntax simple => simple.Parameter,
                ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized => parenthesized.ParameterList.Parameters[0],
                AnonymousMethodExpressionSyntax { ParameterList.Parameters.Count: 1 } anonymous => anonymous.ParameterList.Parameters[0],
                _ => null,
            };
            if (single is null
                || lambda.Parent is not ArgumentSyntax { NameColon: null, RefKindKeyword.RawKind: 0 } argument
                || argument.Parent is not ArgumentListSyntax { Arguments.Count: 1, Parent: InvocationExpressionSyntax invocation }
                || invocation.Expression is not MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } memberAccess
                || invocation.Parent is not ExpressionStatementSyntax expressionStatement)
            {
                return false;
            }

            statement = expressionStatement;
            receiver = memberAccess.Expression;
            parameter = single;
            return true;
        }

        /// <summary>The nodes of <paramref name="body"/> that belong to the same function: nested lambdas and local functions are not entered.</summary>
        private static IEnumerable<SyntaxNode> DescendantsOfTheSameFunction(SyntaxNode body) =>
            body.DescendantNodesAndSelf(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax));

        private static bool IsInsideLoop(SyntaxNode node, SyntaxNode stop)
        {
            for (var current = node.Parent; current is not null && current != stop; current = current.Parent)
            {
                if (current is ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// Fix All: the recommended key changes both shapes in one pass (a method's return type touches every document that
    /// calls it, so each method is planned against the original solution and all edits are applied together); the
    /// rename key changes only the methods that may be renamed.
    /// </summary>
    private sealed class AsyncVoidFixAll : FixAllProvider
    {
        public static readonly AsyncVoidFixAll Instance = new();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var key = FixerHelpers.KeyOf(fixAllContext, RecommendedKey);
            if (key is not (RecommendedKey or RenameKey))
            {
                return Task.FromResult<CodeAction?>(null);
            }

            var title = key == RecommendedKey ? "Make async void methods return Task and ForEach calls loops" : "Make async void methods return Task and rename them";
            return Task.FromResult<CodeAction?>(CodeAction.Create(title, ct => FixAsync(fixAllContext, key, ct), key));
        }

        private static async Task<Solution> FixAsync(FixAllContext context, string key, CancellationToken cancellationToken)
        {
            var solution = context.Solution;
            IEnumerable<Document> documents = context.Scope switch
            {
                FixAllScope.Document when context.Document is not null => new[] { context.Document },
                FixAllScope.Project => context.Project.Documents,
                FixAllScope.Solution => solution.Projects.SelectMany(static p => p.Documents),
                _ => Enumerable.Empty<Document>(),
            };

            var plans = new List<ReturnTaskPlan>();
            var loops = new Dictionary<DocumentId, List<TextSpan>>();
            foreach (var document in documents)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var diagnostics = await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);
                if (diagnostics.IsEmpty)
                {
                    continue;
                }

                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (root is null || semanticModel is null)
                {
                    continue;
                }

                foreach (var diagnostic in diagnostics)
                {
                    if (FixerHelpers.IsFixable(diagnostic))
                    {
                        await CollectAsync(document, root, semanticModel, diagnostic, key, plans, loops, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            return await ReturnTaskPlan.ApplyAsync(solution, plans, loops, rename: key == RenameKey, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>What Fix All does for one diagnostic: a plan for an async void method, or a <c>ForEach</c> statement to turn into a loop.</summary>
        private static async Task CollectAsync(
            Document document,
            SyntaxNode root,
            SemanticModel semanticModel,
            Diagnostic diagnostic,
            string key,
            List<ReturnTaskPlan> plans,
            Dictionary<DocumentId, List<TextSpan>> loops,
            CancellationToken cancellationToken)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node is MethodDeclarationSyntax or LocalFunctionStatementSyntax)
            {
                if (await ReturnTaskPlan.CreateAsync(document, node, cancellationToken).ConfigureAwait(false) is { } plan
                    && (key == RecommendedKey || plan.NewName is not null))
                {
                    plans.Add(plan);
                }
            }
            else if (key == RecommendedKey
                && diagnostic.Properties.ContainsKey(DiagnosticProperties.ForEachLoop)
                && node is AnonymousFunctionExpressionSyntax lambda
                && ForEachLoop.CanRewrite(semanticModel, lambda, cancellationToken)
                && lambda.FirstAncestorOrSelf<ExpressionStatementSyntax>() is { } statement)
            {
                if (!loops.TryGetValue(document.Id, out var spans))
                {
                    loops[document.Id] = spans = new List<TextSpan>();
                }

                spans.Add(statement.Span);
            }
        }
    }
}
