using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class UnobservedTaskTests
{
    // ---- Params collections: from C# 13 on .NET 9+, Task.WhenAll(a, b) binds to params ReadOnlySpan<Task> (the
    // ---- verifiers parse as the newest C#); the tasks listed there are used, and a dropped WhenAll is still dropped.

    [Fact]
    public Task ParamsSpan_TaskLeftOutOfWhenAll_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                var a = Api.SendAsync();
                var [|forgotten|] = Api.SendAsync();
                var c = Api.SendAsync();
                await Task.WhenAll(a, c);
            }
        }
        """);

    [Fact]
    public Task ParamsSpan_WhenAllDroppedInSyncMethod_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            void M(Task a, Task b, Task c)
            {
                {|#0:Task.WhenAll(a, b, c)|};
            }
        }
        """,
        Diagnostic(0).WithArguments("The Task returned by 'WhenAll'"));

    [Fact]
    public Task CSharp12_TaskLeftOutOfWhenAll_OnlyItIsReported() => new Verify.AnalyzerTest<UnobservedTaskAnalyzer>
    {
        TestCode = """
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    var a = Api.SendAsync();
                    var b = Api.CountAsync();
                    var [|forgotten|] = Api.SendAsync();
                    await Task.WhenAll(a, b);
                }
            }
            """ + Api,
        LanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp12,
    }.RunAsync();

    [Theory]
    [InlineData("var a = Api.SendAsync(); var b = Api.CountAsync(); var c = Api.SendAsync(); await Task.WhenAll(a, b, c);")]
    [InlineData("var a = Api.CountAsync(); var b = Api.CountAsync(); var both = await Task.WhenAll(a, b);")]
    [InlineData("var a = Api.SendAsync(); var b = Api.SendAsync(); await Task.WhenAny(a, b, Task.Delay(100));")]
    [InlineData("var a = Api.SendAsync(); var b = Api.SendAsync(); Task.WaitAll(a, b);")]
    [InlineData("var a = Api.SendAsync(); await Task.WhenAll([a, Api.SendAsync()]);")]
    [InlineData("var a = Api.FlushAsync().AsTask(); var b = Api.PeekAsync().AsTask(); await Task.WhenAll(a, b);")]
    public Task ParamsSpan_TasksPassedToWhenAll_NoDiagnostic(string body) => VerifyAnalyzer($$"""
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                {{body}}
            }
        }
        """);

    [Fact]
    public Task ParamsSpan_WhenAllDroppedInAsyncMethod_OnlyCS4014() => VerifyWithCompiler("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task a, Task b)
            {
                await Task.Yield();
                {|CS4014:Task.WhenAll(a, b)|};
            }
        }
        """);

    [Fact]
    public Task ParamsSpan_Fix_CS4014OnWhenAll_Await() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task a, Task<int> b)
            {
                await Task.Yield();
                {|CS4014:Task.WhenAll(a, b)|};
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task a, Task<int> b)
            {
                await Task.Yield();
                await Task.WhenAll(a, b);
            }
        }
        """, UnobservedTaskCodeFix.RecommendedKey, CompilerDiagnostics.Warnings);

    [Fact]
    public Task ParamsSpan_Fix_WhenAllDroppedInSyncMethod_Discard() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            void M(Task a, Task b)
            {
                [|Task.WhenAll(a, b)|];
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            void M(Task a, Task b)
            {
                _ = Task.WhenAll(a, b);
            }
        }
        """, UnobservedTaskCodeFix.RecommendedKey);

    [Fact]
    public Task ParamsSpan_Fix_WhenAllDroppedInSyncMethod_MadeAsync() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            private void M(Task<int> a, Task<int> b)
            {
                [|Task.WhenAll(a, b)|];
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            private async Task M(Task<int> a, Task<int> b)
            {
                await Task.WhenAll(a, b);
            }
        }
        """, UnobservedTaskCodeFix.MakeMethodAsyncKey);
}
