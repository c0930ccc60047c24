using System.Runtime.CompilerServices;

namespace AsyncLessons.Internals;

/// <summary>
/// For the few small methods that run for every operation of their kind (the registered callbacks, their first
/// tests, symbol comparison, the conversion walks): compiled once with full optimization instead of tiered.
/// </summary>
/// <remarks>
/// A compiler process without the server lives for one compilation. The runtime compiles our methods unoptimized
/// first and optimizes a hot one only after a quiet spell without new compilations, which a compiler busy
/// compiling its own code rarely has: in a cold build of npgsql none of our methods reached the optimized tier, and
/// the hot ones were compiled a second time with profiling probes in them. Marked methods skip both steps. Only
/// small ones are marked: optimizing a larger method costs a one-file compilation, where it runs a handful of times,
/// more than it saves (docs/performance.md).
/// </remarks>
internal static class HotPath
{
    /// <summary><c>MethodImplOptions.AggressiveOptimization</c>, which netstandard2.0's enum lacks; every runtime that runs the compiler honours it.</summary>
    public const MethodImplOptions Optimized = (MethodImplOptions)512;
}
