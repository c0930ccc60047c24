using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using AsyncLessons.Internals;
using Xunit;

namespace AsyncLessons.Tests.Internals;

/// <summary>
/// The package's precompiled (ReadyToRun) assembly is only as good as what crossgen2 can compile ahead of time: it
/// leaves out methods marked <c>AggressiveOptimization</c> (the runtime must compile those itself, optimized) and
/// <c>NoOptimization</c>, and code for the framework's generic collections over a struct of ours (that code lives in
/// the framework, not in our image). Each is compiled afresh in every compiler process. docs/performance.md.
/// </summary>
public class AheadOfTimeTests
{
    private static readonly Assembly Analyzers = typeof(RuleAnalyzer).Assembly;

    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void NoMethod_IsKeptFromAheadOfTimeCompilation()
    {
        var kept = Analyzers.GetTypes()
            .SelectMany(t => t.GetMethods(Everything).Cast<MethodBase>().Concat(t.GetConstructors(Everything)))
            .Where(m => (m.MethodImplementationFlags & (MethodImplAttributes.AggressiveOptimization | MethodImplAttributes.NoOptimization)) != 0)
            .Select(m => m.DeclaringType!.FullName + "." + m.Name)
            .ToArray();
        Assert.Empty(kept);
    }

    [Fact]
    public void NoStructOfOurs_IsTheElementOfAFrameworkCollectionField()
    {
        // The fields and auto-properties of our types: a List<OurStruct>, ImmutableArray<OurStruct> or
        // Dictionary<OurStruct, ...> field means framework code compiled in every process.
        var offending = Analyzers.GetTypes()
            .SelectMany(t => t.GetFields(Everything))
            .Where(f => f.FieldType.IsGenericType && f.FieldType.Assembly != Analyzers
                && f.FieldType.GetGenericArguments().Any(a => a.IsValueType && a.Assembly == Analyzers))
            .Select(f => f.DeclaringType!.FullName + "." + f.Name + ": " + f.FieldType)
            .ToArray();
        Assert.Empty(offending);
    }
}
