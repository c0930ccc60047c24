using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public class AwaitInLoopTests
{
    private const string Services = """

        static class Api
        {
            public static Task SendAsync(int id) => Task.CompletedTask;
            public static Task<string> FetchAsync(int id) => Task.FromResult("item" + id);
            public static ValueTask PingAsync(int id) => default;
            public static ValueTask<int> CountAsync(int id) => new(id);
            public static Task<int> NextAsync(int cursor) => Task.FromResult(cursor + 1);
            public static Task WriteAsync(string path, int id) => Task.CompletedTask;
        }
        """;

    private static DiagnosticResult Expected(int marker = 0) => Verify.Diagnostic(AwaitInLoopAnalyzer.Rule).WithLocation(marker);

    private static Task VerifyAnalyzer(string source, params DiagnosticResult[] expected) =>
        Verify.Analyzer<AwaitInLoopAnalyzer>(source + Services, expected);

    private static Task VerifyFix(string source, string fixedSource, int? codeActionIndex = 0, string? key = AwaitInLoopCodeFix.RecommendedKey, params DiagnosticResult[] expected)
    {
        var test = new Verify.CodeFixTest<AwaitInLoopAnalyzer, AwaitInLoopCodeFix>
        {
            TestCode = source + Services,
            FixedCode = fixedSource + Services,
            CodeActionIndex = codeActionIndex,
            CodeActionEquivalenceKey = key,
        };
        test.TestState.AnalyzerConfigFiles.Add(SingleTarget);
        test.ExpectedDiagnostics.AddRange(expected.Length == 0 ? new[] { Expected() } : expected);
        return test.RunAsync();
    }

    /// <summary>What MSBuild tells the analyzers of a project with one target framework (through the package's props).</summary>
    private static readonly (string, string) SingleTarget = TargetFrameworksConfig(string.Empty);

    private static (string, string) TargetFrameworksConfig(string value) =>
        ("/.globalconfig", "is_global = true\nbuild_property.AsyncLessonsTargetFrameworks = " + value + "\n");

    [Fact]
    public Task Fix_BlankLineAndCommentBeforeTheLoop_StayBeforeTheNewStatement() => VerifyFix("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<int> ids)
            {
                var count = ids.Count;

                // Send them all.
                foreach (var id in ids)
                {
                    {|#0:await Api.SendAsync(id)|};
                }
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<int> ids)
            {
                var count = ids.Count;

                // Send them all.
                await Task.WhenAll(ids.Select(id => Api.SendAsync(id)));
            }
        }
        """);

    // ---- Where it fires -------------------------------------------------------------------------------------

    [Fact]
    public Task AwaitPerItem_DiagnosticOnTheAwait() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<int> ids)
            {
                foreach (var id in ids)
                {
                    {|#0:await Api.SendAsync(id)|};
                }
            }
        }
        """,
        Expected());

    [Fact]
    public Task LoopInsideLock_BrokenCode_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            private readonly object _gate = new object();

            async Task M(List<int> ids)
            {
                lock (_gate)
                {
                    foreach (var id in ids)
                    {
                        {|CS1996:await Api.SendAsync(id)|};
                    }
                }
            }
        }
        """);

    [Fact]
    public Task AwaitPerItem_WithoutBraces_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids)
            {
                foreach (var id in ids)
                    {|#0:await Api.SendAsync(id).ConfigureAwait(false)|};
            }
        }
        """,
        Expected());

    [Fact]
    public Task ResultsAppendedToList_Diagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task<List<string>> M(IEnumerable<int> ids)
            {
                var results = new List<string>();
                foreach (var id in ids)
                {
                    results.Add({|#0:await Api.FetchAsync(id)|});
                }

                return results;
            }
        }
        """,
        Expected());

    [Fact]
    public Task SharedHttpClient_Diagnostic() => VerifyAnalyzer("""
        using System.Net.Http;
        using System.Threading.Tasks;

        class C
        {
            private readonly HttpClient _http = new();

            async Task M(string[] urls)
            {
                foreach (var url in urls)
                {
                    {|#0:await _http.GetStringAsync(url)|};
                }
            }
        }
        """,
        Expected());

    [Fact]
    public Task SharedStringToReadingCall_Diagnostic() => VerifyAnalyzer("""
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M(HttpClient http, string baseUrl, int[] ids, CancellationToken ct)
            {
                foreach (var id in ids)
                {
                    {|#0:await http.GetStringAsync(baseUrl + "/" + id, ct)|};
                }
            }
        }
        """,
        Expected());

    [Fact]
    public Task ValueTask_InLambda_Diagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            Func<int[], Task> f = async ids =>
            {
                foreach (var id in ids)
                {
                    {|#0:await Api.PingAsync(id)|};
                }
            };
        }
        """,
        Expected());

    [Fact]
    public Task InLocalFunction_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            Task M(int[] ids)
            {
                return Local();

                async Task Local()
                {
                    foreach (var id in ids)
                    {
                        {|#0:await Api.SendAsync(id)|};
                    }
                }
            }
        }
        """,
        Expected());

    [Fact]
    public Task ConfiguredSafeType_Diagnostic()
    {
        var test = new Verify.AnalyzerTest<AwaitInLoopAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;

                namespace App;

                class Mailer { public Task SendAsync(int id) => Task.CompletedTask; }

                class C
                {
                    private readonly Mailer _mailer = new();

                    async Task M(int[] ids)
                    {
                        foreach (var id in ids)
                        {
                            {|#0:await _mailer.SendAsync(id)|};
                        }
                    }
                }
                """,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [*.cs]
            async_lessons.AL0001.concurrent_safe_types = App.Mailer
            """));
        test.ExpectedDiagnostics.Add(Expected());
        return test.RunAsync();
    }

    // ---- Where it stays silent ------------------------------------------------------------------------------

    [Fact]
    public Task DeletePerItem_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        interface IRepository { Task<bool> DeleteAsync(int id, CancellationToken cancellationToken); }

        class C
        {
            async Task M(IRepository repository, IEnumerable<int> ids, CancellationToken cancellationToken)
            {
                foreach (var id in ids)
                {
                    await repository.DeleteAsync(id, cancellationToken);
                }
            }
        }
        """);

    [Fact]
    public Task AwaitForeach_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(IAsyncEnumerable<int> ids)
            {
                await foreach (var id in ids)
                {
                    await Api.SendAsync(id);
                }
            }
        }
        """);

    [Fact]
    public Task WhileLoopWithCursor_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M()
            {
                var cursor = 0;
                while (cursor < 10)
                {
                    cursor = await Api.NextAsync(cursor);
                }

                return cursor;
            }
        }
        """);

    [Fact]
    public Task ValueFeedsNextIteration_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(int[] ids)
            {
                var last = 0;
                foreach (var id in ids)
                {
                    last = await Api.NextAsync(last + id);
                }

                return last;
            }
        }
        """);

    [Fact]
    public Task RetryLoopWithBreak_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] attempts)
            {
                foreach (var attempt in attempts)
                {
                    try
                    {
                        await Api.SendAsync(attempt);
                        break;
                    }
                    catch (InvalidOperationException)
                    {
                    }
                }
            }
        }
        """);

    [Fact]
    public Task OtherSideEffectsInBody_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids)
            {
                foreach (var id in ids)
                {
                    Console.WriteLine("sending " + id);
                    await Api.SendAsync(id);
                }
            }
        }
        """);

    [Fact]
    public Task SharedReceiver_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(StreamWriter writer, string[] lines)
            {
                foreach (var line in lines)
                {
                    await writer.WriteLineAsync(line);
                }
            }
        }
        """);

    [Fact]
    public Task ImplicitThisReceiver_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            Task SaveAsync(int id) => Task.CompletedTask;

            async Task M(int[] ids)
            {
                foreach (var id in ids)
                {
                    await SaveAsync(id);
                }
            }
        }
        """);

    [Fact]
    public Task SameFileForEveryItem_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(string[] lines)
            {
                foreach (var line in lines)
                {
                    await File.AppendAllTextAsync("log.txt", line);
                }
            }
        }
        """);

    [Fact]
    public Task SharedPathVariable_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(string path, int[] ids)
            {
                foreach (var id in ids)
                {
                    await Api.WriteAsync(path, id);
                }
            }
        }
        """);

    [Fact]
    public Task CallDoesNotUseTheItem_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids, int other)
            {
                foreach (var id in ids)
                {
                    await Api.SendAsync(other);
                }
            }
        }
        """);

    [Fact]
    public Task CallWritesAVariable_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids)
            {
                var count = 0;
                foreach (var id in ids)
                {
                    await Api.SendAsync(id + count++);
                }
            }
        }
        """);

    [Fact]
    public Task TaskDelayPerItem_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] delays)
            {
                foreach (var delay in delays)
                {
                    await Task.Delay(delay);
                }
            }
        }
        """);

    [Fact]
    public Task SyncMethod_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            void M(int[] ids)
            {
                foreach (var id in ids)
                {
                    Api.SendAsync(id).Wait();
                }
            }
        }
        """);

    [Fact]
    public Task BrokenCode_NoDiagnosticNoCrash() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids)
            {
                foreach (var id in ids)
                {
                    await Api.{|CS0117:Missing|}(id);
                }

                foreach (var id in {|CS0103:unknown|})
                {
                    await Api.SendAsync(id);
                }
            }
        }
        """);

    // ---- The fixes ------------------------------------------------------------------------------------------

    [Fact]
    public Task Fix_WhenAll() => VerifyFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<int> ids)
            {
                // Tell everyone.
                foreach (var id in ids)
                {
                    // One message each.
                    {|#0:await Api.SendAsync(id)|};
                }
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<int> ids)
            {
                // Tell everyone.
                // One message each.
                await Task.WhenAll(ids.Select(id => Api.SendAsync(id)));
            }
        }
        """);

    [Fact]
    public Task Fix_WhenAll_InsideSwitchSection_LeavesNeighboursAlone() => VerifyFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(int kind, List<int> ids)
            {
                switch (kind)
                {
                    case 1:
                    {
                        foreach (var id in ids)
                        {
                            {|#0:await Api.SendAsync(id)|};
                        }
                        break;
                    }
                    case 2:
                            await Api.SendAsync(kind);
                        break;
                }
                  var  unrelated  =  1;
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task M(int kind, List<int> ids)
            {
                switch (kind)
                {
                    case 1:
                    {
                        await Task.WhenAll(ids.Select(id => Api.SendAsync(id)));
                        break;
                    }
                    case 2:
                            await Api.SendAsync(kind);
                        break;
                }
                  var  unrelated  =  1;
            }
        }
        """);

    [Fact]
    public Task Fix_WhenAll_CollectsResultsInOrder() => VerifyFix("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task<List<string>> M(int[] ids)
            {
                var results = new List<string>();
                foreach (var id in ids)
                {
                    results.Add({|#0:await Api.FetchAsync(id)|});
                }

                return results;
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task<List<string>> M(int[] ids)
            {
                var results = new List<string>();
                results.AddRange(await Task.WhenAll(ids.Select(id => Api.FetchAsync(id))));

                return results;
            }
        }
        """);

    [Fact]
    public Task Fix_WhenAll_ValueTaskAndConfigureAwait() => VerifyFix("""
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids)
            {
                foreach (var id in ids)
                    {|#0:await Api.PingAsync(id).ConfigureAwait(false)|};
            }
        }
        """, """
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids)
            {
                await Task.WhenAll(ids.Select(id => Api.PingAsync(id).AsTask())).ConfigureAwait(false);
            }
        }
        """);

    [Fact]
    public Task Fix_ParallelForEachAsync() => VerifyFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<int> ids)
            {
                foreach (var id in ids)
                {
                    {|#0:await Api.SendAsync(id)|};
                }
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<int> ids)
            {
                await Parallel.ForEachAsync(ids, async (id, ct) => await Api.SendAsync(id));
            }
        }
        """,
        codeActionIndex: 1,
        key: AwaitInLoopCodeFix.ParallelForEachKey);

    [Fact]
    public Task Fix_ResultsIntoNonList_NotOffered() => VerifyFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids)
            {
                var seen = new HashSet<string>();
                foreach (var id in ids)
                {
                    seen.Add({|#0:await Api.FetchAsync(id)|});
                }
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids)
            {
                var seen = new HashSet<string>();
                foreach (var id in ids)
                {
                    seen.Add({|#0:await Api.FetchAsync(id)|});
                }
            }
        }
        """,
        codeActionIndex: null,
        key: null);

    [Fact]
    public Task Fix_CastInForeach_NotOffered() => VerifyFix("""
        using System.Collections;
        using System.Threading.Tasks;

        class C
        {
            async Task M(ArrayList ids)
            {
                foreach (int id in ids)
                {
                    {|#0:await Api.SendAsync(id)|};
                }
            }
        }
        """, """
        using System.Collections;
        using System.Threading.Tasks;

        class C
        {
            async Task M(ArrayList ids)
            {
                foreach (int id in ids)
                {
                    {|#0:await Api.SendAsync(id)|};
                }
            }
        }
        """,
        codeActionIndex: null,
        key: null);

    [Fact]
    public Task FixAll_TwoLoops() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids, int[] others)
            {
                foreach (var id in ids)
                {
                    {|#0:await Api.SendAsync(id)|};
                }

                foreach (var other in others)
                {
                    {|#1:await Api.SendAsync(other + 1)|};
                }
            }
        }
        """, """
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids, int[] others)
            {
                await Task.WhenAll(ids.Select(id => Api.SendAsync(id)));

                await Task.WhenAll(others.Select(other => Api.SendAsync(other + 1)));
            }
        }
        """,
        expected: new[] { Expected(0), Expected(1) });

    [Fact]
    public Task TopLevelStatements_Diagnostic()
    {
        var test = new Verify.AnalyzerTest<AwaitInLoopAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;

                foreach (var id in new[] { 1, 2, 3 })
                {
                    {|#0:await Api.SendAsync(id)|};
                }
                """ + Services,
        };
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(Expected());
        return test.RunAsync();
    }

    [Fact]
    public Task ResultsIntoTheIteratedList_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<string> names)
            {
                foreach (var name in names)
                {
                    names.Add(await Api.FetchAsync(name.Length));
                }
            }
        }
        """);

    [Fact]
    public Task ResultsListDeclaredInsideTheLoop_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            private readonly List<string> _results = new();

            async Task M(int[] ids)
            {
                foreach (var id in ids)
                {
                    _results.Add(await Api.FetchAsync(id));
                }
            }
        }
        """);

    [Fact]
    public Task StartInOrder_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        interface IService { Task StartAsync(); }

        class C
        {
            async Task M(IService[] services)
            {
                foreach (var service in services)
                {
                    await service.StartAsync();
                }
            }
        }
        """);

    [Fact]
    public Task Fix_AddsLinqUsingInOrder() => VerifyFix("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids)
            {
                foreach (var id in ids)
                {
                    {|#0:await Api.SendAsync(id)|};
                }
            }
        }
        """, """
        using System;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids)
            {
                await Task.WhenAll(ids.Select(id => Api.SendAsync(id)));
            }
        }
        """);

    [Fact]
    public Task Fix_InLambda() => VerifyFix("""
        using System;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            Func<int[], Task> f = async ids =>
            {
                foreach (var id in ids)
                {
                    {|#0:await Api.SendAsync(id)|};
                }
            };
        }
        """, """
        using System;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            Func<int[], Task> f = async ids =>
            {
                await Task.WhenAll(ids.Select(id => Api.SendAsync(id)));
            };
        }
        """);

    [Fact]
    public Task FixAll_ParallelForEachAsync_AcrossDocuments()
    {
        var test = new Verify.CodeFixTest<AwaitInLoopAnalyzer, AwaitInLoopCodeFix>
        {
            CodeActionIndex = 1,
            CodeActionEquivalenceKey = AwaitInLoopCodeFix.ParallelForEachKey,
        };
        test.TestState.AnalyzerConfigFiles.Add(SingleTarget);
        test.TestState.Sources.Add(("A.cs", """
            using System.Threading.Tasks;

            class A
            {
                async Task M(int[] ids)
                {
                    foreach (var id in ids)
                    {
                        {|#0:await Api.SendAsync(id)|};
                    }
                }
            }
            """ + Services));
        test.TestState.Sources.Add(("B.cs", """
            using System.Threading.Tasks;

            class B
            {
                async Task M(int[] ids)
                {
                    foreach (var ct in ids)
                    {
                        {|#1:await Api.PingAsync(ct).ConfigureAwait(false)|};
                    }
                }
            }
            """));
        test.FixedState.Sources.Add(("A.cs", """
            using System.Threading.Tasks;

            class A
            {
                async Task M(int[] ids)
                {
                    await Parallel.ForEachAsync(ids, async (id, ct) => await Api.SendAsync(id));
                }
            }
            """ + Services));
        test.FixedState.Sources.Add(("B.cs", """
            using System.Threading.Tasks;

            class B
            {
                async Task M(int[] ids)
                {
                    await Parallel.ForEachAsync(ids, async (ct, ct2) => await Api.PingAsync(ct).ConfigureAwait(false)).ConfigureAwait(false);
                }
            }
            """));
        test.ExpectedDiagnostics.Add(Expected(0));
        test.ExpectedDiagnostics.Add(Expected(1));
        return test.RunAsync();
    }

    [Fact]
    public Task AwaitAmongArguments_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids)
            {
                foreach (var id in ids)
                {
                    await Api.SendAsync(await Api.NextAsync(id));
                }
            }
        }
        """);

    [Fact]
    public Task Fix_ValueTaskResults_AddRange() => VerifyFix("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(List<int> ids)
            {
                var counts = new List<int>();
                foreach (var id in ids)
                {
                    counts.Add({|#0:await Api.CountAsync(id)|});
                }

                return counts.Sum();
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(List<int> ids)
            {
                var counts = new List<int>();
                counts.AddRange(await Task.WhenAll(ids.Select(id => Api.CountAsync(id).AsTask())));

                return counts.Sum();
            }
        }
        """);

    [Fact]
    public Task Fix_CollectionWithoutIEnumerable_NotOffered() => VerifyFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class Bag
        {
            private readonly List<int> _items = new();
            public List<int>.Enumerator GetEnumerator() => _items.GetEnumerator();
        }

        class C
        {
            async Task M(Bag ids)
            {
                foreach (var id in ids)
                {
                    {|#0:await Api.SendAsync(id)|};
                }
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class Bag
        {
            private readonly List<int> _items = new();
            public List<int>.Enumerator GetEnumerator() => _items.GetEnumerator();
        }

        class C
        {
            async Task M(Bag ids)
            {
                foreach (var id in ids)
                {
                    {|#0:await Api.SendAsync(id)|};
                }
            }
        }
        """,
        codeActionIndex: null,
        key: null);

    [Fact]
    public Task Fix_FileWithoutUsings_AddsLinqUsing()
    {
        var test = new Verify.CodeFixTest<AwaitInLoopAnalyzer, AwaitInLoopCodeFix>
        {
            TestCode = """
                class C
                {
                    async System.Threading.Tasks.Task M(int[] ids)
                    {
                        foreach (var id in ids)
                        {
                            {|#0:await Send.OneAsync(id)|};
                        }
                    }
                }

                static class Send
                {
                    public static System.Threading.Tasks.Task OneAsync(int id) => System.Threading.Tasks.Task.CompletedTask;
                }
                """,
            FixedCode = """
                using System.Linq;
                using System.Threading.Tasks;

                class C
                {
                    async System.Threading.Tasks.Task M(int[] ids)
                    {
                        await Task.WhenAll(ids.Select(id => Send.OneAsync(id)));
                    }
                }

                static class Send
                {
                    public static System.Threading.Tasks.Task OneAsync(int id) => System.Threading.Tasks.Task.CompletedTask;
                }
                """,
            CodeActionEquivalenceKey = AwaitInLoopCodeFix.RecommendedKey,
        };
        test.ExpectedDiagnostics.Add(Expected());
        return test.RunAsync();
    }

    // ---- Params collections: from C# 13 on .NET 9+, Task.WhenAll(a, b) binds to params ReadOnlySpan<Task> (the
    // ---- verifiers parse as the newest C#); C# 12 binds the params Task[] overload.

    [Theory]
    [InlineData(LanguageVersion.CSharp12)]
    [InlineData(LanguageVersion.Latest)]
    public Task ParamsSpan_Fix_LoopAwaitingWhenAllOfTwoCalls_WhenAllOfSelect(LanguageVersion languageVersion)
    {
        var test = new Verify.CodeFixTest<AwaitInLoopAnalyzer, AwaitInLoopCodeFix>
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class C
                {
                    async Task M(List<int> ids)
                    {
                        foreach (var id in ids)
                        {
                            {|#0:await Task.WhenAll(Api.SendAsync(id), Api.FetchAsync(id))|};
                        }
                    }
                }
                """ + Services,
            FixedCode = """
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading.Tasks;

                class C
                {
                    async Task M(List<int> ids)
                    {
                        await Task.WhenAll(ids.Select(id => Task.WhenAll(Api.SendAsync(id), Api.FetchAsync(id))));
                    }
                }
                """ + Services,
            CodeActionEquivalenceKey = AwaitInLoopCodeFix.RecommendedKey,
            LanguageVersion = languageVersion,
        };
        test.ExpectedDiagnostics.Add(Expected());
        return test.RunAsync();
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp12)]
    [InlineData(LanguageVersion.Latest)]
    public Task ParamsSpan_LoopAwaitingWhenAllThatWritesOnePath_NoDiagnosticInEveryVersion(LanguageVersion languageVersion) => new Verify.AnalyzerTest<AwaitInLoopAnalyzer>
    {
        TestCode = """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                async Task M(List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        await Task.WhenAll(Api.SendAsync(id), Api.WriteAsync("log.txt", id));
                    }
                }
            }
            """ + Services,
        LanguageVersion = languageVersion,
    }.RunAsync();

    [Fact]
    public Task CSharp12_Fix_WhenAll_CollectsResultsInOrder() => new Verify.CodeFixTest<AwaitInLoopAnalyzer, AwaitInLoopCodeFix>
    {
        TestCode = """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                async Task<List<string>> M(int[] ids)
                {
                    var results = new List<string>();
                    foreach (var id in ids)
                    {
                        results.Add({|#0:await Api.FetchAsync(id)|});
                    }

                    return results;
                }
            }
            """ + Services,
        FixedCode = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            class C
            {
                async Task<List<string>> M(int[] ids)
                {
                    var results = new List<string>();
                    results.AddRange(await Task.WhenAll(ids.Select(id => Api.FetchAsync(id))));

                    return results;
                }
            }
            """ + Services,
        CodeActionEquivalenceKey = AwaitInLoopCodeFix.RecommendedKey,
        LanguageVersion = LanguageVersion.CSharp12,
        ExpectedDiagnostics = { Expected() },
    }.RunAsync();

    // ---- Multi-targeting: Parallel.ForEachAsync only when every target framework has it ------------------------

    [Theory]
    [InlineData("net8.0,netstandard2.0", false)]
    [InlineData("net48,net8.0", false)]
    [InlineData("net5.0,net6.0", false)]
    [InlineData("net6.0,net8.0-windows,net10.0", true)]
    [InlineData(null, false)]
    public async Task ParallelForEachAsync_OfferedOnlyWhenEveryTargetHasIt(string? targetFrameworks, bool offered)
    {
        const string source = """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                async Task M(List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        {|#0:await Api.SendAsync(id)|};
                    }
                }
            }
            """;
        var test = new Verify.CodeFixTest<AwaitInLoopAnalyzer, AwaitInLoopCodeFix>
        {
            TestCode = source + Services,
            FixedCode = offered
                ? """
                    using System.Collections.Generic;
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task M(List<int> ids)
                        {
                            await Parallel.ForEachAsync(ids, async (id, ct) => await Api.SendAsync(id));
                        }
                    }
                    """ + Services
                : source + Services,
            CodeActionIndex = 1,
            CodeActionEquivalenceKey = AwaitInLoopCodeFix.ParallelForEachKey,
        };
        if (!offered)
        {
            test.CodeActionIndex = null;
            test.CodeActionVerifier = (action, verifier) => verifier.True(action.EquivalenceKey != AwaitInLoopCodeFix.ParallelForEachKey, "Parallel.ForEachAsync offered");
        }

        if (targetFrameworks is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(TargetFrameworksConfig(targetFrameworks));
        }

        test.ExpectedDiagnostics.Add(Expected());
        await test.RunAsync();
    }
}
