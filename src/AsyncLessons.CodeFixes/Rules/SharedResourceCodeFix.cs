using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Internals;
using AsyncLessons.Internals;
using AsyncLessons.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncLessons.CodeFixes.Rules;

/// <summary>
/// AL0008 fix, "Run them one after another", the reverse of AL0001's: <c>await Task.WhenAll(a(), b());</c> becomes
/// <c>await a(); await b();</c> (a used result becomes <c>new T[] { await a(), await b() }</c>); tasks started into locals
/// are each awaited before the next one starts; <c>Task.WhenAll(items.Select(async x =&gt; ...))</c>,
/// <c>Parallel.ForEachAsync</c> and <c>Parallel.ForEach</c> become a <c>foreach</c> loop, <c>Parallel.For</c> a <c>for</c> loop.
/// Offered only where the rewrite keeps every result's type and name: never for <c>Task.WhenAny</c>, whose result is the first to finish.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SharedResourceCodeFix)), Shared]
public sealed class SharedResourceCodeFix : CodeFixProvider
{
    public const string RecommendedKey = RuleIds.SharedResource + ".OneAfterAnother";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.SharedResource);

    public override FixAllProvider GetFixAllProvider() => FixerHelpers.FixAll(RecommendedKey, static (_, document, diagnostics, ct) => FixAsync(document, diagnostics, ct));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Plan(root, model, diagnostic) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Run them one after another", ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), ct), RecommendedKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return document;
        }

        var done = new HashSet<SyntaxNode>();
        foreach (var diagnostic in diagnostics)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Plan(editor.OriginalRoot, model, diagnostic) is { } plan && done.Add(plan.Combinator))
            {
                plan.Apply(editor);
            }
        }

        return await FixerHelpers.CleanupAsync(document, editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A rewrite of one combinator, decided from the original tree.</summary>
    private sealed class Rewrite
    {
        public Rewrite(SyntaxNode combinator, Action<DocumentEditor> apply)
        {
            Combinator = combinator;
            Apply = apply;
        }

        public SyntaxNode Combinator { get; }

        public Action<DocumentEditor> Apply { get; }
    }

    private static Rewrite? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic)
    {
        if (!FixerHelpers.IsFixable(diagnostic) || diagnostic.AdditionalLocations.Count == 0
            || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax combinator
            || combinator.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name }
            || FixerHelpers.IsInUnsafeBlock(combinator))
        {
            return null;
        }

        var perItem = diagnostic.Properties.TryGetValue(DiagnosticProperties.CombinedForm, out var form) && form == SharedResourceAnalyzer.Forms.PerItem;
        var apply = name switch
        {
            "WhenAll" => perItem ? SelectLoop(combinator) : Sequence(combinator, model),
            "ForEachAsync" => ForEachAsyncLoop(combinator, model),
            "ForEach" => ForEachLoop(combinator),
            "For" => ForLoop(combinator, model),
            _ => null,
        };
        return apply is null ? null : new Rewrite(combinator, apply);
    }

    // ---- Task.WhenAll(a, b) ----

    /// <summary><c>await Task.WhenAll(a(), b())</c> → <c>await a(); await b();</c>; tasks in locals are each awaited before the next starts.</summary>
    private static Action<DocumentEditor>? Sequence(InvocationExpressionSyntax combinator, SemanticModel model)
    {
        if (AwaitOf(combinator, out var configure) is not { } awaitExpression || Listed(combinator) is not { Count: >= 2 } elements)
        {
            return null;
        }

        var locals = 0;
        foreach (var element in elements)
        {
            if (element is IdentifierNameSyntax && model.GetSymbolInfo(element).Symbol is ILocalSymbol)
            {
                locals++;
            }
        }

        if (locals == elements.Count)
        {
            return AwaitEachLocal(awaitExpression, elements, configure, model);
        }

        if (locals > 0)
        {
            return null;
        }

        if (awaitExpression.Parent is ExpressionStatementSyntax statement && CanHoldStatements(statement))
        {
            return editor =>
            {
                var statements = new List<StatementSyntax>(elements.Count);
                foreach (var element in elements)
                {
                    statements.Add(AwaitStatement(element, configure));
                }

                ReplaceStatement(editor, statement, statements);
            };
        }

        return AwaitEachIntoArray(combinator, awaitExpression, elements, configure, model);
    }

    /// <summary>
    /// The results are used: <c>await Task.WhenAll(a(), b())</c> → <c>new T[] { await a(), await b() }</c>, an array of
    /// the same type, filled one await at a time, left to right.
    /// </summary>
    private static Action<DocumentEditor>? AwaitEachIntoArray(
        InvocationExpressionSyntax combinator,
        AwaitExpressionSyntax awaitExpression,
        List<ExpressionSyntax> elements,
        ArgumentListSyntax? configure,
        SemanticModel model)
    {
        if (model.GetSymbolInfo(combinator).Symbol is not IMethodSymbol { IsGenericMethod: true, TypeArguments.Length: 1 } generic
            || generic.TypeArguments[0] is not { TypeKind: not TypeKind.Error } elementType)
        {
            return null;
        }

        return editor =>
        {
            var awaits = new List<ExpressionSyntax>(elements.Count);
            foreach (var element in elements)
            {
                awaits.Add(FixerHelpers.Await(Configured(element.WithoutTrivia(), configure)));
            }

            var type = SyntaxFactory.ParseTypeName(elementType.ToMinimalDisplayString(model, combinator.SpanStart)).WithAdditionalAnnotations(Simplifier.Annotation);
            var array = SyntaxFactory.ArrayCreationExpression(
                    SyntaxFactory.ArrayType(type, SyntaxFactory.SingletonList(SyntaxFactory.ArrayRankSpecifier(SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(SyntaxFactory.OmittedArraySizeExpression())))),
                    SyntaxFactory.InitializerExpression(SyntaxKind.ArrayInitializerExpression, SyntaxFactory.SeparatedList(awaits)))
                .WithAdditionalAnnotations(Formatter.Annotation)
                .WithTriviaFrom(awaitExpression);
            editor.ReplaceNode(awaitExpression, array);
        };
    }

    /// <summary>
    /// <c>var a = F(); var b = G(); await Task.WhenAll(a, b);</c>: awaits each task right after the statement that starts
    /// it, except the last, which the combinator still awaits. Every declaration must sit in the combinator's block.
    /// </summary>
    private static Action<DocumentEditor>? AwaitEachLocal(AwaitExpressionSyntax awaitExpression, List<ExpressionSyntax> elements, ArgumentListSyntax? configure, SemanticModel model)
    {
        if (awaitExpression.FirstAncestorOrSelf<StatementSyntax>() is not { Parent: BlockSyntax block } statement)
        {
            return null;
        }

        var declarations = new List<(LocalDeclarationStatementSyntax Declaration, string Name)>();
        foreach (var element in elements)
        {
            var local = (ILocalSymbol)model.GetSymbolInfo(element).Symbol!;
            if (local.DeclaringSyntaxReferences.Length != 1
                || local.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax declaration } }
                || declaration.Parent != block || declaration.SpanStart > statement.SpanStart)
            {
                return null;
            }

            declarations.Add((declaration, local.Name));
        }

        declarations.Sort((x, y) => x.Declaration.SpanStart.CompareTo(y.Declaration.SpanStart));
        return editor =>
        {
            for (var i = 0; i < declarations.Count - 1; i++)
            {
                var (declaration, name) = declarations[i];
                var awaitStatement = AwaitStatement(FixerHelpers.Identifier(name), configure)
                    .WithLeadingTrivia(Indentation(declaration))
                    .WithTrailingTrivia(EndOfLine(declaration));
                editor.InsertAfter(declaration, awaitStatement);
            }
        };
    }

    /// <summary>The operations written in the combinator: its arguments, or the elements of the one array or collection it is given.</summary>
    private static List<ExpressionSyntax>? Listed(InvocationExpressionSyntax combinator)
    {
        var arguments = combinator.ArgumentList.Arguments;
        var elements = new List<ExpressionSyntax>();
        foreach (var argument in arguments)
        {
            if (argument.NameColon is not null || !argument.RefKindKeyword.IsKind(SyntaxKind.None))
            {
                return null;
            }
        }

        if (arguments.Count >= 2)
        {
            foreach (var argument in arguments)
            {
                elements.Add(argument.Expression);
            }

            return elements;
        }

        if (arguments.Count != 1)
        {
            return null;
        }

        switch (arguments[0].Expression)
        {
            case ArrayCreationExpressionSyntax { Initializer: { } initializer }:
                elements.AddRange(initializer.Expressions);
                return elements;
            case ImplicitArrayCreationExpressionSyntax { Initializer: var initializer }:
                elements.AddRange(initializer.Expressions);
                return elements;
            case CollectionExpressionSyntax collection:
                foreach (var element in collection.Elements)
                {
                    if (element is not ExpressionElementSyntax { Expression: var expression })
                    {
                        return null;
                    }

                    elements.Add(expression);
                }

                return elements;
            default:
                return null;
        }
    }

    // ---- one operation per item ----

    /// <summary><c>await Task.WhenAll(items.Select(async x =&gt; { ... }));</c> → <c>foreach (var x in items) { ... }</c>.</summary>
    private static Action<DocumentEditor>? SelectLoop(InvocationExpressionSyntax combinator)
    {
        if (AwaitOf(combinator, out var configure) is not { Parent: ExpressionStatementSyntax statement } || !CanHoldStatements(statement)
            || combinator.ArgumentList.Arguments is not { Count: 1 } arguments || arguments[0].NameColon is not null)
        {
            return null;
        }

        var argument = arguments[0].Expression;

        while (argument is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ToList" or "ToArray" } materialized, ArgumentList.Arguments.Count: 0 })
        {
            argument = materialized.Expression;
        }

        if (argument is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Select" } select, ArgumentList.Arguments: { Count: 1 } selectArguments }
            || selectArguments[0].Expression is not LambdaExpressionSyntax lambda
            || SingleParameter(lambda) is not { } parameter
            || LoopBody(lambda, awaitTask: !lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword), configure, replacements: null) is not { } body)
        {
            return null;
        }

        return editor => ReplaceStatement(editor, statement, new[] { ForEach(awaitKeyword: false, parameter, select.Expression, body) });
    }

    /// <summary><c>await Parallel.ForEachAsync(items, async (x, token) =&gt; { ... });</c> → <c>foreach (var x in items) { ... }</c>, the loop's token in place of the body's.</summary>
    private static Action<DocumentEditor>? ForEachAsyncLoop(InvocationExpressionSyntax combinator, SemanticModel model)
    {
        if (AwaitOf(combinator, out _) is not { Parent: ExpressionStatementSyntax statement } || !CanHoldStatements(statement)
            || combinator.ArgumentList.Arguments is not { Count: 2 or 3 } arguments
            || arguments[arguments.Count - 1].Expression is not ParenthesizedLambdaExpressionSyntax { AsyncKeyword.RawKind: (int)SyntaxKind.AsyncKeyword, ParameterList.Parameters.Count: 2 } lambda)
        {
            return null;
        }

        var item = lambda.ParameterList.Parameters[0];
        var tokenParameter = lambda.ParameterList.Parameters[1];

        ExpressionSyntax token;
        if (arguments.Count == 3)
        {
            if (!model.GetTypeInfo(arguments[1].Expression).Type.IsEqualTo(KnownTypes.Get(model.Compilation).CancellationToken)
                || arguments[1].Expression is not (IdentifierNameSyntax or MemberAccessExpressionSyntax))
            {
                return null;
            }

            token = arguments[1].Expression.WithoutTrivia();
        }
        else
        {
            token = SyntaxFactory.ParseExpression("global::System.Threading.CancellationToken.None").WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
        }

        var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
        if (model.GetDeclaredSymbol(tokenParameter) is { } tokenSymbol)
        {
            foreach (var identifier in lambda.Body.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText == tokenSymbol.Name && model.GetSymbolInfo(identifier).Symbol.IsEqualTo(tokenSymbol))
                {
                    replacements.Add(identifier, token.WithTriviaFrom(identifier));
                }
            }
        }

        if (LoopBody(lambda, awaitTask: false, configure: null, replacements) is not { } body)
        {
            return null;
        }

        var source = arguments[0].Expression;
        var isAsyncEnumerable = model.GetTypeInfo(source).Type is { } sourceType
            && TypeHierarchy.Implements(sourceType, KnownTypes.Get(model.Compilation).Named("System.Collections.Generic.IAsyncEnumerable`1"));
        return editor => ReplaceStatement(editor, statement, new[] { ForEach(isAsyncEnumerable, item, source, body) });
    }

    /// <summary><c>Parallel.ForEach(items, x =&gt; { ... });</c> → <c>foreach (var x in items) { ... }</c>.</summary>
    private static Action<DocumentEditor>? ForEachLoop(InvocationExpressionSyntax combinator)
    {
        if (combinator.Parent is not ExpressionStatementSyntax statement || !CanHoldStatements(statement)
            || combinator.ArgumentList.Arguments is not { Count: 2 } arguments
            || arguments[1].Expression is not LambdaExpressionSyntax { AsyncKeyword.RawKind: 0 } lambda
            || SingleParameter(lambda) is not { } parameter
            || LoopBody(lambda, awaitTask: false, configure: null, replacements: null) is not { } body)
        {
            return null;
        }

        return editor => ReplaceStatement(editor, statement, new[] { ForEach(awaitKeyword: false, parameter, arguments[0].Expression, body) });
    }

    /// <summary><c>Parallel.For(from, to, i =&gt; { ... });</c> → <c>for (int i = from; i &lt; to; i++) { ... }</c>.</summary>
    private static Action<DocumentEditor>? ForLoop(InvocationExpressionSyntax combinator, SemanticModel model)
    {
        if (combinator.Parent is not ExpressionStatementSyntax statement || !CanHoldStatements(statement)
            || combinator.ArgumentList.Arguments is not { Count: 3 } arguments
            || arguments[2].Expression is not LambdaExpressionSyntax { AsyncKeyword.RawKind: 0 } lambda
            || SingleParameter(lambda) is not { } parameter
            || model.GetDeclaredSymbol(parameter) is not IParameterSymbol { Type: { SpecialType: SpecialType.System_Int32 or SpecialType.System_Int64 } indexType }
            || LoopBody(lambda, awaitTask: false, configure: null, replacements: null) is not { } body)
        {
            return null;
        }

        return editor =>
        {
            var name = SyntaxFactory.IdentifierName(parameter.Identifier.WithoutTrivia());
            var loop = SyntaxFactory.ForStatement(
                SyntaxFactory.VariableDeclaration(
                    SyntaxFactory.PredefinedType(SyntaxFactory.Token(indexType.SpecialType == SpecialType.System_Int32 ? SyntaxKind.IntKeyword : SyntaxKind.LongKeyword)),
                    SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(parameter.Identifier.WithoutTrivia()).WithInitializer(SyntaxFactory.EqualsValueClause(arguments[0].Expression.WithoutTrivia())))),
                SyntaxFactory.SeparatedList<ExpressionSyntax>(),
                SyntaxFactory.BinaryExpression(SyntaxKind.LessThanExpression, name, arguments[1].Expression.WithoutTrivia()),
                SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(SyntaxFactory.PostfixUnaryExpression(SyntaxKind.PostIncrementExpression, name)),
                body);
            ReplaceStatement(editor, statement, new StatementSyntax[] { loop.WithAdditionalAnnotations(Formatter.Annotation) });
        };
    }

    private static ParameterSyntax? SingleParameter(LambdaExpressionSyntax lambda) => lambda switch
    {
        SimpleLambdaExpressionSyntax simple => simple.Parameter,
        ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized => parenthesized.ParameterList.Parameters[0],
        _ => null,
    };

    /// <summary>
    /// The lambda's body as a loop body: its block, or its expression as a statement — awaited when the lambda returns
    /// the task instead of awaiting it (<paramref name="awaitTask"/>). Null when the body returns a value or leaves early
    /// (<c>return</c> has no loop equivalent here).
    /// </summary>
    private static StatementSyntax? LoopBody(LambdaExpressionSyntax lambda, bool awaitTask, ArgumentListSyntax? configure, Dictionary<SyntaxNode, SyntaxNode>? replacements)
    {
        if (ContainsReturn(lambda.Body))
        {
            return null;
        }

        var body = replacements is { Count: > 0 }
            ? lambda.Body.ReplaceNodes(replacements.Keys, (original, _) => replacements[original])
            : lambda.Body;
        switch (body)
        {
            case BlockSyntax block when !awaitTask:
                return block;
            case ExpressionSyntax expression:
                var statementExpression = awaitTask
                    ? FixerHelpers.Await(Configured(expression.WithoutTrivia(), configure))
                    : expression.WithoutTrivia();
                return SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(statementExpression)).WithAdditionalAnnotations(Formatter.Annotation);
            default:
                return null;
        }
    }

    private static bool ContainsReturn(SyntaxNode body) =>
        body.DescendantNodesAndSelf(node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax) || node == body)
            .Any(node => node is ReturnStatementSyntax or YieldStatementSyntax);

    private static StatementSyntax ForEach(bool awaitKeyword, ParameterSyntax parameter, ExpressionSyntax source, StatementSyntax body)
    {
        var type = parameter.Type?.WithoutTrivia() ?? SyntaxFactory.IdentifierName("var");
        var loop = SyntaxFactory.ForEachStatement(type, parameter.Identifier.WithoutTrivia(), source.WithoutTrivia(), body);
        if (awaitKeyword)
        {
            loop = loop.WithAwaitKeyword(SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                .WithAdditionalAnnotations(ConfigureAwaitConvention.NewAwait);
        }

        return loop.WithAdditionalAnnotations(Formatter.Annotation);
    }

    // ---- shared pieces ----

    /// <summary>The <c>await</c> of <c>await combinator</c> or <c>await combinator.ConfigureAwait(x)</c>, with the ConfigureAwait arguments.</summary>
    private static AwaitExpressionSyntax? AwaitOf(InvocationExpressionSyntax combinator, out ArgumentListSyntax? configure)
    {
        configure = null;
        SyntaxNode node = combinator;
        while (node.Parent is ParenthesizedExpressionSyntax)
        {
            node = node.Parent;
        }

        if (node.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } access && access.Expression == node
            && access.Parent is InvocationExpressionSyntax configured)
        {
            configure = configured.ArgumentList;
            node = configured;
        }

        return node.Parent as AwaitExpressionSyntax;
    }

    private static ExpressionSyntax Configured(ExpressionSyntax task, ArgumentListSyntax? configure) =>
        configure is null
            ? task
            : SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parenthesized(task), SyntaxFactory.IdentifierName("ConfigureAwait")),
                configure.WithoutTrivia());

    private static ExpressionSyntax Parenthesized(ExpressionSyntax expression) =>
        expression is IdentifierNameSyntax or InvocationExpressionSyntax or MemberAccessExpressionSyntax or ElementAccessExpressionSyntax
            ? expression
            : SyntaxFactory.ParenthesizedExpression(expression);

    private static StatementSyntax AwaitStatement(ExpressionSyntax task, ArgumentListSyntax? configure) =>
        SyntaxFactory.ExpressionStatement(FixerHelpers.Await(Configured(task.WithoutTrivia(), configure)));

    private static bool CanHoldStatements(StatementSyntax statement) =>
        statement.Parent is BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax;

    /// <summary>Puts <paramref name="statements"/> where <paramref name="statement"/> was, the first with its leading trivia and the last with its trailing trivia.</summary>
    private static void ReplaceStatement(DocumentEditor editor, StatementSyntax statement, IReadOnlyList<StatementSyntax> statements)
    {
        var indentation = Indentation(statement);
        var endOfLine = EndOfLine(statement);
        var shaped = new List<SyntaxNode>(statements.Count);
        for (var i = 0; i < statements.Count; i++)
        {
            var next = statements[i]
                .WithLeadingTrivia(i == 0 ? statement.GetLeadingTrivia() : indentation)
                .WithTrailingTrivia(i == statements.Count - 1 ? statement.GetTrailingTrivia() : endOfLine);
            shaped.Add(statement.Parent is GlobalStatementSyntax ? SyntaxFactory.GlobalStatement(next) : next);
        }

        var target = statement.Parent is GlobalStatementSyntax global ? (SyntaxNode)global : statement;
        if (shaped.Count == 1)
        {
            editor.ReplaceNode(target, shaped[0]);
            return;
        }

        editor.InsertAfter(target, shaped.Skip(1));
        editor.ReplaceNode(target, shaped[0]);
    }

    /// <summary>The whitespace that indents <paramref name="statement"/>'s line.</summary>
    private static SyntaxTriviaList Indentation(StatementSyntax statement)
    {
        var leading = statement.GetLeadingTrivia();
        return leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
            ? SyntaxFactory.TriviaList(leading[leading.Count - 1])
            : SyntaxFactory.TriviaList();
    }

    /// <summary>The line ending the file uses after <paramref name="statement"/> (CRLF files stay CRLF).</summary>
    private static SyntaxTriviaList EndOfLine(StatementSyntax statement) => SyntaxFactory.TriviaList(FixerHelpers.EndOfLineOf(statement));
}
