using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncLessons.Tests.Robustness;

/// <summary>The ways torture breaks a source, each driven by a seeded <see cref="Random"/>.</summary>
internal enum Mutation
{
    Truncate,
    DeleteToken,
    RemoveBrace,
    UnknownIdentifier,
    InsertToken,
}

/// <summary>Deterministic mutations of C# sources: the half-typed code an IDE hands analyzers on every keystroke.</summary>
internal static class SourceMutator
{
    private static readonly string[] Insertions =
    {
        "await ", "async ", "(", ")", ";", "{", "}", "=> ", ".Result", ".Wait()", "Task.", "new ", "lock (this) ", "?.", "!", ",", "void ", "static ",
    };

    public static IReadOnlyList<Mutation> All { get; } = (Mutation[])Enum.GetValues(typeof(Mutation));

    public static string Apply(Mutation mutation, string text, Random random)
    {
        if (text.Length == 0)
        {
            return text;
        }

        switch (mutation)
        {
            case Mutation.Truncate:
                return text.Substring(0, random.Next(text.Length));
            case Mutation.RemoveBrace:
            {
                var braces = new List<int>();
                for (var i = 0; i < text.Length; i++)
                {
                    if (text[i] is '{' or '}' or '(' or ')')
                    {
                        braces.Add(i);
                    }
                }

                return braces.Count == 0 ? text : text.Remove(braces[random.Next(braces.Count)], 1);
            }

            default:
            {
                var tokens = CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens().Where(t => t.Span.Length > 0).ToList();
                if (tokens.Count == 0)
                {
                    return text;
                }

                if (mutation == Mutation.UnknownIdentifier)
                {
                    var identifiers = tokens.Where(t => t.IsKind(SyntaxKind.IdentifierToken)).ToList();
                    if (identifiers.Count == 0)
                    {
                        return text;
                    }

                    var identifier = identifiers[random.Next(identifiers.Count)];
                    return text.Remove(identifier.SpanStart, identifier.Span.Length).Insert(identifier.SpanStart, "Unknown" + random.Next(1000));
                }

                var token = tokens[random.Next(tokens.Count)];
                return mutation == Mutation.DeleteToken
                    ? text.Remove(token.SpanStart, token.Span.Length)
                    : text.Insert(token.SpanStart, Insertions[random.Next(Insertions.Length)]);
            }
        }
    }
}
