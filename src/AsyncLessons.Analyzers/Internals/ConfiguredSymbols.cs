using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncLessons.Internals;

/// <summary>
/// Lists of types or methods that users name in <c>.editorconfig</c>
/// (<c>async_lessons.&lt;id&gt;.&lt;option&gt; = entry, entry, ...</c>), resolved to symbols once per distinct value and compilation.
/// </summary>
/// <remarks>
/// Entries are separated by commas (semicolons are accepted too, but <c>.editorconfig</c> starts a comment at
/// <c>;</c> and <c>#</c>, so the docs only show commas). A type is named by its full name (<c>MyCompany.Jobs.Pending</c>,
/// generic types as <c>MyCompany.Jobs.Pending&lt;T&gt;</c> or <c>MyCompany.Jobs.Pending`1</c>, nested types with
/// <c>.</c> or <c>+</c>) or by its documentation-comment id (<c>T:MyCompany.Jobs.Pending`1</c>). A method is named by
/// its containing type's full name and its name (<c>MyCompany.Telemetry.Send</c>: every overload) or by its
/// documentation-comment id (<c>M:MyCompany.Telemetry.Send(System.String)</c>: that overload only).
/// Names that resolve to nothing are ignored.
/// </remarks>
internal sealed class ConfiguredSymbols
{
    public static readonly ConfiguredSymbols Empty = new(ImmutableHashSet<ISymbol>.Empty.WithComparer(SymbolEqualityComparer.Default));

    private readonly ImmutableHashSet<ISymbol> _symbols;

    private ConfiguredSymbols(ImmutableHashSet<ISymbol> symbols) => _symbols = symbols;

    public bool IsEmpty => _symbols.IsEmpty;

    /// <summary>True when <paramref name="type"/> (its generic definition) is listed.</summary>
    public bool ContainsType(ITypeSymbol? type) => type is not null && !_symbols.IsEmpty && _symbols.Contains(type.OriginalDefinition);

    /// <summary>True when <paramref name="method"/> (its definition, or the extension method it was reduced from) is listed.</summary>
    public bool ContainsMethod(IMethodSymbol? method)
    {
        if (method is null || _symbols.IsEmpty)
        {
            return false;
        }

        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        return _symbols.Contains(definition);
    }

    /// <summary>Parses and resolves <paramref name="value"/> as a list of types.</summary>
    public static ConfiguredSymbols ParseTypes(Compilation compilation, string value) => Parse(compilation, value, methods: false);

    /// <summary>Parses and resolves <paramref name="value"/> as a list of methods.</summary>
    public static ConfiguredSymbols ParseMethods(Compilation compilation, string value) => Parse(compilation, value, methods: true);

    private static ConfiguredSymbols Parse(Compilation compilation, string value, bool methods)
    {
        var builder = ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var raw in SplitEntries(value))
        {
            var entry = raw.Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            if (entry.Length > 2 && entry[1] == ':' && (entry[0] is 'T' or 'M'))
            {
                AddAll(builder, DocumentationCommentId.GetSymbolsForDeclarationId(entry, compilation));
            }
            else if (!methods)
            {
                AddAll(builder, DocumentationCommentId.GetSymbolsForDeclarationId("T:" + NormalizeTypeName(entry), compilation));
            }
            else
            {
                var dot = entry.LastIndexOf('.');
                if (dot <= 0 || dot == entry.Length - 1)
                {
                    continue;
                }

                var name = entry.Substring(dot + 1);
                foreach (var type in DocumentationCommentId.GetSymbolsForDeclarationId("T:" + NormalizeTypeName(entry.Substring(0, dot)), compilation))
                {
                    if (type is INamedTypeSymbol named)
                    {
                        foreach (var member in named.GetMembers(name))
                        {
                            if (member is IMethodSymbol)
                            {
                                builder.Add(member.OriginalDefinition);
                            }
                        }
                    }
                }
            }
        }

        return builder.Count == 0 ? Empty : new ConfiguredSymbols(builder.ToImmutable());
    }

    /// <summary>Splits at commas and semicolons that are not inside <c>&lt;&gt;</c>, <c>()</c>, <c>[]</c> or <c>{}</c>.</summary>
    private static ImmutableArray<string> SplitEntries(string value)
    {
        var entries = ImmutableArray.CreateBuilder<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            switch (value[i])
            {
                case '<' or '(' or '[' or '{':
                    depth++;
                    break;
                case '>' or ')' or ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    break;
                case ',' or ';' when depth == 0:
                    entries.Add(value.Substring(start, i - start));
                    start = i + 1;
                    break;
            }
        }

        entries.Add(value.Substring(start));
        return entries.ToImmutable();
    }

    private static void AddAll(ImmutableHashSet<ISymbol>.Builder builder, ImmutableArray<ISymbol> symbols)
    {
        foreach (var symbol in symbols)
        {
            builder.Add(symbol.OriginalDefinition);
        }
    }

    /// <summary><c>A.B&lt;T, U&gt;.C+D</c> → <c>A.B`2.C.D</c>, the documentation-comment spelling.</summary>
    private static string NormalizeTypeName(string name)
    {
        var result = new StringBuilder(name.Length);
        var depth = 0;
        var arity = 0;
        foreach (var c in name)
        {
            switch (c)
            {
                case '<':
                    if (depth++ == 0)
                    {
                        arity = 1;
                    }

                    break;
                case '>':
                    if (--depth == 0)
                    {
                        result.Append('`').Append(arity);
                    }

                    break;
                case ',' when depth == 1:
                    arity++;
                    break;
                case '+' when depth == 0:
                    result.Append('.');
                    break;
                default:
                    if (depth == 0 && !char.IsWhiteSpace(c))
                    {
                        result.Append(c);
                    }

                    break;
            }
        }

        return result.ToString();
    }

    /// <summary>
    /// Reads one list option per syntax tree, resolving each distinct value once for the compilation.
    /// </summary>
    public sealed class Reader
    {
        private readonly Compilation _compilation;
        private readonly AnalyzerConfigOptionsProvider _provider;
        private readonly string _key;
        private readonly bool _methods;
        private readonly ConcurrentDictionary<string, ConfiguredSymbols> _byValue = new(StringComparer.Ordinal);

        public Reader(Compilation compilation, AnalyzerConfigOptionsProvider provider, string key, bool methods)
        {
            _compilation = compilation;
            _provider = provider;
            _key = key;
            _methods = methods;
        }

        /// <summary>The list that applies to <paramref name="tree"/>; <see cref="Empty"/> when the option is not set.</summary>
        public ConfiguredSymbols For(SyntaxTree tree)
        {
            if (!_provider.GetOptions(tree).TryGetValue(_key, out var value) || string.IsNullOrWhiteSpace(value))
            {
                return Empty;
            }

            return _byValue.GetOrAdd(value, v => _methods ? ParseMethods(_compilation, v) : ParseTypes(_compilation, v));
        }
    }
}
