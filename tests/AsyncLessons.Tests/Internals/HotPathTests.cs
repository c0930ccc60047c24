using System.Reflection;
using System.Runtime.CompilerServices;
using AsyncLessons.Internals;
using Xunit;

namespace AsyncLessons.Tests.Internals;

public class HotPathTests
{
    [Fact]
    public void Optimized_IsTheRuntimesAggressiveOptimization() =>
        Assert.Equal(MethodImplOptions.AggressiveOptimization, HotPath.Optimized);

    [Fact]
    public void MarkedMethod_CarriesTheFlagInItsMetadata()
    {
        var method = typeof(SymbolExtensions).GetMethod(nameof(SymbolExtensions.IsEqualTo), BindingFlags.Public | BindingFlags.Static)!;
        Assert.True((method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0);
    }
}
