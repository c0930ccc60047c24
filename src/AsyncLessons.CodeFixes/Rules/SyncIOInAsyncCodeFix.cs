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
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncLessons.CodeFixes.Rules;

/// <summary>
/// AL0005 fix: <c>x.M(args)</c> → <c>await x.MAsync(args[, token])</c>, only when the new call binds to an awaitable
/// of the same result; <c>using</c> → <c>await using</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SyncIOInAsyncCodeFix)), Shared]
public sealed class SyncIOInAsyncCodeFix : CodeFixProvider
{
    /// <summary>The one kind of fix, for every shape: calls, <c>using</c> and <c>CreateScope()</c>.</summary>
    public const string RecommendedKey = RuleIds.SyncIOInAsync + ".UseAsyncCounterpart";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.SyncIOInAsync);

    public override FixAllProvider GetFixAllProvider() => FixerHelpers.FixAll(RecommendedKey, static (_, document, diagnostics, ct) => FixAsync(document, diagnostics, ct));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var semanticModel = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || semanticModel is null)
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
            if (diagnostic.Properties.ContainsKey(DiagnosticProperties.AsyncScope))
            {
                if (node is InvocationExpressionSyntax scopeCreation && AsyncScopeUsingOf(scopeCreation, semanticModel, context.CancellationToken) is { } scopeUsing && CanAwaitUsing(context.Document, scopeUsing, context.CancellationToken))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Use 'await using' and 'CreateAsyncScope()'", ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), ct), RecommendedKey),
                        diagnostic);
                }

                continue;
            }

            if (UsingStatementOf(root, diagnostic) is { } usingNode)
            {
                if (CanAwaitUsing(context.Document, usingNode, context.CancellationToken)
                    || ConfiguredAwaitUsing.CanRewrite(usingNode, semanticModel, context.CancellationToken))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Use 'await using'", ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), ct), RecommendedKey),
                        diagnostic);
                }

                continue;
            }

            if (node is InvocationExpressionSyntax invocation
                && Rewrite(invocation, invocation, diagnostic, semanticModel, context.CancellationToken) is not null
                && diagnostic.Properties.TryGetValue(DiagnosticProperties.AsyncMethodName, out var name))
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Use 'await {name}(...)'", ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), ct), RecommendedKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (semanticModel is null || root is null)
        {
            return document;
        }

        string? import = null;
        foreach (var diagnostic in diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is InvocationExpressionSyntax queried)
            {
                import ??= ImportFor(diagnostic, queried, semanticModel);
            }
        }

        var fixedDocument = await FixerHelpers.EditAsync(
            document,
            diagnostics,
            (editor, diagnostic, node) => Edit(editor, diagnostic, node, root, semanticModel, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        fixedDocument = await ConfiguredAwaitUsing.RewriteMarkedAsync(fixedDocument, cancellationToken).ConfigureAwait(false);
        return import is null ? fixedDocument : await AddUsingAsync(fixedDocument, import, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One diagnostic's edit: <c>await using</c> for a scope or a <c>using</c>, the counterpart for a call.</summary>
    private static void Edit(DocumentEditor editor, Diagnostic diagnostic, SyntaxNode node, SyntaxNode root, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        var document = editor.OriginalDocument;
        if (diagnostic.Properties.ContainsKey(DiagnosticProperties.AsyncScope))
        {
            if (node is InvocationExpressionSyntax scopeCreation
                && AsyncScopeUsingOf(scopeCreation, semanticModel, cancellationToken) is { } scopeUsing
                && CanAwaitUsing(document, scopeUsing, cancellationToken))
            {
                var offset = scopeCreation.SpanStart - scopeUsing.SpanStart;
                editor.ReplaceNode(scopeUsing, (current, _) => AwaitUsing(RenameScopeCreation(current, offset)));
            }

            return;
        }

        if (UsingStatementOf(root, diagnostic) is { } usingNode)
        {
            if (CanAwaitUsing(document, usingNode, cancellationToken))
            {
                editor.ReplaceNode(usingNode, (current, _) => AwaitUsing(current));
            }
            else if (ConfiguredAwaitUsing.CanRewrite(usingNode, semanticModel, cancellationToken))
            {
                // Split in two once every other edit is made (a call inside the block may be fixed too).
                editor.ReplaceNode(usingNode, static (current, _) => current.WithAdditionalAnnotations(ConfiguredAwaitUsing.Mark));
            }

            return;
        }

        if (node is InvocationExpressionSyntax invocation
            && Rewrite(invocation, invocation, diagnostic, semanticModel, cancellationToken) is not null)
        {
            editor.ReplaceNode(invocation, (current, _) =>
                current is InvocationExpressionSyntax currentInvocation
                    ? Rewrite(currentInvocation, invocation, diagnostic, semanticModel, cancellationToken) ?? current
                    : current);
        }
    }

    /// <summary>
    /// The <c>using</c> whose resource is <paramref name="creation"/> (<c>services.CreateScope()</c>), when
    /// <c>services.CreateAsyncScope()</c> binds in its place.
    /// </summary>
    private static SyntaxNode? AsyncScopeUsingOf(InvocationExpressionSyntax creation, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (creation.Expression is not MemberAccessExpressionSyntax memberAccess)
        {
            return null;
        }

        var probe = creation.WithExpression(memberAccess.WithName(SyntaxFactory.IdentifierName(ServiceScopes.CreateAsyncScope)));
        if (semanticModel.GetSpeculativeSymbolInfo(creation.SpanStart, probe, SpeculativeBindingOption.BindAsExpression).Symbol is not IMethodSymbol { Name: ServiceScopes.CreateAsyncScope })
        {
            return null;
        }

        SyntaxNode? parent = creation.Parent;
        while (parent is EqualsValueClauseSyntax or VariableDeclaratorSyntax or VariableDeclarationSyntax)
        {
            parent = parent.Parent;
        }

        return parent switch
        {
            UsingStatementSyntax statement => statement,
            LocalDeclarationStatementSyntax { UsingKeyword.RawKind: not 0 } declaration => declaration,
            _ => null,
        };
    }

    /// <summary><c>CreateScope()</c> → <c>CreateAsyncScope()</c> for the creation at <paramref name="offset"/> in the using.</summary>
    private static SyntaxNode RenameScopeCreation(SyntaxNode usingNode, int offset)
    {
        var position = usingNode.SpanStart + offset;
        foreach (var invocation in usingNode.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (invocation.SpanStart == position && invocation.Expression is MemberAccessExpressionSyntax memberAccess)
            {
                return usingNode.ReplaceNode(
                    memberAccess.Name,
                    SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(ServiceScopes.CreateAsyncScope).WithTriviaFrom(memberAccess.Name.Identifier)));
            }
        }

        return usingNode;
    }

    /// <summary>The <c>using</c> statement or declaration whose keyword the diagnostic points at, if it is one.</summary>
    private static SyntaxNode? UsingStatementOf(SyntaxNode root, Diagnostic diagnostic)
    {
        var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
        if (!token.IsKind(SyntaxKind.UsingKeyword) || token.Span != diagnostic.Location.SourceSpan)
        {
            return null;
        }

        return token.Parent switch
        {
            UsingStatementSyntax statement => statement,
            LocalDeclarationStatementSyntax declaration => declaration,
            _ => null,
        };
    }

    /// <summary>
    /// True where a plain <c>await using</c> may be written: C# 8 or later, outside <c>unsafe</c>, and not in code whose
    /// awaits are configured (<see cref="ConfigureAwaitConvention"/>), where <see cref="ConfiguredAwaitUsing"/> is
    /// written instead, if it can be.
    /// </summary>
    private static bool CanAwaitUsing(Document document, SyntaxNode usingNode, CancellationToken cancellationToken) =>
        usingNode.SyntaxTree.Options is not CSharpParseOptions { LanguageVersion: < LanguageVersion.CSharp8 }
        && !FixerHelpers.IsInUnsafeBlock(usingNode)
        && !ConfigureAwaitConvention.Configures(document, usingNode, cancellationToken);

    private static SyntaxNode AwaitUsing(SyntaxNode node)
    {
        switch (node)
        {
            case UsingStatementSyntax { AwaitKeyword.RawKind: 0 } statement:
                return statement
                    .WithAwaitKeyword(AwaitToken(statement.UsingKeyword))
                    .WithUsingKeyword(statement.UsingKeyword.WithLeadingTrivia());
            case LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: 0 } declaration:
                return declaration
                    .WithAwaitKeyword(AwaitToken(declaration.UsingKeyword))
                    .WithUsingKeyword(declaration.UsingKeyword.WithLeadingTrivia());
            default:
                return node;
        }
    }

    /// <summary>
    /// <c>await using</c> in code whose awaits are configured: the resource moves to a local of its own and the
    /// configured disposable is awaited, so the variable keeps its type.
    /// <c>using var w = E;</c> → <c>var w = E; await using var wDisposal = w.ConfigureAwait(false);</c> and
    /// <c>using (var w = E) { ... }</c> → <c>var w = E; await using (w.ConfigureAwait(false)) { ... }</c>. Null (no fix)
    /// where that would not mean the same: several variables, a type that does not implement <c>IAsyncDisposable</c>,
    /// a statement outside a block, or a name the wider scope would capture or collide with.
    /// </summary>
    private static class ConfiguredAwaitUsing
    {
        /// <summary>The mark on a <c>using</c> to rewrite once the other edits of the fix are made.</summary>
        public static readonly SyntaxAnnotation Mark = new(nameof(ConfiguredAwaitUsing));

        /// <summary>True when <paramref name="usingNode"/> can become the configured form and mean the same.</summary>
        public static bool CanRewrite(SyntaxNode usingNode, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            if (usingNode.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: < LanguageVersion.CSharp8 }
                || FixerHelpers.IsInUnsafeBlock(usingNode)
                || usingNode.Parent is not BlockSyntax block
                || DeclarationOf(usingNode) is not { } declaration
                || KnownTypes.Get(semanticModel.Compilation).AsyncDisposable is not { } asyncDisposable
                || semanticModel.GetDeclaredSymbol(declaration.Variables[0], cancellationToken) is not ILocalSymbol { Type: { } type }
                || !(type.IsEqualTo(asyncDisposable) || type.AllInterfaces.Contains(asyncDisposable, SymbolEqualityComparer.Default)))
            {
                return false;
            }

            var name = declaration.Variables[0].Identifier.ValueText;
            return usingNode is UsingStatementSyntax
                ? !IsWrittenOutside(block, usingNode, name)
                : !IsWrittenOutside(block, null, name + "Disposal") && semanticModel.LookupSymbols(usingNode.SpanStart, name: name + "Disposal").IsEmpty;
        }

        /// <summary>Rewrites the marked <c>using</c>s of <paramref name="document"/>, each into its two statements.</summary>
        public static async Task<Document> RewriteMarkedAsync(Document document, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var changed = false;
            while (root.GetAnnotatedNodes(Mark).FirstOrDefault() is StatementSyntax marked)
            {
                var unmarked = marked.WithoutAnnotations(Mark);
                if (DeclarationOf(unmarked) is { } declaration && Split(unmarked, declaration) is var (resource, awaitUsing))
                {
                    root = root.ReplaceNode(marked, new SyntaxNode[] { resource, awaitUsing });
                    changed = true;
                }
                else
                {
                    root = root.ReplaceNode(marked, unmarked);
                }
            }

            return changed ? document.WithSyntaxRoot(root) : document;
        }

        private static VariableDeclarationSyntax? DeclarationOf(SyntaxNode usingNode) => usingNode switch
        {
            UsingStatementSyntax { AwaitKeyword.RawKind: 0, Declaration: { Variables.Count: 1 } declaration } => declaration,
            LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: 0, UsingKeyword.RawKind: not 0, Declaration.Variables.Count: 1 } local => local.Declaration,
            _ => null,
        };

        private static (StatementSyntax Resource, StatementSyntax AwaitUsing)? Split(StatementSyntax usingNode, VariableDeclarationSyntax declaration)
        {
            var name = declaration.Variables[0].Identifier.ValueText;
            var leading = usingNode.GetLeadingTrivia();
            var indentation = leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia) ? leading[leading.Count - 1] : default;
            var resource = SyntaxFactory.LocalDeclarationStatement(declaration.WithoutTrivia())
                .WithLeadingTrivia(leading)
                .WithTrailingTrivia(FixerHelpers.EndOfLineOf(usingNode));
            var configured = ConfigureAwaitConvention.Configure(FixerHelpers.Identifier(name));
            var awaitToken = SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithLeadingTrivia(indentation).WithTrailingTrivia(SyntaxFactory.Space);
            switch (usingNode)
            {
                case UsingStatementSyntax statement:
                    return (resource, statement.WithAwaitKeyword(awaitToken)
                        .WithUsingKeyword(statement.UsingKeyword.WithLeadingTrivia())
                        .WithDeclaration(null)
                        .WithExpression(configured));
                case LocalDeclarationStatementSyntax local:
                    var disposal = SyntaxFactory.VariableDeclaration(
                        SyntaxFactory.IdentifierName("var").WithTrailingTrivia(SyntaxFactory.Space),
                        SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(name + "Disposal"))
                            .WithInitializer(SyntaxFactory.EqualsValueClause(configured)
                                .WithEqualsToken(SyntaxFactory.Token(SyntaxKind.EqualsToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)))));
                    return (resource, local.WithAwaitKeyword(awaitToken)
                        .WithUsingKeyword(local.UsingKeyword.WithLeadingTrivia().WithTrailingTrivia(SyntaxFactory.Space))
                        .WithDeclaration(disposal));
                default:
                    return null;
            }
        }

        /// <summary>True when <paramref name="name"/> is written anywhere in <paramref name="block"/> outside <paramref name="except"/>.</summary>
        private static bool IsWrittenOutside(BlockSyntax block, SyntaxNode? except, string name)
        {
            foreach (var token in block.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name && (except is null || !except.Span.Contains(token.Span)))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private static SyntaxToken AwaitToken(SyntaxToken usingKeyword) =>
        SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithLeadingTrivia(usingKeyword.LeadingTrivia).WithTrailingTrivia(SyntaxFactory.Space);

    /// <summary>
    /// <c>(await x.MAsync(args[, token]))</c> built from <paramref name="current"/>, or null unless the new call (checked
    /// against <paramref name="original"/>) binds to an awaitable of the same result: a fix that does not compile or that
    /// picks another overload is never offered.
    /// </summary>
    private static ExpressionSyntax? Rewrite(
        InvocationExpressionSyntax current,
        InvocationExpressionSyntax original,
        Diagnostic diagnostic,
        SemanticModel semanticModel,
        CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.AsyncMethodName, out var asyncName)
            || asyncName is null
            || FixerHelpers.IsInUnsafeBlock(original)
            || semanticModel.GetSymbolInfo(original, cancellationToken).Symbol is not IMethodSymbol syncMethod)
        {
            return null;
        }

        var renamed = Rename(current.Expression, asyncName);
        if (renamed is null)
        {
            return null;
        }

        var tokenExpression = TokenToPass(original, diagnostic, semanticModel);
        var arguments = current.ArgumentList;
        if (tokenExpression is not null)
        {
            var tokenArgument = SyntaxFactory.Argument(tokenExpression);
            if (arguments.Arguments.Any(a => a.NameColon is not null)
                && diagnostic.Properties.TryGetValue(DiagnosticProperties.CancellationTokenParameterName, out var parameterName)
                && parameterName is not null)
            {
                tokenArgument = tokenArgument.WithNameColon(SyntaxFactory.NameColon(FixerHelpers.Identifier(parameterName)));
            }

            arguments = arguments.WithArguments(arguments.Arguments.Add(tokenArgument));
        }

        var call = current.WithExpression(renamed).WithArgumentList(arguments);

        // Bind the new call where the old one stood (on the original tree) and make sure it is what we promised.
        var probe = original.WithExpression(Rename(original.Expression, asyncName)!).WithArgumentList(
            tokenExpression is null ? original.ArgumentList : original.ArgumentList.WithArguments(original.ArgumentList.Arguments.Add(arguments.Arguments.Last())));
        if (semanticModel.GetSpeculativeSymbolInfo(original.SpanStart, probe, SpeculativeBindingOption.BindAsExpression).Symbol is not IMethodSymbol asyncMethod
            || asyncMethod.Name != asyncName
            || !ReturnsAwaitableOf(asyncMethod, syncMethod))
        {
            // An EF Core operator whose namespace the file does not import yet: the fix adds the using, then it binds.
            if (ImportFor(diagnostic, original, semanticModel) is null)
            {
                return null;
            }
        }

        return FixerHelpers.AwaitInPlaceOf(current, call);
    }

    /// <summary>
    /// The token the counterpart is given: the enclosing function's token named by the analyzer, if it is still a
    /// parameter in scope, or <c>CancellationToken.None</c> where the analyzer asked for an explicit one.
    /// </summary>
    private static ExpressionSyntax? TokenToPass(InvocationExpressionSyntax original, Diagnostic diagnostic, SemanticModel semanticModel)
    {
        ExpressionSyntax? tokenExpression = null;
        if (diagnostic.Properties.TryGetValue(DiagnosticProperties.CancellationTokenName, out var tokenName) && tokenName is not null)
        {
            if (semanticModel.LookupSymbols(original.SpanStart, name: tokenName).FirstOrDefault() is IParameterSymbol)
            {
                tokenExpression = FixerHelpers.Identifier(tokenName);
            }
        }
        else if (diagnostic.Properties.ContainsKey(DiagnosticProperties.PassNoneToken))
        {
            tokenExpression = SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                SyntaxFactory.ParseTypeName("global::System.Threading.CancellationToken").WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation),
                SyntaxFactory.IdentifierName("None"));
        }

        return tokenExpression;
    }

    /// <summary>
    /// The namespace to import for the counterpart's class (<see cref="DiagnosticProperties.CounterpartType"/>) when it
    /// is not in scope at <paramref name="invocation"/> and the class has the counterpart; null otherwise.
    /// </summary>
    private static string? ImportFor(Diagnostic diagnostic, SyntaxNode invocation, SemanticModel semanticModel)
    {
        if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.CounterpartType, out var typeName) || typeName is null
            || !diagnostic.Properties.TryGetValue(DiagnosticProperties.AsyncMethodName, out var asyncName) || asyncName is null
            || KnownTypes.Get(semanticModel.Compilation).Named(typeName) is not { ContainingNamespace: { IsGlobalNamespace: false } ns } type
            || type.GetMembers(asyncName).IsEmpty
            || !semanticModel.LookupNamespacesAndTypes(invocation.SpanStart, name: type.Name).IsEmpty)
        {
            return null;
        }

        return ns.ToDisplayString();
    }

    /// <summary>Adds <c>using <paramref name="ns"/>;</c> among the file's usings, in order (System first), with the file's line ending.</summary>
    private static async Task<Document> AddUsingAsync(Document document, string ns, CancellationToken cancellationToken)
    {
        if (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not CompilationUnitSyntax root
            || root.Usings.Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == ns))
        {
            return document;
        }

        var endOfLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ns).WithLeadingTrivia(SyntaxFactory.Space))
            .WithTrailingTrivia(endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : SyntaxFactory.EndOfLine("\n"));
        var usings = root.Usings;
        var index = 0;
        while (index < usings.Count && ComesBefore(usings[index], ns))
        {
            index++;
        }

        if (index == 0 && usings.Count > 0)
        {
            // The new first using takes over the file's leading trivia (a header comment).
            directive = directive.WithLeadingTrivia(usings[0].GetLeadingTrivia());
            usings = usings.Replace(usings[0], usings[0].WithLeadingTrivia());
        }
        else if (usings.Count == 0)
        {
            directive = directive.WithTrailingTrivia(directive.GetTrailingTrivia().Add(directive.GetTrailingTrivia()[0]));
        }

        return document.WithSyntaxRoot(root.WithUsings(usings.Insert(index, directive)));
    }

    private static bool ComesBefore(UsingDirectiveSyntax existing, string ns)
    {
        if (existing.Alias is not null || !existing.StaticKeyword.IsKind(SyntaxKind.None) || existing.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
        {
            return existing.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword);
        }

        var name = existing.Name?.ToString() ?? string.Empty;
        var systemFirst = IsSystem(name).CompareTo(IsSystem(ns));
        return systemFirst > 0 || (systemFirst == 0 && string.CompareOrdinal(name, ns) < 0);
    }

    private static bool IsSystem(string name) => name == "System" || name.StartsWith("System.", System.StringComparison.Ordinal);

    private static ExpressionSyntax? Rename(ExpressionSyntax expression, string asyncName) => expression switch
    {
        MemberAccessExpressionSyntax memberAccess => memberAccess.WithName(RenameName(memberAccess.Name, asyncName)),
        SimpleNameSyntax name => RenameName(name, asyncName),
        _ => null,
    };

    private static SimpleNameSyntax RenameName(SimpleNameSyntax name, string asyncName) => name switch
    {
        GenericNameSyntax generic => generic.WithIdentifier(SyntaxFactory.Identifier(asyncName).WithTriviaFrom(generic.Identifier)),
        _ => SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(asyncName).WithTriviaFrom(name.Identifier)),
    };

    /// <summary>void → Task/ValueTask; T → Task&lt;T&gt;/ValueTask&lt;T&gt; (by the names of the framework's task types).</summary>
    private static bool ReturnsAwaitableOf(IMethodSymbol asyncMethod, IMethodSymbol syncMethod)
    {
        if (asyncMethod.ReturnType is not INamedTypeSymbol { Name: "Task" or "ValueTask", ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace.Name: "System" } } } returnType)
        {
            return false;
        }

        return syncMethod.ReturnsVoid
            ? returnType.TypeArguments.Length == 0
            : returnType.TypeArguments.Length == 1 && returnType.TypeArguments[0].IsEqualTo(syncMethod.ReturnType);
    }
}
