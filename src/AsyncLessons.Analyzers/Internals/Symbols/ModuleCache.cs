using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace AsyncLessons.Internals;

/// <summary>
/// What was read from a referenced module's metadata, kept for the life of the process: by the module object, and by
/// its MVID, because the compiler server opens a reference again for a later compilation (another object, the same
/// content). Bounded, because a long-lived server sees every new build of the user's own projects.
/// </summary>
internal sealed class ModuleCache<T>
    where T : class
{
    private const int Limit = 4096;
    private readonly ConditionalWeakTable<ModuleMetadata, T> _byModule = new();
    // Keyed by the boxed MVID: a ConcurrentDictionary<Guid, T> is framework code over a value type, compiled afresh
    // in every compiler process (AheadOfTimeTests); over object it is the framework's shared, precompiled code.
    private readonly ConcurrentDictionary<object, T> _byVersion = new();
    private readonly Func<ModuleMetadata, T> _read;
    private readonly ConditionalWeakTable<ModuleMetadata, T>.CreateValueCallback _readOrReuse;

    public ModuleCache(Func<ModuleMetadata, T> read)
    {
        _read = read;
        _readOrReuse = ReadOrReuse;
    }

    public T Get(ModuleMetadata metadata) => _byModule.GetValue(metadata, _readOrReuse);

    private T ReadOrReuse(ModuleMetadata metadata)
    {
        object version;
        try
        {
            version = metadata.GetModuleVersionId();
        }
        catch (BadImageFormatException)
        {
            return _read(metadata);
        }

        if (_byVersion.TryGetValue(version, out var known))
        {
            return known;
        }

        var read = _read(metadata);
        if (_byVersion.Count >= Limit)
        {
            _byVersion.Clear();
        }

        _byVersion.TryAdd(version, read);
        return read;
    }
}
