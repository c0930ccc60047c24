using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class AwaitInLoopTests
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
}
