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
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncLessons.CodeFixes.Rules;

/// <summary>
/// AL0004 fix: <c>t.Result</c>, <c>t.Wait()</c>, <c>t.GetAwaiter().GetResult()</c> → <c>await t</c>;
/// <c>t.Wait(timeout or token)</c> → <c>await t.WaitAsync(...)</c>; <c>Task.WaitAll(...)</c> → <c>await Task.WhenAll(...)</c>;
/// <c>Task.WaitAny(...)</c> (index unused) → <c>await Task.WhenAny(...)</c>. In a synchronous <c>Main</c>, it also makes
/// <c>Main</c> <c>static async Task</c> (or <c>Task&lt;int&gt;</c>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BlockingWaitCodeFix)), Shared]
public sealed class BlockingWaitCodeFix : CodeFixProvider
{
    /// <summary>The one kind of fix, for every shape (in a synchronous <c>Main</c> it also makes <c>Main</c> async).</summary>
    public const string RecommendedKey = RuleIds.BlockingWait + ".Await";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.BlockingWait);

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
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (!CanFix(diagnostic, node, semanticModel, context.CancellationToken))
            {
                continue;
            }

            var makeMainAsync = diagnostic.Properties.ContainsKey(DiagnosticProperties.MakeMainAsync);
            var title = Title(diagnostic, makeMainAsync);
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), ct), RecommendedKey),
                diagnostic);
        }
    }

    private static string Title(Diagnostic diagnostic, bool makeMainAsync)
    {
        diagnostic.Properties.TryGetValue(DiagnosticProperties.BlockingKind, out var kind);
        var what = kind switch
        {
            BlockingWaitAnalyzer.Kinds.WaitAll => "Use 'await Task.WhenAll(...)'",
            BlockingWaitAnalyzer.Kinds.WaitAny => "Use 'await Task.WhenAny(...)'",
            BlockingWaitAnalyzer.Kinds.WaitAnyIndex => "Use 'Array.IndexOf(tasks, await Task.WhenAny(...))'",
            _ => "Use 'await'",
        };
        return makeMainAsync ? what + " and make Main async" : what;
    }

    private static bool CanFix(Diagnostic diagnostic, SyntaxNode node, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (!FixerHelpers.IsFixable(diagnostic) || FixerHelpers.IsInUnsafeBlock(node) || node is not ExpressionSyntax expression)
        {
            return false;
        }

        if (diagnostic.Properties.ContainsKey(DiagnosticProperties.MakeMainAsync)
            && !CanMakeMainAsync(expression, semanticModel, cancellationToken))
        {
            return false;
        }

        return Rewrite(expression, diagnostic, semanticModel, cancellationToken) is not null;
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (semanticModel is null)
        {
            return document;
        }

        return await FixerHelpers.EditAsync(
            document,
            diagnostics,
            (editor, diagnostic, node) =>
            {
                if (!CanFix(diagnostic, node, semanticModel, cancellationToken))
                {
                    return;
                }

                var expression = (ExpressionSyntax)node;
                editor.ReplaceNode(expression, (current, _) => Rewrite((ExpressionSyntax)current, diagnostic, semanticModel, cancellationToken) ?? current);
                if (diagnostic.Properties.TryGetValue(DiagnosticProperties.MakeMainAsync, out var returnType)
                    && expression.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } main)
                {
                    editor.ReplaceNode(main, (current, _) => MakeAsync((MethodDeclarationSyntax)current, returnType == "Task<int>"));
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The awaiting replacement of <paramref name="node"/>, or null when there is none. Works on the current node
    /// (inner fixes of Fix All may already have changed its parts), so it reads the shape from syntax and asks the
    /// semantic model only about the original tree.
    /// </summary>
    private static ExpressionSyntax? Rewrite(ExpressionSyntax node, Diagnostic diagnostic, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        diagnostic.Properties.TryGetValue(DiagnosticProperties.BlockingKind, out var kind);
        if (kind == BlockingWaitAnalyzer.Kinds.WaitAnyIndex)
        {
            return node is InvocationExpressionSyntax ? IndexOfWhenAny(diagnostic, semanticModel, cancellationToken)?.WithTriviaFrom(node) : null;
        }

        ExpressionSyntax? awaited = kind switch
        {
            BlockingWaitAnalyzer.Kinds.Result when node is MemberAccessExpressionSyntax memberAccess => memberAccess.Expression,
            BlockingWaitAnalyzer.Kinds.GetResult when node is InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax getAwaiter } },
            } => getAwaiter.Expression,
            BlockingWaitAnalyzer.Kinds.Wait when node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax wait } invocation =>
                WithWaitAsync(wait.Expression, WaitArguments(diagnostic, semanticModel, cancellationToken)),
            BlockingWaitAnalyzer.Kinds.WaitAll or BlockingWaitAnalyzer.Kinds.WaitAny when node is InvocationExpressionSyntax =>
                WhenAllOrAny(kind == BlockingWaitAnalyzer.Kinds.WaitAll ? "WhenAll" : "WhenAny", diagnostic, semanticModel, cancellationToken),
            _ => null,
        };
        if (awaited is null)
        {
            return null;
        }

        // (await inner).Result → await await inner
        if (awaited is ParenthesizedExpressionSyntax { Expression: AwaitExpressionSyntax innerAwait })
        {
            awaited = innerAwait;
        }

        return FixerHelpers.AwaitInPlaceOf(node, awaited);
    }

    /// <summary>The original invocation's arguments sorted into the tasks and the timeout/token that become <c>WaitAsync</c>'s.</summary>
    private sealed class WaitArgumentsInfo
    {
        public List<ArgumentSyntax> Tasks { get; } = new();
        public ExpressionSyntax? Milliseconds { get; set; }
        public ExpressionSyntax? Timeout { get; set; }
        public ExpressionSyntax? Token { get; set; }
        public bool TasksAsParams { get; set; }
    }

    private static WaitArgumentsInfo? WaitArguments(Diagnostic diagnostic, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        var root = semanticModel.SyntaxTree.GetRoot(cancellationToken);
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax original
            || semanticModel.GetOperation(original, cancellationToken) is not IInvocationOperation invocation)
        {
            return null;
        }

        var info = new WaitArgumentsInfo();
        foreach (var argument in invocation.Arguments)
        {
            if (argument.IsImplicit && argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                continue;
            }

            // Task.WaitAll(a, b): a params Task[] up to C# 12, a params ReadOnlySpan<Task> from C# 13 on .NET 9+.
            if (ParamsArguments.IsParams(argument))
            {
                info.TasksAsParams = true;
                foreach (var syntax in original.ArgumentList.Arguments)
                {
                    info.Tasks.Add(syntax.WithNameColon(null));
                }

                continue;
            }

            if (argument.Syntax is not ArgumentSyntax syntaxArgument || argument.Parameter is not { } parameter)
            {
                return null;
            }

            var value = syntaxArgument.Expression;
            switch (parameter.Type)
            {
                case { SpecialType: SpecialType.System_Int32 }:
                    info.Milliseconds = value;
                    break;
                case INamedTypeSymbol { Name: "TimeSpan" }:
                    info.Timeout = value;
                    break;
                case INamedTypeSymbol { Name: "CancellationToken" }:
                    info.Token = value;
                    break;
                default:
                    info.Tasks.Add(syntaxArgument.WithNameColon(null));
                    break;
            }
        }

        return info;
    }

    private static ExpressionSyntax? WithWaitAsync(ExpressionSyntax task, WaitArgumentsInfo? info)
    {
        if (info is null)
        {
            return null;
        }

        var arguments = new List<ArgumentSyntax>();
        if (info.Milliseconds is { } milliseconds)
        {
            arguments.Add(SyntaxFactory.Argument(SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, TimeSpanType(), SyntaxFactory.IdentifierName("FromMilliseconds")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(milliseconds.WithoutTrivia()))))));
        }
        else if (info.Timeout is { } timeout)
        {
            arguments.Add(SyntaxFactory.Argument(timeout.WithoutTrivia()));
        }

        if (info.Token is { } token)
        {
            arguments.Add(SyntaxFactory.Argument(token.WithoutTrivia()));
        }

        if (arguments.Count == 0)
        {
            return task;
        }

        return SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parenthesize(task), SyntaxFactory.IdentifierName("WaitAsync")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));
    }

    private static ExpressionSyntax? WhenAllOrAny(string name, Diagnostic diagnostic, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        var info = WaitArguments(diagnostic, semanticModel, cancellationToken);
        if (info is null || info.Tasks.Count == 0 || (!info.TasksAsParams && info.Tasks.Count != 1))
        {
            return null;
        }

        var call = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, FixerHelpers.TaskType(), SyntaxFactory.IdentifierName(name)),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(info.Tasks.Select(a => a.WithoutTrivia()))));
        return WithWaitAsync(call, info);
    }

    /// <summary><c>Array.IndexOf(tasks, await Task.WhenAny(tasks))</c>, or <c>Array.IndexOf(new Task[] { a, b }, await Task.WhenAny(a, b))</c>.</summary>
    private static ExpressionSyntax? IndexOfWhenAny(Diagnostic diagnostic, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        var info = WaitArguments(diagnostic, semanticModel, cancellationToken);
        if (info is null || info.Tasks.Count == 0 || info.Milliseconds is not null || info.Timeout is not null || info.Token is not null)
        {
            return null;
        }

        var whenAny = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, FixerHelpers.TaskType(), SyntaxFactory.IdentifierName("WhenAny")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(info.Tasks.Select(a => a.WithoutTrivia()))));
        ExpressionSyntax array = info.TasksAsParams
            ? SyntaxFactory.ArrayCreationExpression(
                SyntaxFactory.ArrayType(FixerHelpers.TaskType(), SyntaxFactory.SingletonList(SyntaxFactory.ArrayRankSpecifier(SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(SyntaxFactory.OmittedArraySizeExpression())))),
                SyntaxFactory.InitializerExpression(SyntaxKind.ArrayInitializerExpression, SyntaxFactory.SeparatedList(info.Tasks.Select(a => a.Expression.WithoutTrivia()))))
            : info.Tasks[0].Expression.WithoutTrivia();
        return SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    SyntaxFactory.ParseTypeName("global::System.Array").WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation),
                    SyntaxFactory.IdentifierName("IndexOf")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Argument(array), SyntaxFactory.Argument(FixerHelpers.Await(whenAny)) })))
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    private static ExpressionSyntax Parenthesize(ExpressionSyntax expression) =>
        SyntaxFactory.ParenthesizedExpression(expression.WithoutTrivia()).WithAdditionalAnnotations(Simplifier.Annotation);

    private static TypeSyntax TimeSpanType() =>
        SyntaxFactory.ParseTypeName("global::System.TimeSpan").WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

    /// <summary>
    /// <c>async Task Main</c> needs C# 7.1, and an async method cannot hold <c>unsafe</c> code, <c>fixed</c>,
    /// <c>stackalloc</c>, <c>ref</c> locals or ref-struct locals (before C# 13), so <c>Main</c> is only changed without them.
    /// </summary>
    private static bool CanMakeMainAsync(SyntaxNode node, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (node.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: < LanguageVersion.CSharp7_1 }
            || node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } main
            || main.Modifiers.Any(SyntaxKind.UnsafeKeyword)
            || main.Modifiers.Any(SyntaxKind.AsyncKeyword))
        {
            return false;
        }

        var body = (SyntaxNode?)main.Body ?? main.ExpressionBody;
        if (body is null)
        {
            return false;
        }

        foreach (var descendant in body.DescendantNodes(static n => n is not (LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)))
        {
            switch (descendant)
            {
                case UnsafeStatementSyntax or FixedStatementSyntax or StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax or RefTypeSyntax:
                    return false;
                case VariableDeclaratorSyntax declarator
                    when semanticModel.GetDeclaredSymbol(declarator, cancellationToken) is ILocalSymbol { Type.IsRefLikeType: true }:
                    return false;
            }
        }

        return true;
    }

    private static MethodDeclarationSyntax MakeAsync(MethodDeclarationSyntax main, bool returnsInt)
    {
        if (main.Modifiers.Any(SyntaxKind.AsyncKeyword))
        {
            return main;
        }

        var taskType = SyntaxFactory.ParseTypeName(returnsInt ? "global::System.Threading.Tasks.Task<int>" : "global::System.Threading.Tasks.Task")
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation)
            .WithTriviaFrom(main.ReturnType);
        var asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        return main
            .WithModifiers(main.Modifiers.Add(asyncKeyword))
            .WithReturnType(taskType);
    }
}
