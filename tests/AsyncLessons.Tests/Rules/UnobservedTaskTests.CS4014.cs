using System.Threading.Tasks;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class UnobservedTaskTests
{
    // ---- Where it fires: async code where CS4014 is silent ------------------------------------------------------

    [Fact]
    public Task ConditionalAccessCall_InAsyncMethod_DiagnosticAndNoCS4014() => VerifyWithCompiler(
        """
        #nullable enable
        using System.Threading.Tasks;

        class Client
        {
            public Task SendAsync() => Task.CompletedTask;
        }

        class C
        {
            async Task M(Client? client)
            {
                await Task.Yield();
                {|#0:client?.SendAsync()|};
            }
        }
        """,
        Diagnostic(0).WithArguments("The Task returned by 'SendAsync'"));

    [Fact]
    public Task ConditionalAccessValueTask_InAsyncMethod_Diagnostic() => VerifyAnalyzer("""
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
    public Task NewCustomAwaitable_InAsyncMethod_DiagnosticAndNoCS4014() => VerifyWithCompiler("""
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
                {|AL0003:new Pause()|};
            }
        }
        """);

    [Fact]
    public Task DroppedTask_InLockOfAsyncMethod_DiagnosticAndNoCS4014() => VerifyWithCompiler("""
        using System.Threading.Tasks;

        class C
        {
            private readonly object _gate = new();

            async Task M()
            {
                await Task.Yield();
                lock (_gate)
                {
                    {|AL0003:Api.SendAsync()|};
                }
            }
        }
        """);

    [Fact]
    public Task DroppedTask_InUnsafeBlockOfAsyncMethod_DiagnosticAndNoCS4014()
    {
        var test = new Verify.AnalyzerTest<UnobservedTaskAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        await Task.Yield();
                        unsafe
                        {
                            {|AL0003:Api.SendAsync()|};
                        }
                    }
                }
                """ + Api,
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        };
        test.SolutionTransforms.Add((solution, projectId) =>
            solution.WithProjectCompilationOptions(
                projectId,
                ((Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!).WithAllowUnsafe(true)));
        return test.RunAsync();
    }

    // ---- Exactly where CS4014 fires: AL0003 stays silent there (no double report) ------------------------------

    [Theory]
    [InlineData("await Task.Yield(); {|CS4014:Api.SendAsync()|};")]
    [InlineData("await Task.Yield(); {|CS4014:Api.CountAsync()|};")]
    [InlineData("await Task.Yield(); {|CS4014:Api.FlushAsync()|};")]
    [InlineData("await Task.Yield(); {|CS4014:Api.PeekAsync()|};")]
    [InlineData("await Task.Yield(); {|CS4014:Task.Run(() => { })|};")]
    [InlineData("await Task.Yield(); {|CS4014:Task.Factory.StartNew(() => { })|};")]
    [InlineData("await Task.Yield(); {|CS4014:Api.SendAsync().ContinueWith(t => { })|};")]
    [InlineData("await Task.Yield(); {|CS4014:Api.SendAsync().ConfigureAwait(false)|};")]
    [InlineData("await Task.Yield(); Func<Task> f = () => Task.CompletedTask; {|CS4014:f()|};")]
    [InlineData("await Task.Yield(); try { } catch { {|CS4014:Api.SendAsync()|}; }")]
    [InlineData("await Task.Yield(); try { } finally { {|CS4014:Api.SendAsync()|}; }")]
    [InlineData("await Task.Yield(); for ({|CS4014:Api.SendAsync()|}; false;) { }")]
    [InlineData("await Task.Yield(); if (DateTime.Now.Ticks > 0) {|CS4014:Api.SendAsync()|};")]
    [InlineData("Func<Task> f = async () => {|CS4014:Api.SendAsync()|}; await f();")]
    [InlineData("Func<Task> f = async () => { await Task.Yield(); {|CS4014:Api.SendAsync()|}; }; await f();")]
    [InlineData("Func<Task> f = async delegate { await Task.Yield(); {|CS4014:Api.SendAsync()|}; }; await f();")]
    [InlineData("await Local(); async Task Local() { await Task.Yield(); {|CS4014:Api.SendAsync()|}; }")]
    [InlineData("await Task.Yield(); lock (this) { Func<Task> f = async () => { await Task.Yield(); {|CS4014:Api.SendAsync()|}; }; }")]
    [InlineData("await Task.Yield(); try { } catch (Exception) when (Check(async () => { await Task.Yield(); {|CS4014:Api.SendAsync()|}; })) { }")]
    [InlineData("await Task.Yield(); {|CS4014:SourceAsync()|};")]
    [InlineData("await Task.Yield(); lock (this) { {|CS4014:SourceAsync()|}; }")]
    [InlineData("await Task.Yield(); Action a = () => {|CS4014:SourceAsync()|}; a();")]
    public Task CompilerReportsCS4014_NoAL0003(string body) => VerifyWithCompiler($$"""
        using System;
        using System.Threading.Tasks;

        class C
        {
            static async Task SourceAsync() => await Task.Yield();

            static bool Check(Func<Task> check) => check is not null;

            async Task M()
            {
                {{body}}
            }
        }
        """);

    [Fact]
    public Task SourceAsyncMethod_CalledFromSyncMethod_OnlyCS4014() => VerifyWithCompiler("""
        using System.Threading.Tasks;

        class C
        {
            static async Task SourceAsync() => await Task.Yield();

            void M()
            {
                {|CS4014:SourceAsync()|};
            }
        }
        """);

    [Fact]
    public Task AsyncLocalFunction_CalledFromSyncLambda_OnlyCS4014() => VerifyWithCompiler("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            void M()
            {
                Action a = () => {|CS4014:Local()|};
                a();

                async Task Local() => await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task AsyncVoidMethod_OnlyCS4014() => VerifyWithCompiler("""
        using System.Threading.Tasks;

        class C
        {
            async void M()
            {
                await Task.Yield();
                {|CS4014:Api.SendAsync()|};
            }
        }
        """);

    [Fact]
    public Task AsyncIterator_OnlyCS4014() => VerifyWithCompiler("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async IAsyncEnumerable<int> M()
            {
                {|CS4014:Api.SendAsync()|};
                await Task.Yield();
                yield return 1;
            }
        }
        """);

    [Fact]
    public Task TopLevelStatementsWithoutAwait_OnlyCS4014() => VerifyTopLevel("""
        {|CS4014:Api.SendAsync()|};
        """);

    [Fact]
    public Task CustomAwaitable_InAsyncMethod_OnlyCS4014() => VerifyWithCompiler("""
        using System;
        using System.Runtime.CompilerServices;
        using System.Threading.Tasks;

        sealed class Job
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
            static Job Schedule() => new Job();

            async Task M()
            {
                await Task.Yield();
                {|CS4014:Schedule()|};
            }
        }
        """);
}
