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
using Microsoft.CodeAnalysis.Formatting;

namespace AsyncLessons.CodeFixes.Rules;

/// <summary>
/// AL0007 fixes: the loop becomes <c>await Task.WhenAll(items.Select(item =&gt; F(item)));</c> (or
/// <c>results.AddRange(await Task.WhenAll(...));</c>, which keeps the order), or, for bounded concurrency,
/// <c>await Parallel.ForEachAsync(items, async (item, ct) =&gt; await F(item));</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AwaitInLoopCodeFix)), Shared]
public sealed class AwaitInLoopCodeFix : CodeFixProvider
{
    public const string RecommendedKey = RuleIds.AwaitInLoop + ".WhenAll";
    public const string ParallelForEachKey = RuleIds.AwaitInLoop + ".ParallelForEachAsync";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.AwaitInLoop);

    public override FixAllProvider GetFixAllProvider() =>
        FixerHelpers.FixAll(
            RecommendedKey,
            static (key, document, diagnostics, ct) =>
            {
                var parallel = key == ParallelForEachKey;
                var fixable = parallel ? diagnostics.Where(static d => d.Properties.ContainsKey(DiagnosticProperties.CanUseParallelForEach)).ToImmutableArray() : diagnostics;
                return fixable.IsEmpty ? Task.FromResult(document) : FixAsync(document, fixable, parallel, ct);
            },
            ParallelForEachKey);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!FixerHelpers.IsFixable(diagnostic) || Loop.Find(root, diagnostic) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Run the items together with Task.WhenAll", ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), false, ct), RecommendedKey),
                diagnostic);
            if (diagnostic.Properties.ContainsKey(DiagnosticProperties.CanUseParallelForEach))
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Run the items with Parallel.ForEachAsync (bounded concurrency)", ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), true, ct), ParallelForEachKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, bool parallel, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || semanticModel is null)
        {
            return document;
        }

        var loops = new Dictionary<ForEachStatementSyntax, Loop>();
        foreach (var diagnostic in diagnostics)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Loop.Find(root, diagnostic) is { } loop && !loops.ContainsKey(loop.Syntax))
            {
                loops.Add(loop.Syntax, loop);
            }
        }

        if (loops.Count == 0)
        {
            return document;
        }

        var needsLinq = !parallel && loops.Values.Any(loop => !HasLinqSelect(semanticModel, loop.Syntax, cancellationToken));
        var newRoot = root.ReplaceNodes(
            loops.Keys,
            (original, _) => Rewrite(loops[original], semanticModel, parallel));
        if (needsLinq && newRoot is CompilationUnitSyntax unit)
        {
            newRoot = AddUsing(unit, "System.Linq");
        }

        return await FixerHelpers.CleanupAsync(document, document.WithSyntaxRoot(newRoot), cancellationToken).ConfigureAwait(false);
    }

    private static StatementSyntax Rewrite(Loop loop, SemanticModel semanticModel, bool parallel)
    {
        var foreachSyntax = loop.Syntax;
        var item = foreachSyntax.Identifier.WithoutTrivia();
        var collection = foreachSyntax.Expression.WithoutTrivia();
        var configureAwaitFalse = loop.Diagnostic.Properties.ContainsKey(DiagnosticProperties.ConfigureAwaitFalse);
        var expression = parallel
            ? ForEachAsync(loop, semanticModel, item, collection, configureAwaitFalse)
            : WhenAll(loop, item, collection, configureAwaitFalse);
        var loopLeading = foreachSyntax.GetLeadingTrivia();
        var comments = CommentsInside(loop, loopLeading);

        // Only what follows the statement's first token is formatted: the statement keeps the loop's indentation, and
        // the statements around it (which the formatter would re-indent by its own rules, a block under a `case`) are
        // left as they are.
        ExpressionSyntax formatted = expression switch
        {
            AwaitExpressionSyntax awaitExpression => awaitExpression.WithExpression(awaitExpression.Expression.WithAdditionalAnnotations(Formatter.Annotation)),
            InvocationExpressionSyntax invocation => invocation.WithArgumentList(invocation.ArgumentList.WithAdditionalAnnotations(Formatter.Annotation)),
            _ => expression.WithAdditionalAnnotations(Formatter.Annotation),
        };
        return SyntaxFactory.ExpressionStatement(formatted, SyntaxFactory.Token(SyntaxKind.SemicolonToken).WithoutTrivia())
            .WithLeadingTrivia(loopLeading.AddRange(comments))
            .WithTrailingTrivia(foreachSyntax.GetTrailingTrivia());
    }

    /// <summary><c>await Parallel.ForEachAsync(items, async (item, ct) => await F(item))</c>.</summary>
    private static ExpressionSyntax ForEachAsync(Loop loop, SemanticModel semanticModel, SyntaxToken item, ExpressionSyntax collection, bool configureAwaitFalse)
    {
        var token = UniqueName(semanticModel, loop.Syntax, "ct");
        var lambda = SyntaxFactory.ParenthesizedLambdaExpression(
                SyntaxFactory.ParameterList(SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Parameter(item), SyntaxFactory.Parameter(SyntaxFactory.Identifier(token)) })),
                loop.Await.WithoutTrivia())
            .WithAsyncKeyword(SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space));
        var forEachAsync = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, ParallelType(), SyntaxFactory.IdentifierName("ForEachAsync")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Argument(collection), SyntaxFactory.Argument(lambda) })));
        return FixerHelpers.Await(ConfigureAwait(forEachAsync, configureAwaitFalse));
    }

    /// <summary>
    /// <c>await Task.WhenAll(items.Select(item => F(item)))</c>, or <c>results.AddRange(await Task.WhenAll(...))</c>
    /// when the loop collected the results.
    /// </summary>
    private static ExpressionSyntax WhenAll(Loop loop, SyntaxToken item, ExpressionSyntax collection, bool configureAwaitFalse)
    {
        ExpressionSyntax call = loop.Call.WithoutTrivia();
        if (loop.Diagnostic.Properties.ContainsKey(DiagnosticProperties.IsValueTask))
        {
            call = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, call, SyntaxFactory.IdentifierName("AsTask")));
        }

        var select = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parenthesize(collection), SyntaxFactory.IdentifierName("Select")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                SyntaxFactory.SimpleLambdaExpression(SyntaxFactory.Parameter(item), call)))));
        var whenAll = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, FixerHelpers.TaskType(), SyntaxFactory.IdentifierName("WhenAll")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(select))));
        ExpressionSyntax awaited = FixerHelpers.Await(ConfigureAwait(whenAll, configureAwaitFalse));
        if (loop.Results is { } results)
        {
            // results.AddRange(await Task.WhenAll(...)): WhenAll returns the results in the items' order.
            awaited = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, results.WithoutTrivia(), SyntaxFactory.IdentifierName("AddRange")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(awaited))));
        }

        return awaited;
    }

    /// <summary>
    /// Comments written inside the loop (outside the call itself), each on its own line at the loop's indentation:
    /// they move above the new statement.
    /// </summary>
    private static List<SyntaxTrivia> CommentsInside(Loop loop, SyntaxTriviaList loopLeading)
    {
        var foreachSyntax = loop.Syntax;
        var endOfLine = foreachSyntax.DescendantTrivia().FirstOrDefault(static t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        if (!endOfLine.IsKind(SyntaxKind.EndOfLineTrivia))
        {
            endOfLine = SyntaxFactory.ElasticCarriageReturnLineFeed;
        }

        var indentation = loopLeading.Count > 0 && loopLeading[loopLeading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
            ? loopLeading[loopLeading.Count - 1]
            : default;
        var comments = new List<SyntaxTrivia>();
        foreach (var trivia in foreachSyntax.DescendantTrivia())
        {
            if ((trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
                && !foreachSyntax.GetLeadingTrivia().Contains(trivia)
                && !foreachSyntax.GetTrailingTrivia().Contains(trivia)
                && !loop.Call.Span.Contains(trivia.Span))
            {
                comments.Add(trivia);
                comments.Add(endOfLine);
                if (indentation.IsKind(SyntaxKind.WhitespaceTrivia))
                {
                    comments.Add(indentation);
                }
            }
        }

        return comments;
    }

    private static ExpressionSyntax Parenthesize(ExpressionSyntax expression) =>
        expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax
            or ThisExpressionSyntax or ParenthesizedExpressionSyntax or GenericNameSyntax or ObjectCreationExpressionSyntax
            or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or BaseExpressionSyntax or LiteralExpressionSyntax
            ? expression
            : SyntaxFactory.ParenthesizedExpression(expression);

    private static ExpressionSyntax ConfigureAwait(ExpressionSyntax awaited, bool configureAwaitFalse) =>
        configureAwaitFalse ? ConfigureAwaitConvention.Configure(awaited) : awaited;

    private static TypeSyntax ParallelType() =>
        SyntaxFactory.ParseTypeName("global::System.Threading.Tasks.Parallel")
            .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Simplification.Simplifier.Annotation, Microsoft.CodeAnalysis.Simplification.Simplifier.AddImportsAnnotation);

    private static string UniqueName(SemanticModel semanticModel, SyntaxNode node, string baseName)
    {
        var taken = new HashSet<string>(node.DescendantTokens().Where(static t => t.IsKind(SyntaxKind.IdentifierToken)).Select(static t => t.ValueText));
        var name = baseName;
        for (var suffix = 2; taken.Contains(name) || semanticModel.LookupSymbols(node.SpanStart, name: name).Length > 0; suffix++)
        {
            name = baseName + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }

    /// <summary>True when <c>items.Select(...)</c> already binds to LINQ at the loop (a using or global using is in scope).</summary>
    private static bool HasLinqSelect(SemanticModel semanticModel, ForEachStatementSyntax loop, CancellationToken cancellationToken)
    {
        var collectionType = semanticModel.GetTypeInfo(loop.Expression, cancellationToken).Type;
        if (collectionType is null)
        {
            return false;
        }

        foreach (var symbol in semanticModel.LookupSymbols(loop.SpanStart, collectionType, "Select", includeReducedExtensionMethods: true))
        {
            if (symbol is IMethodSymbol { ContainingType: { Name: "Enumerable", ContainingNamespace: { Name: "Linq", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds <c>using name;</c> among the file's usings, in order.</summary>
    private static CompilationUnitSyntax AddUsing(CompilationUnitSyntax unit, string name)
    {
        var endOfLine = unit.DescendantTrivia().FirstOrDefault(static t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        if (!endOfLine.IsKind(SyntaxKind.EndOfLineTrivia))
        {
            endOfLine = SyntaxFactory.EndOfLine("\n");
        }

        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(name))
            .WithTrailingTrivia(endOfLine)
            .WithAdditionalAnnotations(Formatter.Annotation);
        var usings = unit.Usings;
        var index = 0;
        while (index < usings.Count
            && (usings[index].StaticKeyword.RawKind != 0 || usings[index].Alias is not null || usings[index].GlobalKeyword.RawKind != 0
                || string.CompareOrdinal(usings[index].Name?.ToString(), name) < 0))
        {
            if (usings[index].StaticKeyword.RawKind != 0 || usings[index].Alias is not null)
            {
                break;
            }

            index++;
        }

        if (usings.Count == 0)
        {
            // No usings yet: the directive goes first, a blank line after it.
            return unit.WithUsings(SyntaxFactory.SingletonList(directive))
                .WithMembers(unit.Members.Count > 0 ? unit.Members.Replace(unit.Members[0], unit.Members[0].WithLeadingTrivia(unit.Members[0].GetLeadingTrivia().Insert(0, endOfLine))) : unit.Members);
        }

        if (index == 0)
        {
            // Take over the first using's leading trivia (a file header stays first).
            var first = usings[0];
            directive = directive.WithLeadingTrivia(first.GetLeadingTrivia());
            usings = usings.Replace(first, first.WithLeadingTrivia(SyntaxFactory.TriviaList()));
        }

        return unit.WithUsings(usings.Insert(index, directive));
    }

    /// <summary>The loop of one diagnostic, checked again against the syntax the fix will change.</summary>
    private sealed class Loop
    {
        private Loop(Diagnostic diagnostic, ForEachStatementSyntax syntax, AwaitExpressionSyntax await, ExpressionSyntax call, ExpressionSyntax? results)
        {
            Diagnostic = diagnostic;
            Syntax = syntax;
            Await = await;
            Call = call;
            Results = results;
        }

        public Diagnostic Diagnostic { get; }
        public ForEachStatementSyntax Syntax { get; }
        public AwaitExpressionSyntax Await { get; }
        public ExpressionSyntax Call { get; }
        public ExpressionSyntax? Results { get; }

        public static Loop? Find(SyntaxNode root, Diagnostic diagnostic)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not AwaitExpressionSyntax await
                || await.FirstAncestorOrSelf<StatementSyntax>() is not ExpressionStatementSyntax statement
                || (statement.Parent is BlockSyntax { Parent: ForEachStatementSyntax } block ? block.Parent : statement.Parent) is not ForEachStatementSyntax loop
                || loop.AwaitKeyword.RawKind != 0
                || loop.ContainsDirectives)
            {
                return null;
            }

            ExpressionSyntax? results = null;
            if (statement.Expression != await)
            {
                if (!diagnostic.Properties.ContainsKey(DiagnosticProperties.CollectsResults)
                    || statement.Expression is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Add" } add, ArgumentList.Arguments.Count: 1 } invocation
                    || invocation.ArgumentList.Arguments[0].Expression != await)
                {
                    return null;
                }

                results = add.Expression;
            }

            var call = await.Expression;
            if (call is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } member })
            {
                call = member.Expression;
            }

            return new Loop(diagnostic, loop, await, call, results);
        }
    }
}
