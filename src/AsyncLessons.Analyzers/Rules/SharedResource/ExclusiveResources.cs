using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AsyncLessons.Internals;

/// <summary>How a resource may be shared by operations that run at the same time (AL0008).</summary>
internal enum ResourceKind
{
    /// <summary>Not a resource: any number of operations may use it at once.</summary>
    None,

    /// <summary>One operation at a time, whatever it does: a DbContext, a connection, a command, a listed type.</summary>
    Exclusive,

    /// <summary>One read and one write may overlap, two reads or two writes may not: a socket, a network stream, a WebSocket.</summary>
    Duplex,

    /// <summary>One position for reads and writes: a FileStream; any two reads or writes collide.</summary>
    Seekable,

    /// <summary>A file named by its path: a write must not overlap a read or another write of the same path.</summary>
    File,
}

/// <summary>What an operation does with a resource it uses.</summary>
internal enum ResourceAccess
{
    /// <summary>Not known from the call (<c>stream.DisposeAsync()</c>, a helper the stream is passed to).</summary>
    Unknown,
    Read,
    Write,

    /// <summary>Any use of an exclusive resource.</summary>
    Any,
}

/// <summary>
/// The types AL0008 treats as resources that do not allow concurrent use, resolved once per compilation: Entity
/// Framework's DbContext, ADO.NET connections, commands and readers, streams, text and pipe readers and writers,
/// sockets and WebSockets, and the types listed in <c>async_lessons.AL0008.exclusive_types</c>. Concurrency-safe types
/// (HttpClient and <c>async_lessons.AL0001.concurrent_safe_types</c>) are never resources.
/// </summary>
internal sealed class ExclusiveResources
{
    /// <summary>The <c>.editorconfig</c> key naming more types that allow one operation at a time.</summary>
    public const string ExclusiveTypesOption = "async_lessons.AL0008.exclusive_types";

    private readonly INamedTypeSymbol? _dbContext;
    private readonly ImmutableArray<INamedTypeSymbol> _exclusive;
    private readonly ImmutableArray<INamedTypeSymbol> _duplex;
    private readonly ImmutableArray<INamedTypeSymbol> _seekable;
    private readonly ImmutableArray<INamedTypeSymbol> _inMemory;
    private readonly ImmutableArray<INamedTypeSymbol> _writers;
    private readonly ImmutableArray<INamedTypeSymbol> _readers;
    private readonly INamedTypeSymbol? _console;

    /// <summary>The built-in kind of each type asked about, in a <see cref="Box{T}"/> (an enum of ours as the values would be compiled in every process).</summary>
    private readonly ConcurrentDictionary<ITypeSymbol, Box<ResourceKind>> _kinds = new(SymbolEqualityComparer.Default);

    private readonly Func<ITypeSymbol, Box<ResourceKind>> _builtInKind;

    public ExclusiveResources(Compilation compilation)
    {
        _builtInKind = type => new Box<ResourceKind>(BuiltInKind(type));
        var types = KnownTypes.Get(compilation);
        _dbContext = types.Named("Microsoft.EntityFrameworkCore.DbContext");
        _exclusive = types.AllNamed("Microsoft.EntityFrameworkCore.DbContext", "System.Data.Common.DbConnection", "System.Data.Common.DbCommand", "System.Data.Common.DbDataReader", "System.Data.IDbConnection", "System.Data.IDbCommand");
        _seekable = types.AllNamed("System.IO.FileStream");
        _inMemory = types.AllNamed("System.IO.MemoryStream", "System.IO.UnmanagedMemoryStream");
        _duplex = types.AllNamed("System.IO.Stream", "System.Net.Sockets.Socket", "System.Net.WebSockets.WebSocket");
        _writers = types.AllNamed("System.IO.TextWriter", "System.IO.Pipelines.PipeWriter");
        _readers = types.AllNamed("System.IO.TextReader", "System.IO.Pipelines.PipeReader");
        _console = types.Named("System.Console");
        File = types.Named("System.IO.File");
        FileStream = types.Named("System.IO.FileStream");
        StreamReader = types.Named("System.IO.StreamReader");
        StreamWriter = types.Named("System.IO.StreamWriter");
        FileAccess = types.Named("System.IO.FileAccess");
        FileMode = types.Named("System.IO.FileMode");
    }

    public INamedTypeSymbol? File { get; }
    public INamedTypeSymbol? FileStream { get; }
    public INamedTypeSymbol? StreamReader { get; }
    public INamedTypeSymbol? StreamWriter { get; }
    public INamedTypeSymbol? FileAccess { get; }
    public INamedTypeSymbol? FileMode { get; }

    /// <summary>System.Console: its readers and writers are synchronized, so they are never shared resources.</summary>
    public bool IsConsole(ISymbol? type) => type is not null && type.IsEqualTo(_console);

    /// <summary>True for Entity Framework's DbContext and the types derived from it.</summary>
    public bool IsDbContext(ITypeSymbol? type) => _dbContext is not null && type is not null && TypeHierarchy.DerivesFrom(type, _dbContext);

    /// <summary>
    /// How <paramref name="type"/> may be shared, given the listed exclusive and concurrency-safe types of the file.
    /// The answer for the built-in lists is cached per type definition.
    /// </summary>
    public ResourceKind KindOf(ITypeSymbol? type, ConfiguredSymbols listedExclusive, ImmutableArray<INamedTypeSymbol> safeTypes)
    {
        if (type is null || type.TypeKind is TypeKind.Error or TypeKind.TypeParameter || type.SpecialType != SpecialType.None
            || type.IsValueType)
        {
            return ResourceKind.None;
        }

        if (!safeTypes.IsEmpty && TypeHierarchy.InheritsFromOrImplementsAny(type, safeTypes))
        {
            return ResourceKind.None;
        }

        if (!listedExclusive.IsEmpty)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (listedExclusive.ContainsType(current))
                {
                    return ResourceKind.Exclusive;
                }
            }

            foreach (var @interface in type.AllInterfaces)
            {
                if (listedExclusive.ContainsType(@interface))
                {
                    return ResourceKind.Exclusive;
                }
            }
        }

        return _kinds.GetOrAdd(type.OriginalDefinition, _builtInKind).Value;
    }

    private ResourceKind BuiltInKind(ITypeSymbol type)
    {
        // A MemoryStream's async methods finish before they return: operations "run together" on one still run in order.
        if (TypeHierarchy.InheritsFromOrImplementsAny(type, _inMemory))
        {
            return ResourceKind.None;
        }

        if (TypeHierarchy.InheritsFromOrImplementsAny(type, _exclusive))
        {
            return ResourceKind.Exclusive;
        }

        if (TypeHierarchy.InheritsFromOrImplementsAny(type, _seekable))
        {
            return ResourceKind.Seekable;
        }

        // Writers take only writes and readers only reads: two operations on one of them always have the same direction.
        return TypeHierarchy.InheritsFromOrImplementsAny(type, _duplex) || TypeHierarchy.InheritsFromOrImplementsAny(type, _writers) || TypeHierarchy.InheritsFromOrImplementsAny(type, _readers)
            ? ResourceKind.Duplex
            : ResourceKind.None;
    }

    /// <summary>The name the message gives a kind of resource (<c>a DbContext</c>, <c>a stream</c>).</summary>
    public string Describe(ITypeSymbol type, ResourceKind kind)
    {
        if (IsDbContext(type))
        {
            return "a DbContext allows one operation at a time";
        }

        if (kind == ResourceKind.Exclusive)
        {
            return _exclusive.IsEmpty || !TypeHierarchy.InheritsFromOrImplementsAny(type, _exclusive)
                ? $"'{type.Name}' allows one operation at a time"
                : "a database connection runs one command at a time";
        }

        if (kind == ResourceKind.Seekable)
        {
            return $"a {type.Name} has one position for every read and write";
        }

        if (TypeHierarchy.InheritsFromOrImplementsAny(type, _writers))
        {
            return "a writer takes one write at a time";
        }

        if (TypeHierarchy.InheritsFromOrImplementsAny(type, _readers))
        {
            return "a reader takes one read at a time";
        }

        return $"a {type.Name} takes one read and one write at a time, never two of the same";
    }
}
