using System.IO;
using AsyncLessons.Internals;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AsyncLessons.Tests.Internals;

/// <summary>
/// What the rules read from a referenced module's metadata is read once per process, also when the compiler server
/// opens the same file again for a later compilation (another <see cref="ModuleMetadata"/>, the same MVID).
/// </summary>
public class ModuleCacheTests
{
    [Fact]
    public void SameModuleOpenedTwice_IsReadOnce()
    {
        var image = File.ReadAllBytes(typeof(FactAttribute).Assembly.Location);
        var reads = 0;
        var cache = new ModuleCache<string>(_ => (++reads).ToString());
        using var first = ModuleMetadata.CreateFromImage(image);
        using var second = ModuleMetadata.CreateFromImage(image);

        Assert.Equal("1", cache.Get(first));
        Assert.Equal("1", cache.Get(second));
        Assert.Equal("1", cache.Get(first));
        Assert.Equal(1, reads);
    }

    [Fact]
    public void DifferentModules_AreReadEach()
    {
        var reads = 0;
        var cache = new ModuleCache<string>(_ => (++reads).ToString());
        using var xunit = ModuleMetadata.CreateFromImage(File.ReadAllBytes(typeof(FactAttribute).Assembly.Location));
        using var roslyn = ModuleMetadata.CreateFromImage(File.ReadAllBytes(typeof(ModuleMetadata).Assembly.Location));

        Assert.Equal("1", cache.Get(xunit));
        Assert.Equal("2", cache.Get(roslyn));
        Assert.Equal(2, reads);
    }
}
