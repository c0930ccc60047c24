using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class UnobservedTaskTests
{
    // ---- Fix: await it -------------------------------------------------------------------------------------------

    [Fact]
    public Task Fix_CS4014_Await() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                // Send first.
                {|CS4014:Api.SendAsync()|}; // and then go on
                await Task.Yield();
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                // Send first.
                await Api.SendAsync(); // and then go on
                await Task.Yield();
            }
        }
        """, UnobservedTaskCodeFix.RecommendedKey, CompilerDiagnostics.Warnings);

    [Fact]
    public Task Fix_CS4014_InAsyncExpressionLambda_Await() => VerifyFix("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            Func<Task> F = async () => {|CS4014:Api.SendAsync()|};
        }
        """, """
        using System;
        using System.Threading.Tasks;

        class C
        {
            Func<Task> F = async () => await Api.SendAsync();
        }
        """, UnobservedTaskCodeFix.RecommendedKey, CompilerDiagnostics.Warnings);

    [Fact]
    public Task Fix_CS4014_InTopLevelStatements_Await()
    {
        var test = new Verify.CodeFixTest<UnobservedTaskAnalyzer, UnobservedTaskCodeFix>
        {
            TestCode = "{|CS4014:Api.SendAsync()|};\n" + Api,
            FixedCode = "await Api.SendAsync();\n" + Api,
            CodeActionEquivalenceKey = UnobservedTaskCodeFix.RecommendedKey,
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.FixedState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_CS4014_SourceAsyncInSyncMethod_AwaitNotOffered_RecommendedFixDiscards() => VerifyRecommendedDiscards("""
        using System.Threading.Tasks;

        class C
        {
            static async Task SourceAsync() => await Task.Yield();

            void Handler(object sender, System.EventArgs e)
            {
                {|CS4014:SourceAsync()|};
            }
        }
        """, CompilerDiagnostics.Warnings);

    [Fact]
    public Task Fix_ConditionalAccess_AwaitsWithFallback() => VerifyFix("""
        using System.Threading.Tasks;

        class Client
        {
            public Task<int> SendAsync() => Task.FromResult(1);
        }

        class C
        {
            async Task M(Client? client)
            {
                await Task.Yield();
                [|client?.SendAsync()|];
            }
        }
        """, """
        using System.Threading.Tasks;

        class Client
        {
            public Task<int> SendAsync() => Task.FromResult(1);
        }

        class C
        {
            async Task M(Client? client)
            {
                await Task.Yield();
                await (client?.SendAsync() ?? Task.CompletedTask);
            }
        }
        """, UnobservedTaskCodeFix.RecommendedKey);

    [Fact]
    public Task Fix_ConditionalAccessValueTask_AwaitNotOffered_RecommendedFixDiscards() => VerifyRecommendedDiscards("""
        using System.Threading.Tasks;

        class Client
        {
            public ValueTask FlushAsync() => default;
        }

        class C
        {
            async Task M(Client? client)
            {
                await Task.Yield();
                [|client?.FlushAsync()|];
            }
        }
        """);

    [Fact]
    public Task Fix_NewCustomAwaitableInAsyncMethod_Await() => VerifyFix("""
        using System;
        using System.Runtime.CompilerServices;
        using System.Threading.Tasks;

        sealed class Pause
        {
            public Awaiter GetAwaiter() => new Awaiter();

            public sealed class Awaiter : INotifyCompletion
            {
                public bool IsCompleted => true;
                public void GetResult() { }
                public void OnCompleted(Action continuation) => continuation();
            }
        }

        class C
        {
            async Task M()
            {
                await Task.Yield();
                [|new Pause()|];
            }
        }
        """, """
        using System;
        using System.Runtime.CompilerServices;
        using System.Threading.Tasks;

        sealed class Pause
        {
            public Awaiter GetAwaiter() => new Awaiter();

            public sealed class Awaiter : INotifyCompletion
            {
                public bool IsCompleted => true;
                public void GetResult() { }
                public void OnCompleted(Action continuation) => continuation();
            }
        }

        class C
        {
            async Task M()
            {
                await Task.Yield();
                await new Pause();
            }
        }
        """, UnobservedTaskCodeFix.RecommendedKey);

    [Fact]
    public Task Fix_InLock_AwaitNotOffered_RecommendedFixDiscards() => VerifyRecommendedDiscards("""
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                await Task.Yield();
                lock (this)
                {
                    [|Api.SendAsync()|];
                }
            }
        }
        """);

    [Fact]
    public Task Fix_InSyncLambda_AwaitNotOffered_RecommendedFixDiscards() => VerifyRecommendedDiscards("""
        using System;

        class C
        {
            Action A = () => [|Api.SendAsync()|];
        }
        """);

    [Theory]
    [InlineData("Task.Run(() => Console.WriteLine(\"background\"))")]
    [InlineData("Task.Factory.StartNew(() => Console.WriteLine(\"background\"))")]
    [InlineData("Task.Delay(1000)")]
    public Task Fix_UnusedLocalHoldingBackgroundWork_AwaitNotOffered_RecommendedFixDiscards(string start) => VerifyRecommendedDiscards($$"""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                var [|worker|] = {{start}};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Fix_UnusedLocalHoldingBackgroundWork_DiscardOffered() => VerifyFix("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                var [|worker|] = Task.Run(() => Console.WriteLine("background"));
                await Task.Yield();
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                _ = Task.Run(() => Console.WriteLine("background"));
                await Task.Yield();
            }
        }
        """, UnobservedTaskCodeFix.RecommendedKey);

    [Fact]
    public Task Fix_UnusedLocalInAsyncMethod_AwaitsTheCall() => VerifyFix("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                // Start the count.
                var [|pending|] = Api.CountAsync(); // keep going
                Console.WriteLine("counting");
                await Task.Yield();
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                // Start the count.
                await Api.CountAsync(); // keep going
                Console.WriteLine("counting");
                await Task.Yield();
            }
        }
        """, UnobservedTaskCodeFix.RecommendedKey);

    // ---- Fix: discard explicitly -----------------------------------------------------------------------------------

    [Fact]
    public Task Fix_SyncMethod_Discard() => VerifyFix("""
        class C
        {
            void M()
            {
                // fire and forget
                [|Api.SendAsync()|]; // really
            }
        }
        """, """
        class C
        {
            void M()
            {
                // fire and forget
                _ = Api.SendAsync(); // really
            }
        }
        """, UnobservedTaskCodeFix.RecommendedKey);

    [Fact]
    public Task Fix_CS4014_Discard() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                await Task.Yield();
                {|CS4014:Task.Run(() => { })|};
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                await Task.Yield();
                _ = Task.Run(() => { });
            }
        }
        """, UnobservedTaskCodeFix.DiscardKey, CompilerDiagnostics.Warnings);

    [Fact]
    public Task Fix_VoidLambdaExpressionBody_Discard() => VerifyFix("""
        using System;

        class C
        {
            Action A = () => [|Api.SendAsync()|];
        }
        """, """
        using System;

        class C
        {
            Action A = () => _ = Api.SendAsync();
        }
        """, UnobservedTaskCodeFix.RecommendedKey);

    [Fact]
    public Task Fix_ForIncrementor_Discard() => VerifyFix("""
        class C
        {
            void M()
            {
                for (var i = 0; i < 3; [|Api.SendAsync()|], i++)
                {
                }
            }
        }
        """, """
        class C
        {
            void M()
            {
                for (var i = 0; i < 3; _ = Api.SendAsync(), i++)
                {
                }
            }
        }
        """, UnobservedTaskCodeFix.RecommendedKey);

    [Fact]
    public Task Fix_UnusedLocal_Discard() => VerifyFix("""
        class C
        {
            void M()
            {
                var [|pending|] = Api.SendAsync();
            }
        }
        """, """
        class C
        {
            void M()
            {
                _ = Api.SendAsync();
            }
        }
        """, UnobservedTaskCodeFix.RecommendedKey);

    [Fact]
    public Task Fix_UnderscoreInScope_DiscardNotOffered() => VerifyNotOffered("""
        using System;

        class C
        {
            Action<int> A = _ => [|Api.SendAsync()|];
        }
        """, UnobservedTaskCodeFix.DiscardKey);

    [Fact]
    public Task Fix_NewTask_NoFixOffered() => VerifyNotOffered("""
        using System.Threading.Tasks;

        class C
        {
            void M()
            {
                [|new Task(() => { })|];
            }
        }
        """, UnobservedTaskCodeFix.DiscardKey);

    // ---- Fix: make the method async and await it ---------------------------------------------------------------

    [Fact]
    public Task Fix_VoidMethod_MadeAsyncTask_AndItsCallerIsOfferedTheSameNext()
    {
        var test = new Verify.CodeFixTest<UnobservedTaskAnalyzer, UnobservedTaskCodeFix>
        {
            TestCode = """
                class C
                {
                    /// <summary>Sends.</summary>
                    public static void Send()
                    {
                        [|Api.SendAsync()|];
                    }

                    void Caller()
                    {
                        Send();
                    }
                }
                """ + Api,
            // The caller still compiles; its dropped call is then the compiler's CS4014, fixed the same way.
            FixedCode = """
                using System.Threading.Tasks;

                class C
                {
                    /// <summary>Sends.</summary>
                    public static async Task Send()
                    {
                        await Api.SendAsync();
                    }

                    async Task Caller()
                    {
                        await Send();
                    }
                }
                """ + Api,
            CodeActionEquivalenceKey = UnobservedTaskCodeFix.MakeMethodAsyncKey,
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
            NumberOfIncrementalIterations = 2,
            NumberOfFixAllIterations = 2,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_ValueMethodWithoutModifiers_MadeAsyncTaskOfT() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            [System.Obsolete]
            int Count()
            {
                [|Api.SendAsync()|];
                return 1;
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            [System.Obsolete]
            async Task<int> Count()
            {
                await Api.SendAsync();
                return 1;
            }
        }
        """, UnobservedTaskCodeFix.MakeMethodAsyncKey);

    [Fact]
    public Task Fix_ExpressionBodiedVoidMethod_MadeAsync() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            private void Send() => [|Api.SendAsync()|];
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            private async Task Send() => await Api.SendAsync();
        }
        """, UnobservedTaskCodeFix.MakeMethodAsyncKey);

    [Fact]
    public Task Fix_CS4014_SourceAsyncInSyncMethod_MadeAsync() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            static async Task SourceAsync() => await Task.Yield();

            void M()
            {
                {|CS4014:SourceAsync()|};
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            static async Task SourceAsync() => await Task.Yield();

            async Task M()
            {
                await SourceAsync();
            }
        }
        """, UnobservedTaskCodeFix.MakeMethodAsyncKey, CompilerDiagnostics.Warnings);

    [Fact]
    public Task Fix_VoidLocalFunction_MadeAsyncTask_AndItsCallerIsOfferedTheSameNext()
    {
        var test = new Verify.CodeFixTest<UnobservedTaskAnalyzer, UnobservedTaskCodeFix>
        {
            TestCode = """
                class C
                {
                    void M()
                    {
                        // Send it.
                        Send();

                        void Send()
                        {
                            [|Api.SendAsync()|];
                        }
                    }
                }
                """ + Api,
            FixedCode = """
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        // Send it.
                        await Send();

                        async Task Send()
                        {
                            await Api.SendAsync();
                        }
                    }
                }
                """ + Api,
            CodeActionEquivalenceKey = UnobservedTaskCodeFix.MakeMethodAsyncKey,
            NumberOfIncrementalIterations = 2,
            NumberOfFixAllIterations = 2,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_ValueLocalFunction_MadeAsyncTaskOfT() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                await Task.Yield();

                static int Count()
                {
                    [|Api.SendAsync()|];
                    return 1;
                }
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                await Task.Yield();

                static async Task<int> Count()
                {
                    await Api.SendAsync();
                    return 1;
                }
            }
        }
        """, UnobservedTaskCodeFix.MakeMethodAsyncKey);

    [Fact]
    public Task Fix_ExpressionBodiedLocalFunctionInTopLevelStatements_MadeAsync()
    {
        var test = new Verify.CodeFixTest<UnobservedTaskAnalyzer, UnobservedTaskCodeFix>
        {
            TestCode = """
                System.Console.WriteLine("start");

                void Send() => [|Api.SendAsync()|];
                """ + Api,
            FixedCode = """
                using System.Threading.Tasks;

                System.Console.WriteLine("start");

                async Task Send() => await Api.SendAsync();
                """ + Api,
            CodeActionEquivalenceKey = UnobservedTaskCodeFix.MakeMethodAsyncKey,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    [Theory]
    [InlineData("int Count() { [|Api.SendAsync()|]; return 1; } var n = Count();")]
    [InlineData("void Send() { [|Api.SendAsync()|]; } Action a = Send;")]
    [InlineData("void Send() { [|Api.SendAsync()|]; } _ = Task.Run(() => Send());")]
    [InlineData("void Send(ref int x) { [|Api.SendAsync()|]; }")]
    [InlineData("void Send() { lock (this) { [|Api.SendAsync()|]; } }")]
    [InlineData("IEnumerable<int> Numbers() { [|Api.SendAsync()|]; yield return 1; }")]
    [InlineData("Task Send() { [|Api.SendAsync()|]; return Task.CompletedTask; }")]
    public Task Fix_MakeLocalFunctionAsync_NotOffered(string statements) => VerifyNotOffered($$"""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            void M()
            {
                {{statements}}
            }
        }
        """, UnobservedTaskCodeFix.MakeMethodAsyncKey);

    [Theory]
    [InlineData("int M() { [|Api.SendAsync()|]; return 1; } int Caller() => M();")]
    [InlineData("void M() { [|Api.SendAsync()|]; } void Caller() { Action a = M; }")]
    [InlineData("void M() { [|Api.SendAsync()|]; } void Caller() { _ = Task.Run(() => M()); }")]
    [InlineData("public override string ToString() { [|Api.SendAsync()|]; return \"\"; }")]
    [InlineData("public virtual void M() { [|Api.SendAsync()|]; }")]
    [InlineData("void OnClick(object sender, EventArgs e) { [|Api.SendAsync()|]; }")]
    [InlineData("static void Main() { [|Api.SendAsync()|]; }")]
    [InlineData("Task M() { [|Api.SendAsync()|]; return Task.CompletedTask; }")]
    [InlineData("void M(ref int x) { [|Api.SendAsync()|]; }")]
    [InlineData("void M(Span<int> x) { [|Api.SendAsync()|]; }")]
    [InlineData("void M() { Span<int> s = stackalloc int[1]; [|Api.SendAsync()|]; }")]
    [InlineData("void M() { lock (this) { [|Api.SendAsync()|]; } }")]
    [InlineData("void M() { Action a = () => [|Api.SendAsync()|]; a(); }")]
    [InlineData("IEnumerable<int> M() { [|Api.SendAsync()|]; yield return 1; }")]
    [InlineData("} struct S { int _count; void M() { _count++; [|Api.SendAsync()|]; }")]
    [InlineData("C() { [|Api.SendAsync()|]; }")]
    [InlineData("int P { get { [|Api.SendAsync()|]; return 1; } }")]
    public Task Fix_MakeAsync_NotOffered(string member) => VerifyNotOffered($$"""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            {{member}}
        }
        """, UnobservedTaskCodeFix.MakeMethodAsyncKey);

    [Fact]
    public Task Fix_MakeAsync_InterfaceImplementation_NotOffered() => VerifyNotOffered("""
        interface IWorker
        {
            void Work();
        }

        class C : IWorker
        {
            public void Work()
            {
                [|Api.SendAsync()|];
            }
        }
        """, UnobservedTaskCodeFix.MakeMethodAsyncKey);
}
