using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class SequentialAwaitsTests
{
    // ---- The fix --------------------------------------------------------------------------------------------

    [Fact]
    public Task Fix_Declarations_StartThenWhenAllThenResults() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                // The user first.
                var user = {|#0:await Api.GetUserAsync(id)|};
                int orders = {|#1:await Api.GetOrdersAsync(id)|}; // orders
                return user + orders;
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var userTask = Api.GetUserAsync(id);
                var ordersTask = Api.GetOrdersAsync(id);
                await Task.WhenAll(userTask, ordersTask);
                // The user first.
                var user = await userTask;
                int orders = await ordersTask; // orders
                return user + orders;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task Fix_BlankLinesBetweenTheAwaits_StayBetweenTheResults() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var name = id.ToString();

                var user = {|#0:await Api.GetUserAsync(id)|};

                // The orders next.
                var orders = {|#1:await Api.GetOrdersAsync(id)|};
                return name + user + orders;
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var name = id.ToString();

                var userTask = Api.GetUserAsync(id);
                var ordersTask = Api.GetOrdersAsync(id);
                await Task.WhenAll(userTask, ordersTask);
                var user = await userTask;

                // The orders next.
                var orders = await ordersTask;
                return name + user + orders;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task Fix_UnusedResults_FoldIntoWhenAll() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(string a, string b)
            {
                {|#0:await Api.SendAsync(a)|};
                // Then tell them.
                {|#1:await Api.ArchiveAsync(b)|};
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task M(string a, string b)
            {
                // Then tell them.
                await Task.WhenAll(Api.SendAsync(a), Api.ArchiveAsync(b));
            }
        }
        """,
        Run(2));

    [Fact]
    public Task Fix_UnusedBeforeUsed_KeepsStartOrder() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(string a, string b, int id)
            {
                {|#0:await Api.SendAsync(a)|};
                var orders = {|#1:await Api.GetOrdersAsync(id)|};
                {|#2:await Api.ArchiveAsync(b + "!")|};
                return orders;
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(string a, string b, int id)
            {
                var sendTask = Api.SendAsync(a);
                var ordersTask = Api.GetOrdersAsync(id);
                await Task.WhenAll(sendTask, ordersTask, Api.ArchiveAsync(b + "!"));
                var orders = await ordersTask;
                return orders;
            }
        }
        """,
        Run(3));

    [Fact]
    public Task Fix_Assignment_KeepsTarget() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            private string _user = "";
            private int _orders;

            async Task M(int id)
            {
                _user = {|#0:await Api.GetUserAsync(id)|};
                _orders = {|#1:await Api.GetOrdersAsync(id)|};
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            private string _user = "";
            private int _orders;

            async Task M(int id)
            {
                var userTask = Api.GetUserAsync(id);
                var ordersTask = Api.GetOrdersAsync(id);
                await Task.WhenAll(userTask, ordersTask);
                _user = await userTask;
                _orders = await ordersTask;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task Fix_ValueTasks_UseAsTask() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(int id)
            {
                var count = {|#0:await Api.CountAsync(id)|};
                {|#1:await Api.PingAsync()|};
                return count;
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(int id)
            {
                var countTask = Api.CountAsync(id).AsTask();
                await Task.WhenAll(countTask, Api.PingAsync().AsTask());
                var count = await countTask;
                return count;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task Fix_ConfigureAwaitFalse_IsKept() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var user = {|#0:await Api.GetUserAsync(id).ConfigureAwait(false)|};
                var orders = {|#1:await Api.GetOrdersAsync(id).ConfigureAwait(false)|};
                return user + orders;
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var userTask = Api.GetUserAsync(id);
                var ordersTask = Api.GetOrdersAsync(id);
                await Task.WhenAll(userTask, ordersTask).ConfigureAwait(false);
                var user = await userTask.ConfigureAwait(false);
                var orders = await ordersTask.ConfigureAwait(false);
                return user + orders;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task ConfigureAwaitTrue_CountsAsPlainAwait() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var user = {|#0:await Api.GetUserAsync(id).ConfigureAwait(true)|};
                var orders = {|#1:await Api.GetOrdersAsync(id)|};
                return user + orders;
            }
        }
        """, """
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
                return user + orders;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task Fix_MixedConfigureAwait_NotOffered() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var user = {|#0:await Api.GetUserAsync(id).ConfigureAwait(false)|};
                var orders = {|#1:await Api.GetOrdersAsync(id)|};
                return user + orders;
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var user = {|#0:await Api.GetUserAsync(id).ConfigureAwait(false)|};
                var orders = {|#1:await Api.GetOrdersAsync(id)|};
                return user + orders;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task Fix_NamesDoNotCollide() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var userTask = "taken";
                var user = {|#0:await Api.GetUserAsync(id)|};
                var orders = {|#1:await Api.GetOrdersAsync(id)|};
                var ordersTask2 = 0;
                return userTask + user + orders + ordersTask2;
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var userTask = "taken";
                var userTask2 = Api.GetUserAsync(id);
                var ordersTask = Api.GetOrdersAsync(id);
                await Task.WhenAll(userTask2, ordersTask);
                var user = await userTask2;
                var orders = await ordersTask;
                var ordersTask2 = 0;
                return userTask + user + orders + ordersTask2;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task Fix_AddsUsingForTask()
    {
        var test = new Verify.CodeFixTest<SequentialAwaitsAnalyzer, SequentialAwaitsCodeFix>
        {
            TestCode = """
                class C
                {
                    async System.Threading.Tasks.Task M(string a, string b)
                    {
                        {|#0:await Api.SendAsync(a)|};
                        {|#1:await Api.ArchiveAsync(b)|};
                    }
                }

                static class Api
                {
                    public static System.Threading.Tasks.Task SendAsync(string message) => System.Threading.Tasks.Task.CompletedTask;
                    public static System.Threading.Tasks.Task ArchiveAsync(string message) => System.Threading.Tasks.Task.CompletedTask;
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                class C
                {
                    async System.Threading.Tasks.Task M(string a, string b)
                    {
                        await Task.WhenAll(Api.SendAsync(a), Api.ArchiveAsync(b));
                    }
                }

                static class Api
                {
                    public static System.Threading.Tasks.Task SendAsync(string message) => System.Threading.Tasks.Task.CompletedTask;
                    public static System.Threading.Tasks.Task ArchiveAsync(string message) => System.Threading.Tasks.Task.CompletedTask;
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Run(2));
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_InLambda() => VerifyFix("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            Func<int, Task<string>> f = async id =>
            {
                var user = {|#0:await Api.GetUserAsync(id)|};
                var orders = {|#1:await Api.GetOrdersAsync(id)|};
                return user + orders;
            };
        }
        """, """
        using System;
        using System.Threading.Tasks;

        class C
        {
            Func<int, Task<string>> f = async id =>
            {
                var userTask = Api.GetUserAsync(id);
                var ordersTask = Api.GetOrdersAsync(id);
                await Task.WhenAll(userTask, ordersTask);
                var user = await userTask;
                var orders = await ordersTask;
                return user + orders;
            };
        }
        """,
        Run(2));

    [Fact]
    public Task Fix_TopLevelStatements()
    {
        var test = new Verify.CodeFixTest<SequentialAwaitsAnalyzer, SequentialAwaitsCodeFix>
        {
            TestCode = """
                using System.Threading.Tasks;

                var user = {|#0:await Api.GetUserAsync(1)|};
                var orders = {|#1:await Api.GetOrdersAsync(1)|};
                System.Console.WriteLine(user + orders);
                """ + Services,
            FixedCode = """
                using System.Threading.Tasks;

                var userTask = Api.GetUserAsync(1);
                var ordersTask = Api.GetOrdersAsync(1);
                await Task.WhenAll(userTask, ordersTask);
                var user = await userTask;
                var orders = await ordersTask;
                System.Console.WriteLine(user + orders);
                """ + Services,
        };
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        test.FixedState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(Run(2));
        return test.RunAsync();
    }

    // ---- The fix: layout ------------------------------------------------------------------------------------

    [Fact]
    public Task Fix_MultiLineCall_KeepsArguments() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var user = {|#0:await Api.GetUserAsync(
                    id)|};
                var stock = {|#1:await Api.GetStockAsync(id)|};
                return user + stock;
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(int id)
            {
                var userTask = Api.GetUserAsync(
                    id);
                var stockTask = Api.GetStockAsync(id);
                await Task.WhenAll(userTask, stockTask);
                var user = await userTask;
                var stock = await stockTask;
                return user + stock;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task Fix_MultiLineCalls_OneStartedTaskPerStatement() => VerifyFix("""
        using System.Threading.Tasks;
        class C
        {
            async Task M(string a, string b)
            {
                {|#0:await Api.SendAsync(
                    a + "-first")|};
                {|#1:await Api.ArchiveAsync(b)|};
            }
        }
        """, """
        using System.Threading.Tasks;
        class C
        {
            async Task M(string a, string b)
            {
                var sendTask = Api.SendAsync(
                    a + "-first");
                var archiveTask = Api.ArchiveAsync(b);
                await Task.WhenAll(sendTask, archiveTask);
            }
        }
        """,
        Run(2));

    [Fact]
    public Task Fix_InsideSwitchSection_LeavesNeighboursAlone() => VerifyFix("""
        using System.Threading.Tasks;
        class C
        {
            async Task M(int kind, string a, string b)
            {
                switch (kind)
                {
                    case 1:
                    {
                        {|#0:await Api.SendAsync(a)|};
                        {|#1:await Api.ArchiveAsync(b)|};
                        break;
                    }
                    case 2:
                            await Api.SendAsync(b);
                        break;
                }
                  var  unrelated  =  1;
            }
        }
        """, """
        using System.Threading.Tasks;
        class C
        {
            async Task M(int kind, string a, string b)
            {
                switch (kind)
                {
                    case 1:
                    {
                        await Task.WhenAll(Api.SendAsync(a), Api.ArchiveAsync(b));
                        break;
                    }
                    case 2:
                            await Api.SendAsync(b);
                        break;
                }
                  var  unrelated  =  1;
            }
        }
        """,
        Run(2));
}
