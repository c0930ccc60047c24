using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class SequentialAwaitsTests
{
    // ---- Fix All --------------------------------------------------------------------------------------------

    [Fact]
    public Task FixAll_TwoRunsInOneMethod_NamesStayUnique() => VerifyFix("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var user = {|#0:await Api.GetUserAsync(id)|};
                var orders = {|#1:await Api.GetOrdersAsync(id)|};
                Console.WriteLine(user + orders);
                user = {|#2:await Api.GetUserAsync(id + 1)|};
                orders = {|#3:await Api.GetOrdersAsync(id + 1)|};
                return user + orders;
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var userTask = Api.GetUserAsync(id);
                var ordersTask = Api.GetOrdersAsync(id);
                await Task.WhenAll(userTask, ordersTask);
                var user = await userTask;
                var orders = await ordersTask;
                Console.WriteLine(user + orders);
                var userTask2 = Api.GetUserAsync(id + 1);
                var ordersTask2 = Api.GetOrdersAsync(id + 1);
                await Task.WhenAll(userTask2, ordersTask2);
                user = await userTask2;
                orders = await ordersTask2;
                return user + orders;
            }
        }
        """,
        Run(2), Run(2, firstMarker: 2));

    [Fact]
    public Task FixAll_RunInsideLambdaOfAnotherRun() => VerifyFix("""
        using System;
        using System.Threading.Tasks;

        static class Work { public static Task<int> RunAsync(Func<Task<int>> f) => f(); }

        class C
        {
            async Task<int> M(int id)
            {
                var a = {|#0:await Work.RunAsync(async () =>
                {
                    var x = {|#2:await Api.GetOrdersAsync(1)|};
                    var y = {|#3:await Api.GetStockAsync(2)|};
                    return x + y;
                })|};
                var b = {|#1:await Api.GetStockAsync(id)|};
                return a + b;
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;

        static class Work { public static Task<int> RunAsync(Func<Task<int>> f) => f(); }

        class C
        {
            async Task<int> M(int id)
            {
                var aTask = Work.RunAsync(async () =>
                {
                    var xTask = Api.GetOrdersAsync(1);
                    var yTask = Api.GetStockAsync(2);
                    await Task.WhenAll(xTask, yTask);
                    var x = await xTask;
                    var y = await yTask;
                    return x + y;
                });
                var bTask = Api.GetStockAsync(id);
                await Task.WhenAll(aTask, bTask);
                var a = await aTask;
                var b = await bTask;
                return a + b;
            }
        }
        """,
        Run(2), Run(2, firstMarker: 2));

    [Fact]
    public Task FixAll_AcrossDocuments()
    {
        var test = new Verify.CodeFixTest<SequentialAwaitsAnalyzer, SequentialAwaitsCodeFix>();
        test.TestState.Sources.Add(("A.cs", """
            using System.Threading.Tasks;

            class A
            {
                async Task M(string s, string t)
                {
                    {|#0:await Api.SendAsync(s)|};
                    {|#1:await Api.ArchiveAsync(t + "!")|};
                }
            }
            """ + Services));
        test.TestState.Sources.Add(("B.cs", """
            using System.Threading.Tasks;

            class B
            {
                async Task M(string s, string t)
                {
                    {|#2:await Api.SendAsync(s)|};
                    {|#3:await Api.ArchiveAsync(t + "?")|};
                }
            }
            """));
        test.FixedState.Sources.Add(("A.cs", """
            using System.Threading.Tasks;

            class A
            {
                async Task M(string s, string t)
                {
                    await Task.WhenAll(Api.SendAsync(s), Api.ArchiveAsync(t + "!"));
                }
            }
            """ + Services));
        test.FixedState.Sources.Add(("B.cs", """
            using System.Threading.Tasks;

            class B
            {
                async Task M(string s, string t)
                {
                    await Task.WhenAll(Api.SendAsync(s), Api.ArchiveAsync(t + "?"));
                }
            }
            """));
        test.ExpectedDiagnostics.Add(Run(2));
        test.ExpectedDiagnostics.Add(Run(2, firstMarker: 2));
        return test.RunAsync();
    }

    // ---- Robustness: broken code ----------------------------------------------------------------------------

    [Fact]
    public Task BrokenCode_NoDiagnosticNoCrash() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(int id)
            {
                var a = await Api.{|CS0117:Missing|}(id);
                var b = await Api.GetOrdersAsync({|CS0103:unknown|});
                var c = await Api.GetStockAsync(id{|CS1026:;|}
            }
        }
        """);

    [Fact]
    public Task AwaitsInsideLock_BrokenCode_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            private readonly object _gate = new object();

            async Task<int> M(int id)
            {
                lock (_gate)
                {
                    var a = {|CS1996:await Api.GetStockAsync(id)|};
                    var b = {|CS1996:await Api.GetOrdersAsync(id)|};
                    return a + b;
                }
            }
        }
        """);
}
