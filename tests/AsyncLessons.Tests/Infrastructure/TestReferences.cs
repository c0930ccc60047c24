using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace AsyncLessons.Tests.Infrastructure;

/// <summary>
/// The .NET reference assemblies test sources compile against, read from the SDK's installed targeting pack
/// (its folder is recorded at build time), so no test downloads anything.
/// </summary>
internal static class TestReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyNet = new(LoadNet);

    /// <summary>An empty reference set: the metadata references are added as <see cref="Net"/>.</summary>
    public static ReferenceAssemblies None { get; } = new("net10.0");

    /// <summary>The whole Microsoft.NETCore.App reference set, loaded once per test run.</summary>
    public static ImmutableArray<MetadataReference> Net => LazyNet.Value;

    public static string ReferenceAssemblyDirectory =>
        typeof(TestReferences).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "TestReferenceAssemblyDir").Value
        ?? throw new InvalidOperationException("TestReferenceAssemblyDir is not recorded in the test assembly.");

    /// <summary>
    /// A library compiled from <paramref name="source"/> as an assembly named <paramref name="assemblyName"/> (against
    /// <paramref name="references"/>, by default <see cref="Net"/>) and referenced as metadata, as a NuGet package's would be.
    /// </summary>
    public static MetadataReference Library(string assemblyName, string source, System.Collections.Generic.IEnumerable<MetadataReference>? references = null)
    {
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            assemblyName,
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source) },
            references ?? Net,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        if (!emitted.Success)
        {
            throw new InvalidOperationException(string.Join("\n", emitted.Diagnostics));
        }

        return MetadataReference.CreateFromImage(image.ToArray());
    }

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyPackages = new(LoadPackages);

    /// <summary>
    /// Entity Framework Core and the generic host's abstractions (with the Microsoft.Extensions assemblies they
    /// depend on), as the test project restored them: test sources use the real packages, not stand-ins.
    /// </summary>
    public static ImmutableArray<MetadataReference> Packages => LazyPackages.Value;

    private static ImmutableArray<MetadataReference> LoadPackages() =>
        Directory.GetFiles(AppContext.BaseDirectory, "Microsoft.*.dll")
            .Where(path => Path.GetFileName(path) is var name
                && (name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();

    private static ImmutableArray<MetadataReference> LoadNet() =>
        Directory.GetFiles(ReferenceAssemblyDirectory, "*.dll")
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
}
