using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncLessons.Internals;

/// <summary>
/// Lists of types or methods that users name in <c>.editorconfig</c>
/// (<c>async_lessons.&lt;id&gt;.&lt;option&gt; = entry, entry, ...</c>), resolved to symbols once per distinct value and
/// compilation. Every rule's list option reads through this class, so the entries take the same forms everywhere
/// (<c>docs/configuration.md</c>, "Lists of types and methods").
/// </summary>
/// <remarks>
/// Entries are separated by commas (semicolons are accepted too, but <c>.editorconfig</c> starts a comment at
/// <c>;</c> and <c>#</c>, so the docs only show commas); whitespace around an entry is ignored, and so are empty entries.
/// A type is named by
/// <list type="bullet">
/// <item>its full name: <c>App.Cache</c>; a generic type with its arity (<c>App.Cache`1</c>) or C#-style
/// (<c>App.Cache&lt;T&gt;</c>, <c>App.Cache&lt;TKey, TValue&gt;</c>, <c>App.Cache&lt;&gt;</c>, <c>App.Cache&lt;,&gt;</c>), or without
/// either when no non-generic type has that name; nested types with <c>.</c> or <c>+</c> (<c>App.Outer+Inner</c>);
/// optionally after <c>global::</c>;</item>
/// <item>its documentation-comment id: <c>T:App.Cache`1</c>;</item>
/// <item>its name without the namespace (<c>Cache</c>), when the full name finds nothing: every type of that name.</item>
/// </list>
/// A method is named by its type (any of the forms above) and its name (<c>App.Client.Send</c>,
/// <c>App.Cache&lt;T&gt;.Get</c>: every overload declared on that type) or by its documentation-comment id
/// (<c>M:App.Client.Send(System.String)</c>: that overload only; <c>M:App.Client.Send</c> without a parameter list is
/// the overload without parameters, or every overload when there is none).
/// Entries that do not parse or resolve to nothing are ignored; parsing never throws.
/// </remarks>
internal sealed class ConfiguredSymbols
{
    public static readonly ConfiguredSymbols Empty = new(
        ImmutableHashSet<ISymbol>.Empty.WithComparer(SymbolEqualityComparer.Default),
        ImmutableArray<INamedTypeSymbol>.Empty);

    private readonly ImmutableHashSet<ISymbol> _symbols;

    private ConfiguredSymbols(ImmutableHashSet<ISymbol> symbols, ImmutableArray<INamedTypeSymbol> types)
    {
        _symbols = symbols;
        Types = types;
    }

    public bool IsEmpty => _symbols.IsEmpty;

    /// <summary>The listed types (generic definitions), for the rules that also count derived types.</summary>
    public ImmutableArray<INamedTypeSymbol> Types { get; }

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
        var found = new List<ISymbol>();
        List<TypeName>? unresolved = null;
        foreach (var raw in SplitEntries(value))
        {
            var entry = raw.Trim();
            if (entry.StartsWith("M:", StringComparison.Ordinal))
            {
                if (methods)
                {
                    AddMethodId(compilation, entry, found, ref unresolved);
                }
            }
            else if (entry.StartsWith("T:", StringComparison.Ordinal))
            {
                if (!methods)
                {
                    AddName(compilation, entry.Substring(2), methods, found, ref unresolved);
                }
            }
            else if (entry.Length > 0)
            {
                AddName(compilation, entry, methods, found, ref unresolved);
            }
        }

        if (unresolved is not null)
        {
            ResolveWithoutNamespace(compilation, unresolved, found);
        }

        if (found.Count == 0)
        {
            return Empty;
        }

        var symbols = ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
        var types = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var symbol in found)
        {
            var definition = symbol.OriginalDefinition;
            if (symbols.Add(definition) && definition is INamedTypeSymbol type)
            {
                types.Add(type);
            }
        }

        return new ConfiguredSymbols(symbols.ToImmutable(), types.ToImmutable());
    }

    /// <summary><c>M:</c> ids go to Roslyn's parser; one without a parameter list that finds nothing means every overload.</summary>
    private static void AddMethodId(Compilation compilation, string entry, List<ISymbol> found, ref List<TypeName>? unresolved)
    {
        var before = found.Count;
        if (entry.Length > 2)
        {
            foreach (var symbol in DocumentationCommentId.GetSymbolsForDeclarationId(entry, compilation))
            {
                if (symbol is IMethodSymbol)
                {
                    found.Add(symbol);
                }
            }
        }

        if (found.Count == before && entry.IndexOf('(') < 0)
        {
            AddName(compilation, entry.Substring(2), methods: true, found, ref unresolved);
        }
    }

    private static void AddName(Compilation compilation, string text, bool methods, List<ISymbol> found, ref List<TypeName>? unresolved)
    {
        if (!TryParseName(text, out var parts) || (methods && parts.Length < 2))
        {
            return;
        }

        var name = new TypeName(parts, methods);
        var types = new List<INamedTypeSymbol>();
        ResolveFrom(compilation.GlobalNamespace, name, 0, types);
        if (types.Count == 0)
        {
            (unresolved ??= new List<TypeName>()).Add(name);
            return;
        }

        AddResolved(name, types, found);
    }

    /// <summary>The types found for <paramref name="name"/>, or for a method entry the methods they declare with its name.</summary>
    private static void AddResolved(TypeName name, List<INamedTypeSymbol> types, List<ISymbol> found)
    {
        if (!name.IsMethod)
        {
            found.AddRange(types);
            return;
        }

        var method = name.Parts[name.Parts.Length - 1];
        foreach (var type in types)
        {
            foreach (var member in type.GetMembers(method.Name))
            {
                if (member is IMethodSymbol candidate && (method.Arity < 0 || candidate.Arity == method.Arity))
                {
                    found.Add(candidate);
                }
            }
        }
    }

    /// <summary>Walks the type parts of <paramref name="name"/> from <paramref name="start"/>, part <paramref name="index"/> on.</summary>
    private static void ResolveFrom(INamespaceOrTypeSymbol start, TypeName name, int index, List<INamedTypeSymbol> result)
    {
        var current = new List<INamespaceOrTypeSymbol> { start };
        for (var i = index; i < name.TypePartCount && current.Count > 0; i++)
        {
            var part = name.Parts[i];
            var last = i == name.TypePartCount - 1;
            var next = new List<INamespaceOrTypeSymbol>();
            foreach (var container in current)
            {
                if (container is INamespaceSymbol ns)
                {
                    if (!last && part.Arity < 0)
                    {
                        foreach (var member in ns.GetMembers(part.Name))
                        {
                            if (member is INamespaceSymbol child)
                            {
                                next.Add(child);
                            }
                        }
                    }

                    AddMatchingTypes(ns.GetTypeMembers(part.Name), part.Arity, next);
                }
                else if (container is INamedTypeSymbol type)
                {
                    AddMatchingTypes(type.GetTypeMembers(part.Name), part.Arity, next);
                }
            }

            current = next;
        }

        foreach (var symbol in current)
        {
            if (symbol is INamedTypeSymbol type)
            {
                result.Add(type);
            }
        }
    }

    /// <summary>Types of the given arity; when none was written, the non-generic type, or every arity when there is none.</summary>
    private static void AddMatchingTypes(ImmutableArray<INamedTypeSymbol> candidates, int arity, List<INamespaceOrTypeSymbol> into)
    {
        var wanted = arity < 0 ? 0 : arity;
        var added = false;
        foreach (var candidate in candidates)
        {
            if (candidate.Arity == wanted)
            {
                into.Add(candidate);
                added = true;
            }
        }

        if (!added && arity < 0)
        {
            foreach (var candidate in candidates)
            {
                into.Add(candidate);
            }
        }
    }

    /// <summary>
    /// Names whose full-name walk found nothing: their first part is looked for as a type in every namespace
    /// (<c>File.ReadAllText</c>, <c>UnitOfWork</c>). One walk over the namespaces serves every such entry of the value.
    /// </summary>
    private static void ResolveWithoutNamespace(Compilation compilation, List<TypeName> names, List<ISymbol> found)
    {
        var namespaces = new List<INamespaceSymbol>();
        var pending = new Stack<INamespaceSymbol>();
        pending.Push(compilation.GlobalNamespace);
        while (pending.Count > 0)
        {
            var ns = pending.Pop();
            namespaces.Add(ns);
            foreach (var child in ns.GetNamespaceMembers())
            {
                pending.Push(child);
            }
        }

        foreach (var name in names)
        {
            var first = name.Parts[0];
            var types = new List<INamedTypeSymbol>();
            var tops = new List<INamespaceOrTypeSymbol>();
            foreach (var ns in namespaces)
            {
                // The global namespace was already searched by the full-name walk.
                if (ns.IsGlobalNamespace)
                {
                    continue;
                }

                tops.Clear();
                AddMatchingTypes(ns.GetTypeMembers(first.Name), first.Arity, tops);
                foreach (var top in tops)
                {
                    if (name.TypePartCount == 1)
                    {
                        types.Add((INamedTypeSymbol)top);
                    }
                    else
                    {
                        ResolveFrom(top, name, 1, types);
                    }
                }
            }

            AddResolved(name, types, found);
        }
    }

    /// <summary>
    /// Splits at commas and semicolons that are not inside <c>&lt;&gt;</c>, <c>()</c>, <c>[]</c> or <c>{}</c>. A bracket
    /// that never closes (<c>App.Cache&lt;, App.Other</c>) ends its entry at the next separator, so it does not swallow
    /// the rest of the list.
    /// </summary>
    private static List<string> SplitEntries(string value)
    {
        var entries = new List<string>();
        var depth = 0;
        var start = 0;
        var open = 0;
        var i = 0;
        while (true)
        {
            if (i == value.Length)
            {
                var separator = depth > 0 ? value.IndexOfAny(Separators, open) : -1;
                if (separator < 0)
                {
                    entries.Add(value.Substring(start));
                    return entries;
                }

                entries.Add(value.Substring(start, separator - start));
                start = i = separator + 1;
                depth = 0;
                continue;
            }

            switch (value[i])
            {
                case '<' or '(' or '[' or '{':
                    if (depth++ == 0)
                    {
                        open = i;
                    }

                    break;
                case '>' or ')' or ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    break;
                case ',' or ';' when depth == 0:
                    entries.Add(value.Substring(start, i - start));
                    start = i + 1;
                    break;
            }

            i++;
        }
    }

    private static readonly char[] Separators = { ',', ';' };

    /// <summary>
    /// Parses <c>[global::]Part(.|+)Part...</c>, each part an identifier with an optional arity (<c>`2</c>) or
    /// type-parameter list (<c>&lt;TKey, TValue&gt;</c>, <c>&lt;&gt;</c>, <c>&lt;,&gt;</c>). False for anything else.
    /// </summary>
    private static bool TryParseName(string text, out ImmutableArray<NamePart> parts)
    {
        parts = default;
        var i = SkipWhitespace(text, 0);
        if (string.CompareOrdinal(text, i, "global::", 0, 8) == 0)
        {
            i += 8;
        }

        var builder = ImmutableArray.CreateBuilder<NamePart>();
        while (true)
        {
            if (ReadIdentifier(text, ref i) is not { } identifier)
            {
                return false;
            }

            var arity = -1;
            i = SkipWhitespace(text, i);
            if (i < text.Length && text[i] == '`')
            {
                if (!TryReadArity(text, ref i, out arity))
                {
                    return false;
                }
            }
            else if (i < text.Length && text[i] == '<')
            {
                if (!TryReadTypeParameterCount(text, ref i, out arity))
                {
                    return false;
                }
            }

            builder.Add(new NamePart(identifier, arity));
            i = SkipWhitespace(text, i);
            if (i == text.Length)
            {
                parts = builder.ToImmutable();
                return true;
            }

            if (text[i] is not ('.' or '+'))
            {
                return false;
            }

            i++;
        }
    }

    /// <summary>Reads an identifier (an optional <c>@</c>, then letters, digits and <c>_</c>, not starting with a digit) after whitespace at <paramref name="i"/>; null if there is none.</summary>
    private static string? ReadIdentifier(string text, ref int i)
    {
        i = SkipWhitespace(text, i);
        if (i < text.Length && text[i] == '@')
        {
            i++;
        }

        var start = i;
        while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }

        return i == start || char.IsDigit(text[start]) ? null : text.Substring(start, i - start);
    }

    /// <summary>Reads <c>`N</c> at <paramref name="i"/>.</summary>
    private static bool TryReadArity(string text, ref int i, out int arity)
    {
        arity = 0;
        var start = ++i;
        while (i < text.Length && text[i] is >= '0' and <= '9')
        {
            if (i - start >= 4)
            {
                return false;
            }

            arity = (arity * 10) + (text[i] - '0');
            i++;
        }

        return i > start && arity > 0;
    }

    /// <summary>Reads <c>&lt;...&gt;</c> at <paramref name="i"/>: one type parameter more than its top-level commas.</summary>
    private static bool TryReadTypeParameterCount(string text, ref int i, out int arity)
    {
        arity = 1;
        var depth = 0;
        for (; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '<':
                    depth++;
                    break;
                case '>':
                    if (--depth == 0)
                    {
                        i++;
                        return true;
                    }

                    break;
                case ',' when depth == 1:
                    arity++;
                    break;
            }
        }

        return false;
    }

    private static int SkipWhitespace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>One dotted part of a configured name. A class, not a struct, for the reason <see cref="AccessStep"/> gives.</summary>
    private sealed class NamePart
    {
        public NamePart(string name, int arity)
        {
            Name = name;
            Arity = arity;
        }

        public string Name { get; }

        /// <summary>The written arity; -1 when the name carries none.</summary>
        public int Arity { get; }
    }

    /// <summary>A parsed entry: type parts, then for a method entry the method's name as the last part.</summary>
    private sealed class TypeName
    {
        public TypeName(ImmutableArray<NamePart> parts, bool isMethod)
        {
            Parts = parts;
            IsMethod = isMethod;
        }

        public ImmutableArray<NamePart> Parts { get; }

        public bool IsMethod { get; }

        public int TypePartCount => IsMethod ? Parts.Length - 1 : Parts.Length;
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
        private readonly string? _defaultValue;
        private readonly ConcurrentDictionary<string, ConfiguredSymbols> _byValue = new(StringComparer.Ordinal);

        /// <param name="defaultValue">The list that applies where the option is not set at all (an empty value still means an empty list).</param>
        public Reader(Compilation compilation, AnalyzerConfigOptionsProvider provider, string key, bool methods, string? defaultValue = null)
        {
            _compilation = compilation;
            _provider = provider;
            _key = key;
            _methods = methods;
            _defaultValue = defaultValue;
        }

        /// <summary>The list that applies to <paramref name="tree"/>; <see cref="Empty"/> when the option is not set.</summary>
        public ConfiguredSymbols For(SyntaxTree tree)
        {
            if (!_provider.GetOptions(tree).TryGetValue(_key, out var value))
            {
                value = _defaultValue;
            }

            if (value is null || string.IsNullOrWhiteSpace(value))
            {
                return Empty;
            }

            return _byValue.GetOrAdd(value, v => _methods ? ParseMethods(_compilation, v) : ParseTypes(_compilation, v));
        }
    }
}
