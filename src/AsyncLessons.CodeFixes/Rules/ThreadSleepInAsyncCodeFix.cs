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

namespace AsyncLessons.CodeFixes.Rules;

/// <summary>AL0002 fix: <c>Thread.Sleep(x)</c> → <c>await Task.Delay(x[, token])</c>; <c>Thread.Sleep(0)</c> → <c>await Task.Yield()</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ThreadSleepInAsyncCodeFix)), Shared]
public sealed class ThreadSleepInAsyncCodeFix : CodeFixProvider
{
    public const string RecommendedKey = RuleIds.ThreadSleepInAsync + ".AwaitTaskDelay";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.ThreadSleepInAsync);

    public override FixAllProvider GetFixAllProvider() => FixerHelpers.FixAll(RecommendedKey, static (_, document, diagnostics, ct) => FixAsync(document, diagnostics, ct));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!FixerHelpers.IsFixable(diagnostic)
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } invocation
                || FixerHelpers.IsInUnsafeBlock(invocation))
            {
                continue;
            }

            var title = diagnostic.Properties.ContainsKey(DiagnosticProperties.UseYield)
                ? "Use 'await Task.Yield()'"
                : "Use 'await Task.Delay(...)'";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), ct), RecommendedKey),
                diagnostic);
        }
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return await FixerHelpers.EditAsync(
            document,
            diagnostics,
            (editor, diagnostic, node) =>
            {
                if (node is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } invocation && !FixerHelpers.IsInUnsafeBlock(invocation))
                {
                    editor.ReplaceNode(invocation, Rewrite(invocation, diagnostic, semanticModel));
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static ExpressionSyntax Rewrite(InvocationExpressionSyntax invocation, Diagnostic diagnostic, SemanticModel? semanticModel)
    {
        var argumentList = invocation.ArgumentList;
        ExpressionSyntax call;
        if (diagnostic.Properties.ContainsKey(DiagnosticProperties.UseYield))
        {
            call = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, FixerHelpers.TaskType(), SyntaxFactory.IdentifierName("Yield")),
                argumentList.WithArguments(default));
        }
        else
        {
            var original = argumentList.Arguments[0];
            var arguments = SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.Argument(original.Expression).WithTriviaFrom(original));
            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.CancellationTokenName, out var tokenName)
                && tokenName is not null
                && IsParameterInScope(semanticModel, invocation, tokenName))
            {
                arguments = SyntaxFactory.SeparatedList(
                    new[] { arguments[0], SyntaxFactory.Argument(FixerHelpers.Identifier(tokenName)) },
                    new[] { SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space) });
            }

            call = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, FixerHelpers.TaskType(), SyntaxFactory.IdentifierName("Delay")),
                argumentList.WithArguments(arguments));
        }

        return FixerHelpers.Await(call).WithTriviaFrom(invocation);
    }

    /// <summary>The analyzer named the token parameter; make sure that name still binds to it at the call site.</summary>
    private static bool IsParameterInScope(SemanticModel? semanticModel, SyntaxNode node, string name) =>
        semanticModel?.LookupSymbols(node.SpanStart, name: name).FirstOrDefault() is IParameterSymbol;
}
