using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncLessons.Internals;

/// <summary>
/// Test projects, recognised by what they are, not by names: the project says <c>IsTestProject = true</c> (the .NET
/// test SDK sets it; the package makes the property visible to analyzers), or the compilation references a test
/// framework (xUnit, NUnit, MSTest, TUnit). In tests, sequential awaits are usually deliberate orchestration (act, let
/// it settle, assert) and speed rarely matters, so the gather rules skip them unless
/// <c>async_lessons.&lt;id&gt;.include_test_code = true</c>.
/// </summary>
internal sealed class TestCode
{
    private static readonly string[] FrameworkAssemblies =
    {
        "xunit.core", "xunit.v3.core", "xunit.assert", "nunit.framework", "Microsoft.VisualStudio.TestPlatform.TestFramework",
        "MSTest.TestFramework", "TUnit.Core",
    };

    private readonly AnalyzerConfigOptionsProvider _options;
    private readonly string _includeOption;
    private readonly ConcurrentDictionary<SyntaxTree, bool> _skip = new();

    private TestCode(AnalyzerConfigOptionsProvider options, string includeOption)
    {
        _options = options;
        _includeOption = includeOption;
    }

    /// <summary>
    /// The test-code filter for a rule in this compilation, or null when the compilation is not a test project (then
    /// nothing is skipped and nothing is asked per tree).
    /// </summary>
    public static TestCode? For(Compilation compilation, AnalyzerOptions options, string ruleId)
    {
        return IsTestProject(compilation, options.AnalyzerConfigOptionsProvider)
            ? new TestCode(options.AnalyzerConfigOptionsProvider, IncludeOptionName(ruleId))
            : null;
    }

    /// <summary>The option that makes a rule report in test code too: <c>async_lessons.&lt;id&gt;.include_test_code</c>.</summary>
    public static string IncludeOptionName(string ruleId) => "async_lessons." + ruleId + ".include_test_code";

    /// <summary>True when the rule skips <paramref name="tree"/>: test code, and the option does not ask for it.</summary>
    public bool Skips(SyntaxTree tree) => _skip.GetOrAdd(tree, t =>
        !(_options.GetOptions(t).TryGetValue(_includeOption, out var value) && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase)));

    private static bool IsTestProject(Compilation compilation, AnalyzerConfigOptionsProvider options)
    {
        if (options.GlobalOptions.TryGetValue("build_property.IsTestProject", out var isTestProject) && !string.IsNullOrWhiteSpace(isTestProject))
        {
            return string.Equals(isTestProject.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        }

        foreach (var assembly in compilation.ReferencedAssemblyNames)
        {
            foreach (var framework in FrameworkAssemblies)
            {
                if (string.Equals(assembly.Name, framework, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
