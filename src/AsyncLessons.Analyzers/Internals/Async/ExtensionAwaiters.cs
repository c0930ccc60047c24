using System.Collections.Generic;
using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AsyncLessons.Internals;

/// <summary>
/// Every <c>GetAwaiter</c> extension method a compilation could see, found once per compilation without asking the
/// binder: most compilations have none at all, and then "is this type awaitable through an extension?" is answered
/// "no" without an extension-method lookup (the most expensive question a rule would otherwise ask per statement).
/// Referenced assemblies are read from their metadata tables (once per assembly per process); the compilation's own
/// source and other projects' source from their declaration tables, which know every member name without binding.
/// </summary>
/// <remarks>
/// The index only narrows: a type that one of the candidates can be applied to is still checked by a real lookup
/// at the position in question (usings decide what is in scope). When a static class declares a <c>GetAwaiter</c>
/// that is not a classic extension method (a C# 14 extension block, say), the index gives up
/// (<see cref="IsComplete"/> is false) and every question goes to the lookup, as without the index.
/// </remarks>
internal sealed class ExtensionAwaiters
{
    private const string GetAwaiter = "GetAwaiter";

    /// <summary>Per module of metadata: the metadata names of top-level static classes that declare a <c>GetAwaiter</c>.</summary>
    private static readonly ModuleCache<StaticClassNames> ByModule = new(StaticClassNames.Read);

    private ExtensionAwaiters(ImmutableArray<IMethodSymbol> candidates, bool isComplete)
    {
        Candidates = candidates;
        IsComplete = isComplete;
    }

    /// <summary>The classic extension methods <c>static X GetAwaiter(this T value)</c> declared anywhere the compilation sees.</summary>
    public ImmutableArray<IMethodSymbol> Candidates { get; }

    /// <summary>False when some <c>GetAwaiter</c> could not be classified: then <see cref="Candidates"/> is not the whole story.</summary>
    public bool IsComplete { get; }

    public static ExtensionAwaiters Find(Compilation compilation, CancellationToken cancellationToken = default)
    {
        var candidates = ImmutableArray.CreateBuilder<IMethodSymbol>();
        var isComplete = true;

        // The compilation's own source: the declaration table knows every member name without binding anything.
        if (compilation.ContainsSymbolsWithName(GetAwaiter, SymbolFilter.Member, cancellationToken))
        {
            foreach (var symbol in compilation.GetSymbolsWithName(GetAwaiter, SymbolFilter.Member, cancellationToken))
            {
                isComplete &= Classify(symbol, candidates);
            }
        }

        foreach (var module in ExtensionModule.Of(compilation))
        {
            if (module.Metadata is { } metadata)
            {
                var found = ByModule.Get(metadata);
                isComplete &= found.IsReadable && !found.HasNested;
                foreach (var typeName in found.Names)
                {
                    var before = candidates.Count;
                    if (module.Assembly.GetTypeByMetadataName(typeName) is { } type)
                    {
                        foreach (var member in type.GetMembers(GetAwaiter))
                        {
                            isComplete &= Classify(member, candidates);
                        }
                    }

                    // The metadata declares a GetAwaiter there: if the symbols show no extension method, something is hidden.
                    isComplete &= candidates.Count > before;
                }
            }
            else if (module.Compilation is { } referenced)
            {
                // Another project's source: its declaration table names its members.
                isComplete &= AddFromCompilation(referenced, module.Assembly, candidates, cancellationToken);
            }
            else
            {
                // Neither metadata nor another compilation: nothing cheap tells what it declares.
                isComplete = false;
            }
        }

        return new ExtensionAwaiters(candidates.ToImmutable(), isComplete);
    }

    /// <summary>Adds a classic extension <c>GetAwaiter</c>; false when the member is one the index cannot reason about.</summary>
    private static bool Classify(ISymbol symbol, ImmutableArray<IMethodSymbol>.Builder candidates)
    {
        if (symbol is not IMethodSymbol method || symbol.Name != GetAwaiter)
        {
            return true;
        }

        if (method.IsExtensionMethod)
        {
            if (method.Parameters.Length == 1)
            {
                candidates.Add(method);
            }

            return true;
        }

        // An instance GetAwaiter of an ordinary type is the instance pattern, answered elsewhere. One declared inside
        // a static class (or anything nested in one) that is not a classic extension is a newer form of extension.
        for (var container = method.ContainingType; container is not null; container = container.ContainingType)
        {
            if (container.IsStatic)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The <c>GetAwaiter</c> members another project declares, as this compilation sees that project's assembly: found
    /// by name in the other compilation's declarations, then looked up by their type's metadata name here.
    /// </summary>
    private static bool AddFromCompilation(Compilation referenced, IAssemblySymbol assembly, ImmutableArray<IMethodSymbol>.Builder candidates, CancellationToken cancellationToken)
    {
        if (!referenced.ContainsSymbolsWithName(GetAwaiter, SymbolFilter.Member, cancellationToken))
        {
            return true;
        }

        var isComplete = true;
        var seenTypes = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var symbol in referenced.GetSymbolsWithName(GetAwaiter, SymbolFilter.Member, cancellationToken))
        {
            if (symbol.ContainingType is not { ContainingType: null } type)
            {
                // A nested type's GetAwaiter: an instance method of an ordinary type, or a newer form of extension.
                isComplete &= Classify(symbol, candidates);
                continue;
            }

            var metadataName = type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + type.MetadataName : type.MetadataName;
            if (!seenTypes.Add(metadataName))
            {
                continue;
            }

            if (assembly.GetTypeByMetadataName(metadataName) is not { } seen)
            {
                isComplete &= !type.IsStatic;
                continue;
            }

            foreach (var member in seen.GetMembers(GetAwaiter))
            {
                isComplete &= Classify(member, candidates);
            }
        }

        return isComplete;
    }

    /// <summary>The metadata names of a module's top-level static classes (abstract and sealed) that declare a <c>GetAwaiter</c>.</summary>
    private sealed class StaticClassNames
    {
        private StaticClassNames(ImmutableArray<string> names, bool hasNested, bool isReadable = true)
        {
            Names = names;
            HasNested = hasNested;
            IsReadable = isReadable;
        }

        /// <summary>False when the module's metadata could not be read: nothing is known about it.</summary>
        public bool IsReadable { get; }

        public ImmutableArray<string> Names { get; }

        /// <summary>True when a type nested in a static class declares a <c>GetAwaiter</c> (a newer form of extension).</summary>
        public bool HasNested { get; }

        public static StaticClassNames Read(ModuleMetadata metadata)
        {
            try
            {
                return ReadTables(metadata);
            }
            catch (System.BadImageFormatException)
            {
                return new StaticClassNames(ImmutableArray<string>.Empty, hasNested: false, isReadable: false);
            }
        }

        private static StaticClassNames ReadTables(ModuleMetadata metadata)
        {
            // Only the methods of top-level static classes (where classic extension methods live) and of the types
            // nested in them (newer extension forms) can matter: a few thousand of a module's tens of thousands.
            var names = ImmutableArray.CreateBuilder<string>();
            var reader = metadata.GetMetadataReader();
            var hasNested = false;
            foreach (var handle in reader.TypeDefinitions)
            {
                var type = reader.GetTypeDefinition(handle);
                if (!type.GetDeclaringType().IsNil)
                {
                    hasNested = hasNested || (IsStaticClass(TopLevel(reader, type)) && DeclaresGetAwaiter(reader, type));
                    continue;
                }

                if (IsStaticClass(type) && DeclaresGetAwaiter(reader, type))
                {
                    var name = reader.GetString(type.Name);
                    names.Add(type.Namespace.IsNil ? name : reader.GetString(type.Namespace) + "." + name);
                }
            }

            return new StaticClassNames(names.ToImmutable(), hasNested);
        }

        private static bool DeclaresGetAwaiter(MetadataReader reader, TypeDefinition type)
        {
            foreach (var method in type.GetMethods())
            {
                if (reader.StringComparer.Equals(reader.GetMethodDefinition(method).Name, GetAwaiter))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsStaticClass(TypeDefinition type)
        {
            const TypeAttributes Static = TypeAttributes.Abstract | TypeAttributes.Sealed;
            return (type.Attributes & Static) == Static && (type.Attributes & TypeAttributes.Interface) == 0;
        }

        private static TypeDefinition TopLevel(MetadataReader reader, TypeDefinition type)
        {
            while (!type.GetDeclaringType().IsNil)
            {
                type = reader.GetTypeDefinition(type.GetDeclaringType());
            }

            return type;
        }
    }
}
