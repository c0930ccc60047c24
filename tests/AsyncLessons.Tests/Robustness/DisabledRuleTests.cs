using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace AsyncLessons.Tests.Robustness;

/// <summary>
/// A rule switched off for every file costs nothing: at compilation start its analyzer registers no callback, so
/// it resolves no symbol and visits no operation. The count of registered actions, as the compiler records them,
/// says so.
/// </summary>
public class DisabledRuleTests
{
    private const string Source = """
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M() { await Task.Yield(); Thread.Sleep(1); }
        }
        """;

    public static TheoryData<string> Ids() => new(RuleCatalogTests.Descriptors.Select(d => d.Id).OrderBy(id => id));

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task RuleSetToNoneInEditorConfig_RegistersNothing(string id)
    {
        var analyzer = RuleCatalogTests.Rules.Single(a => a.SupportedDiagnostics.Any(d => d.Id == id));
        Assert.True(await RegisteredActionsAsync(analyzer, editorConfig: null) > 0, $"{id} registers nothing even when on: the test would prove nothing.");
        Assert.Equal(0, await RegisteredActionsAsync(analyzer, $"dotnet_diagnostic.{id}.severity = none"));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task RuleSetToNone_InTheExportedAnalyzer_RegistersNothingForThatRule(string id)
    {
        var others = 0;
        foreach (var rule in RuleCatalogTests.Rules)
        {
            if (rule.SupportedDiagnostics[0].Id != id)
            {
                others += await RegisteredActionsAsync(rule, editorConfig: null);
            }
        }

        var all = new AsyncLessonsAnalyzer();
        Assert.True(await RegisteredActionsAsync(all, editorConfig: null) > others, $"{id} registers nothing even when on: the test would prove nothing.");
        Assert.Equal(others, await RegisteredActionsAsync(all, $"dotnet_diagnostic.{id}.severity = none"));
    }

    [Fact]
    public async Task EveryRuleSetToNone_TheExportedAnalyzerRegistersNothing()
    {
        var config = string.Join("\n", RuleCatalogTests.Descriptors.Select(d => $"dotnet_diagnostic.{d.Id}.severity = none"));
        Assert.Equal(0, await RegisteredActionsAsync(new AsyncLessonsAnalyzer(), config));
    }

    [Fact]
    public async Task RuleOffForSomeFilesOnly_StillRuns()
    {
        var analyzer = RuleCatalogTests.Rules.Single(a => a.SupportedDiagnostics.Any(d => d.Id == "AL0002"));
        Assert.True(await RegisteredActionsAsync(analyzer, "dotnet_diagnostic.AL0002.severity = none", section: "[Other.cs]") > 0);
    }

    [Fact]
    public async Task RuleSuppressedByNoWarn_RegistersNothing()
    {
        var analyzer = RuleCatalogTests.Rules.Single(a => a.SupportedDiagnostics.Any(d => d.Id == "AL0002"));
        Assert.Equal(0, await RegisteredActionsAsync(analyzer, null, noWarn: "AL0002"));
    }

    private static async Task<int> RegisteredActionsAsync(DiagnosticAnalyzer analyzer, string? editorConfig, string section = "[*.cs]", string? noWarn = null)
    {
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary);
        if (noWarn is not null)
        {
            options = options.WithSpecificDiagnosticOptions(new[] { new System.Collections.Generic.KeyValuePair<string, ReportDiagnostic>(noWarn, ReportDiagnostic.Suppress) });
        }

        var project = new AdhocWorkspace().CurrentSolution
            .AddProject("P", "P", LanguageNames.CSharp)
            .WithCompilationOptions(options)
            .AddMetadataReferences(TestReferences.Net);
        if (editorConfig is not null)
        {
            project = project.AddAnalyzerConfigDocument(".editorconfig", SourceText.From("root = true\n\n" + section + "\n" + editorConfig + "\n"), filePath: "/p/.editorconfig").Project;
        }

        project = project.AddDocument("Test.cs", Source, filePath: "/p/Test.cs").Project;
        var compilation = (await project.GetCompilationAsync())!;
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create(analyzer), project.AnalyzerOptions);
        await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default);
        return telemetry.OperationActionsCount + telemetry.OperationBlockActionsCount + telemetry.OperationBlockStartActionsCount
            + telemetry.SymbolActionsCount + telemetry.SymbolStartActionsCount + telemetry.SyntaxNodeActionsCount
            + telemetry.SyntaxTreeActionsCount + telemetry.SemanticModelActionsCount + telemetry.CodeBlockActionsCount
            + telemetry.CodeBlockStartActionsCount + telemetry.CompilationEndActionsCount + telemetry.CompilationActionsCount;
    }
}
