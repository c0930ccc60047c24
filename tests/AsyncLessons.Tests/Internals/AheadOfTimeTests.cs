using System.Collections.Generic;
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
    public void NoStructOrEnumOfOurs_IsATypeArgumentOfFrameworkCode()
    {
        // Every type our code holds or passes (fields, locals, parameters, return types): a List<OurStruct>,
        // ImmutableArray<OurStruct> or Dictionary<..., OurEnum> there means framework code compiled in every process.
        var offending = new List<string>();
        foreach (var type in Analyzers.GetTypes())
        {
            foreach (var field in type.GetFields(Everything))
            {
                Check(field.FieldType, type.FullName + "." + field.Name);
            }

            foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
            {
                var where = type.FullName + "." + method.Name;
                foreach (var parameter in method.GetParameters())
                {
                    Check(parameter.ParameterType, where);
                }

                if (method is MethodInfo info)
                {
                    Check(info.ReturnType, where);
                }

                foreach (var local in method.GetMethodBody()?.LocalVariables ?? (IList<LocalVariableInfo>)System.Array.Empty<LocalVariableInfo>())
                {
                    Check(local.LocalType, where);
                }
            }
        }

        Assert.True(offending.Count == 0, string.Join("\n", offending.Distinct()));

        void Check(System.Type used, string where)
        {
            // Nullable<T> is exempt: crossgen2 compiles it into our image (the JIT logs list no Nullable<OurEnum> method).
            var element = used.HasElementType ? used.GetElementType()! : used;
            if (element.IsGenericType && element.Assembly != Analyzers && element.GetGenericTypeDefinition() != typeof(System.Nullable<>)
                && element.GetGenericArguments().Any(a => a.IsValueType && a.Assembly == Analyzers))
            {
                offending.Add(where + ": " + element);
            }
        }
    }
}
