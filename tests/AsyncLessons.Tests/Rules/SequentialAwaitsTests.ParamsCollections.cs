using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class SequentialAwaitsTests
{
    // ---- Params collections: from C# 13 on .NET 9+, the Task.WhenAll(a, b) the fix writes binds to params
    // ---- ReadOnlySpan<Task> (the verifiers parse as the newest C#); C# 12 binds the params Task[] overload.

    private static Task VerifyAnalyzer(LanguageVersion languageVersion, string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.AnalyzerTest<SequentialAwaitsAnalyzer> { TestCode = source + Services, LanguageVersion = languageVersion };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp12)]
    [InlineData(LanguageVersion.Latest)]
    public Task ParamsSpan_AwaitedWhenAllsOfIndependentCalls_SameDiagnosticInEveryVersion(LanguageVersion languageVersion) => VerifyAnalyzer(languageVersion, """
        using System.Threading.Tasks;

        class C
        {
            async Task M(string a, string b)
            {
                {|#0:await Task.WhenAll(Api.SendAsync(a), Api.ArchiveAsync(a))|};
                {|#1:await Task.WhenAll(Api.SendAsync(b), Api.ArchiveAsync(b), Api.PingAsync().AsTask())|};
            }
        }
        """,
        Run(2));

    [Theory]
    [InlineData(LanguageVersion.CSharp12)]
    [InlineData(LanguageVersion.Latest)]
    public Task ParamsSpan_WhenAllThenCallOnTheSameTasks_NoDiagnosticInEveryVersion(LanguageVersion languageVersion) => VerifyAnalyzer(languageVersion, """
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(int id)
            {
                var orders = Api.GetOrdersAsync(id);
                var stock = Api.GetStockAsync(id);
                await Task.WhenAll(orders, stock);
                var saved = await Api.SaveAsync(orders.Result + stock.Result);
                return saved;
            }
        }
        """);

    [Fact]
    public Task ParamsSpan_Fix_SameResultType_WhenAllOfTwoTasks() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(int id)
            {
                var orders = {|#0:await Api.GetOrdersAsync(id)|};
                var stock = {|#1:await Api.GetStockAsync(id)|};
                return orders + stock;
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(int id)
            {
                var ordersTask = Api.GetOrdersAsync(id);
                var stockTask = Api.GetStockAsync(id);
                await Task.WhenAll(ordersTask, stockTask);
                var orders = await ordersTask;
                var stock = await stockTask;
                return orders + stock;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task CSharp12_Fix_Declarations_StartThenWhenAllThenResults() => new Verify.CodeFixTest<SequentialAwaitsAnalyzer, SequentialAwaitsCodeFix>
    {
        TestCode = """
            using System.Threading.Tasks;

            class C
            {
                async Task<string> M(int id, string message)
                {
                    var user = {|#0:await Api.GetUserAsync(id)|};
                    var orders = {|#1:await Api.GetOrdersAsync(id)|};
                    {|#2:await Api.SendAsync(message)|};
                    return user + orders;
                }
            }
            """ + Services,
        FixedCode = """
            using System.Threading.Tasks;

            class C
            {
                async Task<string> M(int id, string message)
                {
                    var userTask = Api.GetUserAsync(id);
                    var ordersTask = Api.GetOrdersAsync(id);
                    await Task.WhenAll(userTask, ordersTask, Api.SendAsync(message));
                    var user = await userTask;
                    var orders = await ordersTask;
                    return user + orders;
                }
            }
            """ + Services,
        LanguageVersion = LanguageVersion.CSharp12,
        ExpectedDiagnostics = { Run(3) },
    }.RunAsync();
}
