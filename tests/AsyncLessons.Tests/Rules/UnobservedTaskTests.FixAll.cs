using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class UnobservedTaskTests
{
    // ---- Fix All -------------------------------------------------------------------------------------------------

    [Fact]
    public Task Fix_CS4014_FixAll_AwaitsEveryCall() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                {|CS4014:Api.SendAsync()|};
                {|CS4014:Api.FlushAsync()|};
                {|CS4014:Task.Run(() => { })|};
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                await Api.SendAsync();
                await Api.FlushAsync();
                await Task.Run(() => { });
            }
        }
        """, UnobservedTaskCodeFix.RecommendedKey, CompilerDiagnostics.Warnings);

    [Fact]
    public Task Fix_FixAllDiscard_AcrossDocuments()
    {
        var test = new Verify.CodeFixTest<UnobservedTaskAnalyzer, UnobservedTaskCodeFix>
        {
            CodeActionEquivalenceKey = UnobservedTaskCodeFix.RecommendedKey,
        };
        test.TestState.Sources.Add("class A { void M() { [|Api.SendAsync()|]; [|Api.FlushAsync()|]; } }");
        test.TestState.Sources.Add("class B { void M() { var [|t|] = Api.CountAsync(); } }" + Api);
        test.FixedState.Sources.Add("class A { void M() { _ = Api.SendAsync(); _ = Api.FlushAsync(); } }");
        test.FixedState.Sources.Add("class B { void M() { _ = Api.CountAsync(); } }" + Api);
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_MakeAsync_FixAllInOneMethod_MakesItAsyncOnce()
    {
        var test = new Verify.CodeFixTest<UnobservedTaskAnalyzer, UnobservedTaskCodeFix>
        {
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    void Send()
                    {
                        [|Api.SendAsync()|];
                        [|Api.FlushAsync()|];
                    }
                }
                """ + Api,
            // One fix makes the method async; the second drop is then the compiler's CS4014 (fixed by "Await it").
            FixedCode = """
                using System.Threading.Tasks;

                class C
                {
                    async Task Send()
                    {
                        await Api.SendAsync();
                        {|CS4014:Api.FlushAsync()|};
                    }
                }
                """ + Api,
            BatchFixedCode = """
                using System.Threading.Tasks;

                class C
                {
                    async Task Send()
                    {
                        await Api.SendAsync();
                        await Api.FlushAsync();
                    }
                }
                """ + Api,
            CodeActionEquivalenceKey = UnobservedTaskCodeFix.MakeMethodAsyncKey,
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        };
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        return test.RunAsync();
    }

    // ---- Broken and half-typed code -------------------------------------------------------------------------------

    [Fact]
    public Task HalfTypedCall_NoDiagnosticNoCrash()
    {
        var test = new Verify.AnalyzerTest<UnobservedTaskAnalyzer>
        {
            TestCode = """
                class C
                {
                    void M()
                    {
                        Api.SendAsync(
                    }
                }
                """ + Api,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task ErrorTypes_NoDiagnosticNoCrash()
    {
        var test = new Verify.AnalyzerTest<UnobservedTaskAnalyzer>
        {
            TestCode = """
                class C
                {
                    void M()
                    {
                        Missing();
                        new Missing();
                        Api.SendAsync(unknown);
                        var pending = Missing.RunAsync();
                        Api.Nope();
                    }
                }
                """ + Api,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task WithoutAnyReferences_NoDiagnosticNoCrash()
    {
        var test = new Verify.AnalyzerTest<UnobservedTaskAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    void M()
                    {
                        Task.Run(() => { });
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.TestState.AdditionalReferences.Clear();
        return test.RunAsync();
    }
}
