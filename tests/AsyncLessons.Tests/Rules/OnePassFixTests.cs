using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AsyncLessons.Tests.Rules;

/// <summary>
/// One <c>dotnet format analyzers</c> run per rule applies the rule's recommended fix to every shape the rule reports,
/// whichever diagnostic it meets first, even one whose fix is declined on purpose; and the keys read one way.
/// </summary>
public class OnePassFixTests
{
    /// <summary>Every shape of a rule with a fix, in one document, with at least one shape whose fix is declined where the rule has one.</summary>
    public static TheoryData<string> Rules() => new() { "AL0001", "AL0002", "AL0003", "AL0004", "AL0005", "AL0006", "AL0007", "AL0008" };

    internal static readonly Dictionary<string, (DiagnosticAnalyzer Analyzer, CodeFixProvider Fixer, string Source)> Cases = new()
    {
        ["AL0001"] = (new SequentialAwaitsAnalyzer(), new SequentialAwaitsCodeFix(), """
            using System.Threading.Tasks;

            static class Api
            {
                public static Task<string> GetUserAsync(int id) => Task.FromResult("u" + id);
                public static Task<int> GetOrdersAsync(int id) => Task.FromResult(id);
            }

            class C
            {
                async Task<string> M(int id)
                {
                    var user = await Api.GetUserAsync(id);
                    var orders = await Api.GetOrdersAsync(id);
                    return user + orders;
                }

                async Task<int> N(int id)
                {
                    var first = await Api.GetOrdersAsync(id);
                    var second = await Api.GetOrdersAsync(id + 1);
                    return first + second;
                }
            }
            """),
        ["AL0002"] = (new ThreadSleepInAsyncAnalyzer(), new ThreadSleepInAsyncCodeFix(), """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private readonly object _gate = new();

                async Task M(CancellationToken token)
                {
                    lock (_gate)
                    {
                        Thread.Sleep(5);
                    }

                    Thread.Sleep(100);
                    Thread.Sleep(TimeSpan.FromSeconds(1));
                    Thread.Sleep(0);
                    await Task.Yield();
                }
            }
            """),
        ["AL0003"] = (new UnobservedTaskAnalyzer(), new UnobservedTaskCodeFix(), """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                private readonly object _gate = new();

                static Task SendAsync() => Task.CompletedTask;

                Task RunAsync() => Task.CompletedTask;

                void Sync(List<int> items)
                {
                    new Task(() => { });
                    SendAsync();
                    items.ForEach(i => SendAsync());
                }

                async Task Async(C? other)
                {
                    await Task.Yield();
                    other?.RunAsync();
                    var pending = SendAsync();
                    lock (_gate)
                    {
                        other?.RunAsync();
                    }
                }
            }
            """),
        ["AL0004"] = (new BlockingWaitAnalyzer(), new BlockingWaitCodeFix(), """
            using System;
            using System.Threading.Tasks;

            class C
            {
                private readonly object _gate = new();

                static Task<int> CountAsync() => Task.FromResult(1);

                async Task<int> M(Task work, Task<int> count, Task<int> other, Task slow, Task slower)
                {
                    lock (_gate)
                    {
                        Console.WriteLine(other.Result);
                    }

                    var result = count.Result;
                    work.Wait();
                    slow.Wait(TimeSpan.FromSeconds(1));
                    slower.Wait(1000);
                    var third = CountAsync().GetAwaiter().GetResult();
                    Task.WaitAll(work, other);
                    Task.WaitAny(work, other);
                    await Task.Yield();
                    return result + third;
                }
            }
            """),
        ["AL0005"] = (new SyncIOInAsyncAnalyzer(), new SyncIOInAsyncCodeFix(), """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                private readonly object _gate = new();

                async Task<string> M(string path, Stream stream)
                {
                    await Task.Yield();
                    lock (_gate)
                    {
                        File.AppendAllText(path, "locked");
                    }

                    File.WriteAllText(path, "x");
                    var text = File.ReadAllText(path);
                    using (var writer = new StreamWriter(stream))
                    {
                        writer.Write(text);
                    }

                    using var reader = new StreamReader(path);
                    return text + reader.ReadLine();
                }
            }
            """),
        ["AL0006"] = (new AsyncVoidAnalyzer(), new AsyncVoidCodeFix(), """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                public event EventHandler? Saved;

                private async void Save()
                {
                    await Task.Delay(1);
                }

                async Task Run(List<int> items)
                {
                    Save();
                    items.ForEach(async item => await Task.Delay(item));
                    Saved += async (sender, e) => await Task.Delay(1);
                    await Task.Yield();
                }
            }
            """),
        ["AL0007"] = (new AwaitInLoopAnalyzer(), new AwaitInLoopCodeFix(), """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            static class Api
            {
                public static Task SendAsync(string name) => Task.CompletedTask;
                public static Task<int> CountAsync(string name) => Task.FromResult(name.Length);
            }

            class C
            {
                async Task<List<int>> M(List<string> names)
                {
                    foreach (var name in names)
                    {
                        await Api.SendAsync(name);
                    }

                    var counts = new List<int>();
                    foreach (var name in names)
                    {
                        counts.Add(await Api.CountAsync(name));
                    }

                    return counts;
                }
            }
            """),
        ["AL0008"] = (new SharedResourceAnalyzer(), new SharedResourceCodeFix(), """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task M(Stream stream, byte[] a, byte[] b)
                {
                    await Task.WhenAll(stream.WriteAsync(a, 0, a.Length), stream.WriteAsync(b, 0, b.Length));
                    var first = stream.ReadAsync(a, 0, a.Length);
                    var second = stream.ReadAsync(b, 0, b.Length);
                    await Task.WhenAny(first, second);
                }
            }
            """),
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task OneRun_WhicheverDiagnosticComesFirst_FixesEveryShapeItOffersAFixFor_AndCompiles(string id)
    {
        var (analyzer, fixer, source) = Cases[id];
        var (document, before) = await DotnetFormatEmulation.DiagnosticsAsync(analyzer, source, id);
        Assert.True(before.Length >= 2, $"{id}: the document should report several shapes, got {before.Length}.");
        var declined = 0;
        foreach (var diagnostic in before)
        {
            declined += (await DotnetFormatEmulation.ActionsAsync(fixer, document, diagnostic)).Count == 0 ? 1 : 0;
        }

        Assert.True(declined < before.Length, $"{id}: no diagnostic has a fix.");
        string? expected = null;
        for (var first = 0; first < before.Length; first++)
        {
            var outcome = await DotnetFormatEmulation.RunAsync(analyzer, fixer, source, id, first);
            var context = $"{id}, starting on diagnostic {first} ({before[first].GetMessage()}):\n{outcome.Text}";
            Assert.True(outcome.ReturnedFixAllAction, "dotnet format would print \"didn't return a Fix All action\": " + context);
            Assert.True(outcome.CompilerErrors.IsEmpty, string.Join("\n", outcome.CompilerErrors) + "\n" + context);
            Assert.NotEqual(source, outcome.Text);
            Assert.True(outcome.After.Length == declined, $"{outcome.After.Length} left, {declined} declined on purpose: {string.Join("; ", outcome.After.Select(d => d.GetMessage()))}\n" + context);
            expected ??= outcome.Text;
            Assert.True(expected == outcome.Text, "The outcome depends on the diagnostic met first: " + context);
        }
    }

    [Fact]
    public void Keys_ReadOneWay_RuleIdDotKind()
    {
        var keys = new List<string>();
        foreach (var fixer in RuleCatalogTests.CodeFixes)
        {
            foreach (var field in fixer.GetType().GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.Name.EndsWith("Key", StringComparison.Ordinal)))
            {
                var key = (string)field.GetRawConstantValue()!;
                keys.Add(key);
                Assert.Matches(@"^AL\d{4}\.[A-Z][A-Za-z]+$", key);
                Assert.Contains(key.Substring(0, 6), fixer.FixableDiagnosticIds);
            }

            Assert.Contains(fixer.GetType().GetFields(BindingFlags.Public | BindingFlags.Static), f => f.Name == "RecommendedKey");
        }

        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task EveryOfferedAction_HasAKeyOfItsFixer_RecommendedFirst(string id)
    {
        var (analyzer, fixer, source) = Cases[id];
        var recommended = (string)fixer.GetType().GetField("RecommendedKey")!.GetRawConstantValue()!;
        var keys = fixer.GetType().GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.Name.EndsWith("Key", StringComparison.Ordinal)).Select(f => (string)f.GetRawConstantValue()!).ToArray();
        var (document, diagnostics) = await DotnetFormatEmulation.DiagnosticsAsync(analyzer, source, id);
        foreach (var diagnostic in diagnostics)
        {
            var actions = await DotnetFormatEmulation.ActionsAsync(fixer, document, diagnostic);
            foreach (var action in actions)
            {
                Assert.Contains(action.EquivalenceKey, keys);
            }

            if (actions.Count > 0 && actions.Any(a => a.EquivalenceKey == recommended))
            {
                Assert.Equal(recommended, actions[0].EquivalenceKey);
            }
        }
    }
}
