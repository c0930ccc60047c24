using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class AwaitInLoopTests
{
    // ---- Params collections: from C# 13 on .NET 9+, Task.WhenAll(a, b) binds to params ReadOnlySpan<Task> (the
    // ---- verifiers parse as the newest C#); C# 12 binds the params Task[] overload.

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
}
