using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class AsyncVoidTests
{
    // ---- Fix All --------------------------------------------------------------------------------------------

    [Fact]
    public Task FixAllReturnTask_AcrossDocuments_AwaitsTheCallsBetweenFixedMethods()
    {
        var test = new Verify.CodeFixTest<AsyncVoidAnalyzer, AsyncVoidCodeFix>();
        test.TestState.Sources.Add(("A.cs", """
            using System.Threading.Tasks;

            class A
            {
                public async void [|Start|]()
                {
                    B.Prepare();
                    await Task.Delay(1);
                }

                async void [|Stop|]() => await Task.Delay(1);
            }
            """));
        test.TestState.Sources.Add(("B.cs", """
            using System;

            static class B
            {
                public static async void [|Prepare|]() => await System.Threading.Tasks.Task.Yield();

                static async void [|Skipped|]() => await System.Threading.Tasks.Task.Yield();

                static Action Callback => Skipped;
            }
            """));
        test.FixedState.Sources.Add(("A.cs", """
            using System.Threading.Tasks;

            class A
            {
                public async Task Start()
                {
                    await B.Prepare();
                    await Task.Delay(1);
                }

                async Task Stop() => await Task.Delay(1);
            }
            """));
        test.FixedState.Sources.Add(("B.cs", """
            using System;
            using System.Threading.Tasks;

            static class B
            {
                public static async Task Prepare() => await System.Threading.Tasks.Task.Yield();

                static async void [|Skipped|]() => await System.Threading.Tasks.Task.Yield();

                static Action Callback => Skipped;
            }
            """));
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        return test.RunAsync();
    }

    [Fact]
    public Task FixAllForEach_NestedAndSiblingCalls_BecomeLoops() => VerifyFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<List<int>> groups, List<int> ids)
            {
                groups.ForEach([|async group =>|]
                {
                    await Task.Yield();
                    group.ForEach([|async id =>|] await Task.Delay(id));
                });
                ids.ForEach([|async id =>|] await Task.Delay(id));
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<List<int>> groups, List<int> ids)
            {
                foreach (var group in groups)
                {
                    await Task.Yield();
                    foreach (var id in group)
                    {
                        await Task.Delay(id);
                    }
                }
                foreach (var id in ids)
                {
                    await Task.Delay(id);
                }
            }
        }
        """);

    // ---- Robustness: broken and half-typed code -------------------------------------------------------------

    [Fact]
    public Task HalfTypedCode_NoDiagnosticNoCrash()
    {
        var test = new Verify.AnalyzerTest<AsyncVoidAnalyzer>
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    async void M(
                    void N()
                    {
                        Missing(async () => await Task.Delay(1));
                        Action a = async () =>
                        new List<int>().ForEach(async x =>
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task ErrorTypes_NoDiagnosticNoCrash()
    {
        var test = new Verify.AnalyzerTest<AsyncVoidAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    async Missing M() => await Task.Delay(1);
                    void N(Unknown u) => u.Run(async () => await Task.Delay(1));
                    UnknownDelegate d = async () => await Task.Delay(1);
                    async void OnEvent(object sender, UnknownArgs e) => await Task.Delay(1);
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task WithoutAnyReferences_NoDiagnosticNoCrash()
    {
        var test = new Verify.AnalyzerTest<AsyncVoidAnalyzer>
        {
            TestCode = """
                class C
                {
                    async void M() { }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.TestState.AdditionalReferences.Clear();
        return test.RunAsync();
    }
}
