using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AsyncLessons.Internals;

/// <summary>
/// "Could any extension method named <c>X</c> be in scope in this compilation?", answered from declaration and metadata
/// name tables, without binding: the compilation's own source from the member names of its static classes, other
/// projects' source from their declaration tables, referenced assemblies from the names of the extension methods their top-level static classes declare (read
/// once per module per process, from the metadata's <c>[Extension]</c> marks). A "yes" only means a real lookup at the call site is worth making; a "no" is final.
/// </summary>
internal sealed class ExtensionMethodNames
{
    private static readonly ModuleCache<string[]> ByModule = new(ReadNames);

    /// <summary>Stands for a module whose metadata could not be read.</summary>
    private static readonly string[] Unreadable = { "\0" };

    private readonly Compilation _compilation;

    /// <summary>The member names of the compilation's own top-level static classes.</summary>
    private readonly Lazy<HashSet<string>> _inSource;

    /// <summary>The referenced modules' names, and whether some assembly could not be read (then every answer is "maybe").</summary>
    private readonly Lazy<ReferencedNames> _tables;

    public ExtensionMethodNames(Compilation compilation)
    {
        _compilation = compilation;
        _inSource = new Lazy<HashSet<string>>(ReadSourceNames, LazyThreadSafetyMode.ExecutionAndPublication);
        _tables = new Lazy<ReferencedNames>(Read, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// True when an extension method named <paramref name="name"/> may exist where the compilation looks: in referenced
    /// metadata, or any member of that name in a static class of source (the declarations know names, not kinds).
    /// </summary>
    public bool MayDeclare(string name, CancellationToken cancellationToken)
    {
        if (_inSource.Value.Contains(name))
        {
            return true;
        }

        var tables = _tables.Value;
        if (tables.Unknown)
        {
            return true;
        }

        if (tables.Modules.Contains(name))
        {
            return true;
        }

        foreach (var referenced in tables.Compilations)
        {
            if (referenced.ContainsSymbolsWithName(name, SymbolFilter.Member, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The names an extension method declared in this compilation's source can have: the member names of its
    /// top-level static classes, where classic extension methods live. Read once, from the declarations: no member
    /// symbol is built. (The members of C# 14 extension blocks are not looked up as counterparts.)
    /// </summary>
    private HashSet<string> ReadSourceNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var namespaces = new Stack<INamespaceSymbol>();
        namespaces.Push(_compilation.Assembly.GlobalNamespace);
        while (namespaces.Count > 0)
        {
            var current = namespaces.Pop();
            foreach (var child in current.GetNamespaceMembers())
            {
                namespaces.Push(child);
            }

            foreach (var type in current.GetTypeMembers())
            {
                if (!type.IsStatic)
                {
                    continue;
                }

                names.UnionWith(type.MemberNames);
            }
        }

        return names;
    }

    private ReferencedNames Read()
    {
        var modules = new HashSet<string>(StringComparer.Ordinal);
        var compilations = ImmutableArray.CreateBuilder<Compilation>();
        var unknown = false;
        foreach (var module in ExtensionModule.Of(_compilation))
        {
            if (module.Metadata is { } metadata)
            {
                var names = ByModule.Get(metadata);
                if (ReferenceEquals(names, Unreadable))
                {
                    unknown = true;
                }
                else
                {
                    modules.UnionWith(names);
                }
            }
            else if (module.Compilation is { } referenced)
            {
                compilations.Add(referenced);
            }
            else
            {
                unknown = true;
            }
        }

        return new ReferencedNames(modules, compilations.ToImmutable(), unknown);
    }

    /// <summary>True when one of <paramref name="attributes"/> is <c>System.Runtime.CompilerServices.ExtensionAttribute</c>.</summary>
    private static bool HasExtensionAttribute(MetadataReader reader, CustomAttributeHandleCollection attributes)
    {
        foreach (var handle in attributes)
        {
            var constructor = reader.GetCustomAttribute(handle).Constructor;
            EntityHandle parent;
            if (constructor.Kind == HandleKind.MemberReference)
            {
                parent = reader.GetMemberReference((MemberReferenceHandle)constructor).Parent;
            }
            else if (constructor.Kind == HandleKind.MethodDefinition)
            {
                parent = reader.GetMethodDefinition((MethodDefinitionHandle)constructor).GetDeclaringType();
            }
            else
            {
                continue;
            }

            if (parent.Kind == HandleKind.TypeReference)
            {
                var type = reader.GetTypeReference((TypeReferenceHandle)parent);
                if (reader.StringComparer.Equals(type.Name, "ExtensionAttribute") && reader.StringComparer.Equals(type.Namespace, "System.Runtime.CompilerServices"))
                {
                    return true;
                }
            }
            else if (parent.Kind == HandleKind.TypeDefinition)
            {
                var type = reader.GetTypeDefinition((TypeDefinitionHandle)parent);
                if (reader.StringComparer.Equals(type.Name, "ExtensionAttribute") && reader.StringComparer.Equals(type.Namespace, "System.Runtime.CompilerServices"))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The names of the methods of a module's top-level static classes; <see cref="Unreadable"/> when its metadata cannot be read.</summary>
    private static string[] ReadNames(ModuleMetadata metadata)
    {
        try
        {
            var reader = metadata.GetMetadataReader();
            var names = new HashSet<string>(StringComparer.Ordinal);
            const TypeAttributes Static = TypeAttributes.Abstract | TypeAttributes.Sealed;
            foreach (var handle in reader.TypeDefinitions)
            {
                var type = reader.GetTypeDefinition(handle);
                if ((type.Attributes & Static) != Static || (type.Attributes & TypeAttributes.Interface) != 0 || !type.GetDeclaringType().IsNil)
                {
                    continue;
                }

                if (!HasExtensionAttribute(reader, type.GetCustomAttributes()))
                {
                    // The compiler marks every class that declares an extension method, and each such method.
                    continue;
                }

                foreach (var methodHandle in type.GetMethods())
                {
                    var method = reader.GetMethodDefinition(methodHandle);
                    if (HasExtensionAttribute(reader, method.GetCustomAttributes()))
                    {
                        names.Add(reader.GetString(method.Name));
                    }
                }
            }

            var result = new string[names.Count];
            names.CopyTo(result);
            return result;
        }
        catch (BadImageFormatException)
        {
            return Unreadable;
        }
    }

    /// <summary>The referenced modules' name sets, the referenced compilations, and whether some assembly could not be read (then every answer is "maybe").</summary>
    private sealed class ReferencedNames(HashSet<string> modules, ImmutableArray<Compilation> compilations, bool unknown)
    {
        /// <summary>The extension-method names of every referenced module, in one set (merged per compilation, read per module once per process).</summary>
        public HashSet<string> Modules { get; } = modules;

        public ImmutableArray<Compilation> Compilations { get; } = compilations;

        public bool Unknown { get; } = unknown;
    }
}
