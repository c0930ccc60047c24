using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class AwaitInLoopTests
{
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
