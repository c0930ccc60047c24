using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AsyncLessons.Internals;

/// <summary>
/// Where a compilation's referenced extension methods can be declared: each module of each referenced assembly that
/// may contain extension methods, as metadata, or as another project's compilation (a compilation reference in the
/// IDE), or as neither. Read by <see cref="ExtensionAwaiters"/> (classic <c>GetAwaiter</c> extensions) and by AL0005's
/// <c>ExtensionMethodNames</c>.
/// </summary>
internal sealed class ExtensionModule(IAssemblySymbol assembly, ModuleMetadata? metadata, Compilation? compilation)
{
    public IAssemblySymbol Assembly => assembly;

    /// <summary>The module's metadata, when it has any.</summary>
    public ModuleMetadata? Metadata => metadata;

    /// <summary>The referenced project's compilation, when the module is not metadata; both null when nothing cheap tells what it declares.</summary>
    public Compilation? Compilation => compilation;

    /// <summary>
    /// The modules of <paramref name="compilation"/>'s references that may declare extension methods (an assembly
    /// without any is skipped, as the compiler's own extension-method lookup skips it).
    /// </summary>
    public static List<ExtensionModule> Of(Compilation compilation)
    {
        var modules = new List<ExtensionModule>();
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (!assembly.MightContainExtensionMethods)
            {
                continue;
            }

            foreach (var module in assembly.Modules)
            {
                var metadata = module.GetMetadata();
                var referenced = metadata is null && compilation.GetMetadataReference(assembly) is CompilationReference { Compilation: { } other }
                    ? other
                    : null;
                modules.Add(new ExtensionModule(assembly, metadata, referenced));
            }
        }

        return modules;
    }
}
