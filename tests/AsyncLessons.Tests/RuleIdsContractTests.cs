using System;
using System.Linq;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AsyncLessons.Tests;

/// <summary>Rule ids are a public contract: each rule keeps its id, and each id its analyzer and fixer.</summary>
public class RuleIdsContractTests
{
    [Theory]
    [InlineData(typeof(SequentialAwaitsAnalyzer), "AL0001")]
    [InlineData(typeof(ThreadSleepInAsyncAnalyzer), "AL0002")]
    [InlineData(typeof(UnobservedTaskAnalyzer), "AL0003")]
    [InlineData(typeof(BlockingWaitAnalyzer), "AL0004")]
    [InlineData(typeof(SyncIOInAsyncAnalyzer), "AL0005")]
    [InlineData(typeof(AsyncVoidAnalyzer), "AL0006")]
    [InlineData(typeof(AwaitInLoopAnalyzer), "AL0007")]
    [InlineData(typeof(SharedResourceAnalyzer), "AL0008")]
    public void Analyzer_ReportsItsContractedId(Type analyzerType, string id)
    {
        var analyzer = (DiagnosticAnalyzer)Activator.CreateInstance(analyzerType)!;
        Assert.Equal(new[] { id }, analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct());
    }

    [Theory]
    [InlineData(typeof(SequentialAwaitsCodeFix), "AL0001")]
    [InlineData(typeof(ThreadSleepInAsyncCodeFix), "AL0002")]
    [InlineData(typeof(UnobservedTaskCodeFix), "AL0003")]
    [InlineData(typeof(BlockingWaitCodeFix), "AL0004")]
    [InlineData(typeof(SyncIOInAsyncCodeFix), "AL0005")]
    [InlineData(typeof(AsyncVoidCodeFix), "AL0006")]
    [InlineData(typeof(AwaitInLoopCodeFix), "AL0007")]
    [InlineData(typeof(SharedResourceCodeFix), "AL0008")]
    public void CodeFix_FixesItsContractedId(Type codeFixType, string id)
    {
        var codeFix = (CodeFixProvider)Activator.CreateInstance(codeFixType)!;
        Assert.Contains(id, codeFix.FixableDiagnosticIds);
    }

    [Fact]
    public void RuleIds_Constants_AreTheContractedIds()
    {
        Assert.Equal(
            new[] { "AL0001", "AL0002", "AL0003", "AL0004", "AL0005", "AL0006", "AL0007", "AL0008" },
            new[] { RuleIds.SequentialAwaits, RuleIds.ThreadSleepInAsync, RuleIds.UnobservedTask, RuleIds.BlockingWait, RuleIds.SyncIOInAsync, RuleIds.AsyncVoid, RuleIds.AwaitInLoop, RuleIds.SharedResource });
    }

    [Fact]
    public void EveryAnalyzer_IsCoveredByTheContract()
    {
        Assert.Equal(8, RuleCatalogTests.Rules.Count);
    }

    [Fact]
    public void ThePackage_ExportsOneAnalyzer_RunningEveryRuleInIdOrder()
    {
        var exported = Assert.Single(RuleCatalogTests.Analyzers);
        Assert.IsType<AsyncLessonsAnalyzer>(exported);
        Assert.Equal(
            new[] { "AL0001", "AL0002", "AL0003", "AL0004", "AL0005", "AL0006", "AL0007", "AL0008" },
            exported.SupportedDiagnostics.Select(d => d.Id));

        // A rule class that is not in the exported analyzer would never run in a build.
        var ruleTypes = typeof(AsyncLessonsAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(AsyncLessons.Internals.RuleAnalyzer).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        Assert.Equal(ruleTypes, new AsyncLessonsAnalyzer().Rules.Select(r => r.GetType()).OrderBy(t => t.FullName, StringComparer.Ordinal));
    }
}
