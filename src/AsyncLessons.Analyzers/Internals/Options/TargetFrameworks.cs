using System;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncLessons.Internals;

/// <summary>
/// The project's other target frameworks, which a compilation (one of them) cannot see: the package's targets make
/// MSBuild's <c>TargetFrameworks</c> visible to analyzers as <c>build_property.AsyncLessonsTargetFrameworks</c>, comma
/// separated (a <c>;</c> in such a value starts a comment, and the rest would be lost). A fix that uses an API only
/// some of them have would break the other targets' build.
/// </summary>
internal static class TargetFrameworks
{
    private const string Key = "build_property.AsyncLessonsTargetFrameworks";

    /// <summary>
    /// True when every target framework of the project is .NET 6 or later (where <c>Parallel.ForEachAsync</c> exists):
    /// the property is empty (one target, this compilation's) or lists only <c>net6.0</c> and later. False when it lists
    /// an older one, and when the property is not visible at all (the analyzer cannot know).
    /// </summary>
    public static bool AllAreNet6OrLater(AnalyzerConfigOptionsProvider options)
    {
        if (!options.GlobalOptions.TryGetValue(Key, out var value))
        {
            return false;
        }

        foreach (var raw in value.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!IsNet6OrLater(raw.Trim()))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>net6.0</c>, <c>net8.0-windows</c>, <c>net10.0</c>: yes; <c>netstandard2.1</c>, <c>net48</c>, <c>netcoreapp3.1</c>, <c>net5.0</c>: no.</summary>
    private static bool IsNet6OrLater(string framework)
    {
        if (framework.Length == 0)
        {
            return true;
        }

        if (!framework.StartsWith("net", StringComparison.OrdinalIgnoreCase) || framework.Length < 4 || !char.IsDigit(framework[3]))
        {
            return false;
        }

        var dot = framework.IndexOf('.', 3);
        if (dot < 0)
        {
            // net48, net472: .NET Framework monikers have no dot.
            return false;
        }

        return int.TryParse(framework.Substring(3, dot - 3), out var major) && major >= 6;
    }
}
