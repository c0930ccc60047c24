using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncLessons.Internals;

/// <summary>Where <c>await</c> may not be written, asked of the syntax. Shared by analyzers and fixers.</summary>
internal static class AwaitPlacement
{
    /// <summary><c>await</c> is not allowed in an <c>unsafe</c> block or member (CS4004), and CS4014 is silent there.</summary>
    public static bool IsInUnsafeRegion(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case UnsafeStatementSyntax:
                    return true;
                case MemberDeclarationSyntax member when member.Modifiers.Any(SyntaxKind.UnsafeKeyword):
                    return true;
                case LocalFunctionStatementSyntax localFunction when localFunction.Modifiers.Any(SyntaxKind.UnsafeKeyword):
                    return true;
            }
        }

        return false;
    }
}
