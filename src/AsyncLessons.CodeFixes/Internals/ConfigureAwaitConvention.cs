using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncLessons.CodeFixes.Internals;

/// <summary>
/// Whether the <c>await</c>s a fix writes carry <c>.ConfigureAwait(false)</c>, as the code around them does. Read by
/// every fixer through <see cref="FixerHelpers.Await"/> and <see cref="FixerHelpers.CleanupAsync"/>: a fix marks the
/// awaits it writes, and the clean-up configures the marked ones where the convention says so, and only where the
/// awaited type has a <c>ConfigureAwait(bool)</c> (a <c>Task.Yield()</c> has none).
/// </summary>
/// <remarks>
/// The convention, first match wins:
/// <list type="number">
/// <item><c>async_lessons.configure_await = false</c> in <c>.editorconfig</c>: configure (write <c>ConfigureAwait(false)</c>);
/// <c>= true</c>: do not (the default context capture); <c>= auto</c> (the default): decide from the evidence below.</item>
/// <item>CA2007 ("Consider calling ConfigureAwait on the awaited task") is enabled as a warning or an error for the document.</item>
/// <item>The other awaits of the enclosing member, or, when it has none, of the enclosing type: configure when most of them are.</item>
/// </list>
/// </remarks>
internal static class ConfigureAwaitConvention
{
    public const string Option = "async_lessons.configure_await";

    /// <summary>The mark on an <c>await</c> a fix wrote.</summary>
    public static readonly SyntaxAnnotation NewAwait = new(nameof(NewAwait));

    private const string CA2007 = nameof(CA2007);

    /// <summary>True when new awaits at <paramref name="node"/> of <paramref name="document"/> should be configured.</summary>
    public static bool Configures(Document document, SyntaxNode node, CancellationToken cancellationToken)
    {
        var tree = node.SyntaxTree;
        var options = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(tree);
        if (options.TryGetValue(Option, out var value))
        {
            switch (value.Trim().ToLowerInvariant())
            {
                case "false":
                    return true;
                case "true":
                    return false;
            }
        }

        return IsCA2007Enabled(document.Project.CompilationOptions, tree, cancellationToken) || MostAwaitsAreConfigured(node);
    }

    /// <summary>
    /// Configures the marked awaits of <paramref name="document"/> where <see cref="Configures"/> says so and the
    /// awaited type has a <c>ConfigureAwait(bool)</c>; the marks are then removed.
    /// </summary>
    public static async Task<Document> ApplyAsync(Document document, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || !root.ContainsAnnotations)
        {
            return document;
        }

        var marked = root.GetAnnotatedNodes(NewAwait).ToList();
        if (marked.Count == 0)
        {
            return document;
        }

        var toConfigure = new HashSet<SyntaxNode>();
        SemanticModel? semanticModel = null;
        foreach (var node in marked)
        {
            var operand = Operand(node);
            if (operand is null || IsConfigured(operand) || !Configures(document, node, cancellationToken))
            {
                continue;
            }

            semanticModel ??= await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (semanticModel is not null && CanConfigure(semanticModel, node, operand, cancellationToken))
            {
                toConfigure.Add(node);
            }
        }

        var newRoot = root.ReplaceNodes(marked, (original, current) =>
        {
            if (toConfigure.Contains(original))
            {
                current = current switch
                {
                    AwaitExpressionSyntax awaitExpression => awaitExpression.WithExpression(Configure(awaitExpression.Expression)),
                    ForEachStatementSyntax forEach => forEach.WithExpression(Configure(forEach.Expression)),
                    _ => current,
                };
            }

            return current.WithoutAnnotations(NewAwait);
        });
        return document.WithSyntaxRoot(newRoot);
    }

    /// <summary>What a marked node awaits: the operand of <c>await</c>, or the collection of <c>await foreach</c>.</summary>
    private static ExpressionSyntax? Operand(SyntaxNode node) => node switch
    {
        AwaitExpressionSyntax awaitExpression => awaitExpression.Expression,
        ForEachStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword } forEach => forEach.Expression,
        _ => null,
    };

    /// <summary>
    /// True when <c>operand.ConfigureAwait(false)</c> binds: a <c>ConfigureAwait(bool)</c> of the awaited type (Task,
    /// ValueTask and their generic forms), or, for <c>await foreach</c>, the extension for async enumerables in scope.
    /// </summary>
    private static bool CanConfigure(SemanticModel semanticModel, SyntaxNode node, ExpressionSyntax operand, CancellationToken cancellationToken)
    {
        var type = semanticModel.GetTypeInfo(operand, cancellationToken).Type;
        if (type is null || type.TypeKind == TypeKind.Error)
        {
            return false;
        }

        if (node is AwaitExpressionSyntax)
        {
            return HasConfigureAwait(type);
        }

        foreach (var symbol in semanticModel.LookupSymbols(operand.SpanStart, type, "ConfigureAwait", includeReducedExtensionMethods: true))
        {
            if (symbol is IMethodSymbol { Parameters.Length: 1 } method && method.Parameters[0].Type.SpecialType == SpecialType.System_Boolean)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>operand.ConfigureAwait(false)</c>, in parentheses where <paramref name="operand"/> is not a primary expression.</summary>
    public static ExpressionSyntax Configure(ExpressionSyntax operand)
    {
        var trailing = operand.GetTrailingTrivia();
        ExpressionSyntax receiver = operand.WithoutTrailingTrivia();
        if (receiver is not (InvocationExpressionSyntax or MemberAccessExpressionSyntax or IdentifierNameSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax or GenericNameSyntax or ThisExpressionSyntax or BaseExpressionSyntax))
        {
            receiver = SyntaxFactory.ParenthesizedExpression(receiver);
        }

        return SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("ConfigureAwait")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression)))))
            .WithTrailingTrivia(trailing);
    }

    /// <summary>True for <c>x.ConfigureAwait(...)</c>.</summary>
    public static bool IsConfigured(ExpressionSyntax operand) =>
        operand is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } };

    private static bool HasConfigureAwait(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers("ConfigureAwait"))
            {
                if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 1 } method
                    && method.Parameters[0].Type.SpecialType == SpecialType.System_Boolean)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsCA2007Enabled(CompilationOptions? options, SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (options is null)
        {
            return false;
        }

        ReportDiagnostic severity;
        if (options.SyntaxTreeOptionsProvider is { } provider
            && (provider.TryGetDiagnosticValue(tree, CA2007, cancellationToken, out severity)
                || provider.TryGetGlobalDiagnosticValue(CA2007, cancellationToken, out severity)))
        {
            return severity is ReportDiagnostic.Warn or ReportDiagnostic.Error;
        }

        return options.SpecificDiagnosticOptions.TryGetValue(CA2007, out severity) && severity is ReportDiagnostic.Warn or ReportDiagnostic.Error;
    }

    /// <summary>The evidence of the code: the awaits of the enclosing member, or, when it has none, of the enclosing type.</summary>
    private static bool MostAwaitsAreConfigured(SyntaxNode node)
    {
        SyntaxNode? member = node.FirstAncestorOrSelf<SyntaxNode>(static n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or PropertyDeclarationSyntax or FieldDeclarationSyntax or GlobalStatementSyntax);
        if (member is GlobalStatementSyntax)
        {
            member = member.Parent;
        }

        foreach (var scope in new[] { member, node.FirstAncestorOrSelf<TypeDeclarationSyntax>() })
        {
            if (scope is null)
            {
                continue;
            }

            var (configured, plain) = Count(scope);
            if (configured + plain > 0)
            {
                return configured > plain;
            }
        }

        return false;
    }

    private static (int Configured, int Plain) Count(SyntaxNode scope)
    {
        int configured = 0, plain = 0;
        foreach (var descendant in scope.DescendantNodes())
        {
            var operand = descendant.HasAnnotation(NewAwait) ? null : Operand(descendant);
            if (operand is null || operand is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Yield" } })
            {
                continue;
            }

            if (IsConfigured(operand))
            {
                configured++;
            }
            else
            {
                plain++;
            }
        }

        return (configured, plain);
    }
}
