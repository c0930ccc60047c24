using System.Threading.Tasks;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class UnobservedTaskTests
{
    // ---- Unused locals: where it fires ---------------------------------------------------------------------------

    [Fact]
    public Task UnusedLocal_InSyncMethod_DiagnosticOnTheName() => VerifyAnalyzer("""
        using System;

        class C
        {
            void M()
            {
                var {|#0:pending|} = Api.SendAsync();
                Console.WriteLine("sent");
            }
        }
        """,
        Diagnostic(0).WithArguments("The Task held by 'pending'"));

    [Fact]
    public Task UnusedLocal_InAsyncMethod_Diagnostic() => VerifyWithCompiler("""
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                var {|AL0003:pending|} = Api.CountAsync();
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task UnusedLocal_WithExplicitBaseType_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            void M()
            {
                Task [|pending|] = Api.CountAsync();
            }
        }
        """);

    [Fact]
    public Task UnusedLocal_InSwitchSection_Diagnostic() => VerifyAnalyzer("""
        class C
        {
            void M(int kind)
            {
                switch (kind)
                {
                    case 1:
                        var [|pending|] = Api.SendAsync();
                        break;
                    case 2:
                        break;
                }
            }
        }
        """);

    // ---- Unused locals: where it stays silent --------------------------------------------------------------------

    [Theory]
    [InlineData("var pending = Api.SendAsync(); await pending;")]
    [InlineData("var pending = Api.SendAsync(); await Task.Yield(); await pending;")]
    [InlineData("var pending = Api.SendAsync(); _field = pending;")]
    [InlineData("var pending = Api.SendAsync(); Keep(pending);")]
    [InlineData("var pending = Api.SendAsync(); var all = new[] { pending };")]
    [InlineData("var pending = Api.SendAsync(); var list = new List<Task> { pending };")]
    [InlineData("var pending = Api.SendAsync(); await Task.WhenAll(pending, Api.SendAsync());")]
    [InlineData("var pending = Api.SendAsync(); await Task.WhenAny(pending);")]
    [InlineData("var pending = Api.SendAsync(); Action a = () => pending.Wait();")]
    [InlineData("var pending = Api.SendAsync(); Console.WriteLine(pending.IsCompleted);")]
    [InlineData("var pending = Api.SendAsync(); pending = Api.SendAsync(); _field = pending;")]
    [InlineData("var _ = Api.SendAsync();")]
    [InlineData("using var cts = new CancellationTokenSource();")]
    [InlineData("Task pending; pending = Api.SendAsync(); await pending;")]
    [InlineData("var length = \"x\".Length;")]
    public Task UsedLocal_NoDiagnostic(string body) => VerifyAnalyzer($$"""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            private Task? _field;

            static void Keep(Task task) { }

            async Task M()
            {
                {{body}}
            }
        }
        """);

    [Fact]
    public Task LocalUsedInAnotherSwitchSection_NoDiagnostic() => VerifyAnalyzer("""
        class C
        {
            void M(int kind)
            {
                switch (kind)
                {
                    case 1:
                        var pending = Api.SendAsync();
                        break;
                    case 2:
                        pending = Api.SendAsync();
                        pending.Wait();
                        break;
                }
            }
        }
        """);

    [Fact]
    public Task ReturnedLocal_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            Task M()
            {
                var pending = Api.SendAsync();
                return pending;
            }
        }
        """);
}
