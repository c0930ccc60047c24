using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AsyncLessons.Internals;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AsyncLessons.Tests.Robustness;

/// <summary>
/// A rule makes its per-compilation state (symbols, option lists, caches) at the first callback that may report,
/// and a compilation holding nothing the rule is about never makes it: a cheap test on the operation or symbol
/// (a method's name, an <c>async</c> modifier) comes first. AL0005 looks at every call in async code, so it has no
/// such test.
/// </summary>
public class DeferredStateTests
{
    /// <summary>Async and sync code that no rule but AL0005 has anything to look at.</summary>
    private const string NothingToLookAt = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            private readonly List<int> _items = new List<int>();

            async Task M()
            {
                await Task.Delay(1);
                Console.WriteLine("one");
                var count = _items.Count + 1;
                for (var i = 0; i < count; i++)
                {
                    _items.Add(i);
                }
            }

            void S()
            {
                var text = "x" + 1;
                Console.WriteLine(text);
                Action a = () => Console.WriteLine(text);
                a();
            }
        }
        """;

    /// <summary>Something each rule looks at (and reports).</summary>
    private const string SomethingForEveryRule = """
        using System.Collections.Generic;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        interface IProfiles { Task<string> GetAsync(int id, CancellationToken ct); }
        interface IOrders { Task<int> GetCountAsync(int id, CancellationToken ct); }
        interface ICatalog { Task<decimal> GetPriceAsync(string sku, CancellationToken ct); }
        static class Api { public static Task SendAsync(int id) => Task.CompletedTask; }

        class C
        {
            private readonly IProfiles _profiles;
            private readonly IOrders _orders;
            private readonly ICatalog _catalog;

            C(IProfiles profiles, IOrders orders, ICatalog catalog)
            {
                _profiles = profiles;
                _orders = orders;
                _catalog = catalog;
            }

            async Task<string> Sequential(int id, CancellationToken ct)
            {
                var profile = await _profiles.GetAsync(id, ct);
                var orders = await _orders.GetCountAsync(id, ct);
                return profile + orders;
            }

            async Task PerItem(List<int> ids)
            {
                foreach (var id in ids)
                {
                    await Api.SendAsync(id);
                }
            }

            void Dropped(CancellationToken ct) => _orders.GetCountAsync(1, ct);
            async Task Sleep() { await Task.Yield(); Thread.Sleep(1); }
            async Task Blocking(Task t) { await Task.Yield(); t.Wait(); }
            async Task SyncIO() { await Task.Yield(); File.ReadAllText("a"); }
            async void Fire() { await Task.Yield(); }
            async Task Together(StreamWriter w) { await Task.WhenAll(w.WriteLineAsync("a"), w.WriteLineAsync("b")); }
        }
        """;

    public static TheoryData<string> Ids() => new(RuleCatalogTests.Descriptors.Select(d => d.Id).OrderBy(id => id));

    public static TheoryData<string> GatedIds() => new(RuleCatalogTests.Descriptors.Select(d => d.Id).Where(id => id != "AL0005").OrderBy(id => id));

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task CompilationWithSomethingToLookAt_MakesTheStateOnce(string id)
    {
        var analyzer = NewAnalyzer(id);
        var diagnostics = await RunAsync(analyzer, SomethingForEveryRule);
        Assert.Contains(diagnostics, d => d.Id == id);
        Assert.Equal(1, analyzer.StatesMade);
    }

    [Theory]
    [MemberData(nameof(GatedIds))]
    public async Task CompilationWithNothingToLookAt_NeverMakesTheState(string id)
    {
        var analyzer = NewAnalyzer(id);
        Assert.Empty(await RunAsync(analyzer, NothingToLookAt));
        Assert.Equal(0, analyzer.StatesMade);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task ConcurrentCallbacks_MakeTheStateOnce_AndEveryFileIsReported(string id)
    {
        var analyzer = NewAnalyzer(id);
        var trees = Enumerable.Range(0, 16)
            .Select(i => CSharpSyntaxTree.ParseText(SomethingForEveryRule.Replace("\ninterface IProfiles", $"\nnamespace N{i};\n\ninterface IProfiles"), path: $"/p/Test{i}.cs"))
            .ToArray();
        var compilation = CSharpCompilation.Create("P", trees, TestReferences.Net, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), options).GetAnalyzerDiagnosticsAsync();
        Assert.Equal(1, analyzer.StatesMade);
        Assert.Equal(trees.Length, diagnostics.Where(d => d.Id == id).Select(d => d.Location.SourceTree!.FilePath).Distinct().Count());
    }

    [Fact]
    public async Task InTheExportedAnalyzer_OnlyRulesWithSomethingToLookAtMakeTheirState()
    {
        var quiet = new AsyncLessonsAnalyzer();
        Assert.Empty(await RunAsync(quiet, NothingToLookAt));
        Assert.All(quiet.Rules.Where(r => r.SupportedDiagnostics[0].Id != "AL0005"), r => Assert.Equal(0, r.StatesMade));

        var busy = new AsyncLessonsAnalyzer();
        var diagnostics = await RunAsync(busy, SomethingForEveryRule);
        Assert.Equal(busy.SupportedDiagnostics.Select(d => d.Id), diagnostics.Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal));
        Assert.All(busy.Rules, r => Assert.Equal(1, r.StatesMade));
    }

    /// <summary>A fresh instance: the catalogue's are shared with tests that run at the same time.</summary>
    private static RuleAnalyzer NewAnalyzer(string id) =>
        (RuleAnalyzer)Activator.CreateInstance(RuleCatalogTests.Rules.Single(a => a.SupportedDiagnostics.Any(d => d.Id == id)).GetType())!;

    private static async Task<ImmutableArray<Diagnostic>> RunAsync(DiagnosticAnalyzer analyzer, string source)
    {
        var compilation = CSharpCompilation.Create(
            "P",
            new[] { CSharpSyntaxTree.ParseText(source, path: "/p/Test.cs") },
            TestReferences.Net,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return await compilation.WithAnalyzers(ImmutableArray.Create(analyzer)).GetAnalyzerDiagnosticsAsync();
    }
}
