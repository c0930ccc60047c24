using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public class UnobservedTaskTests
{
    /// <summary>A class with the awaitables the scenarios drop; appended to each source.</summary>
    private const string Api = """

        static class Api
        {
            public static System.Threading.Tasks.Task SendAsync() => System.Threading.Tasks.Task.CompletedTask;
            public static System.Threading.Tasks.Task<int> CountAsync() => System.Threading.Tasks.Task.FromResult(1);
            public static System.Threading.Tasks.ValueTask FlushAsync() => default;
            public static System.Threading.Tasks.ValueTask<int> PeekAsync() => default;
        }
        """;

    private static Task VerifyAnalyzer(string source, params DiagnosticResult[] expected) =>
        Verify.Analyzer<UnobservedTaskAnalyzer>(source + Api, expected);

    /// <summary>Checks analyzer and compiler warnings together, so that CS4014 can be listed in the markup.</summary>
    private static Task VerifyWithCompiler(string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.AnalyzerTest<UnobservedTaskAnalyzer>
        {
            TestCode = source + Api,
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        };
        test.DisabledDiagnostics.Add("CS1998"); // async without await: beside the point here
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static Task VerifyFix(string source, string fixedSource, string equivalenceKey, CompilerDiagnostics compilerDiagnostics = CompilerDiagnostics.Errors)
    {
        var test = new Verify.CodeFixTest<UnobservedTaskAnalyzer, UnobservedTaskCodeFix>
        {
            TestCode = source + Api,
            FixedCode = fixedSource + Api,
            CodeActionEquivalenceKey = equivalenceKey,
            CompilerDiagnostics = compilerDiagnostics,
        };
        test.DisabledDiagnostics.Add("CS1998");
        return test.RunAsync();
    }

    /// <summary>
    /// Asserts that where the task cannot be awaited, the recommended fix discards it: every marked task becomes
    /// <c>_ = task</c> (a marked unused local <c>var [|t|] = task;</c> becomes <c>_ = task;</c>). Await is not offered, since
    /// the recommended key would then await.
    /// </summary>
    private static Task VerifyRecommendedDiscards(string source, CompilerDiagnostics compilerDiagnostics = CompilerDiagnostics.Errors)
    {
        var fixedSource = Regex.Replace(source, @"var \[\|\w+\|\] = ", "_ = ");
        fixedSource = Regex.Replace(fixedSource, @"(?:\[\||\{\|\w+:)(.*?)\|[\]}]", "_ = $1");
        return VerifyFix(source, fixedSource, UnobservedTaskCodeFix.RecommendedKey, compilerDiagnostics);
    }

    /// <summary>Asserts that the fix named by <paramref name="equivalenceKey"/> is not offered (the code stays as it is).</summary>
    private static Task VerifyNotOffered(string source, string equivalenceKey, CompilerDiagnostics compilerDiagnostics = CompilerDiagnostics.Errors)
    {
        var test = new Verify.CodeFixTest<UnobservedTaskAnalyzer, UnobservedTaskCodeFix>
        {
            TestCode = source + Api,
            FixedCode = source + Api,
            CodeActionEquivalenceKey = equivalenceKey,
            CompilerDiagnostics = compilerDiagnostics,
        };
        test.DisabledDiagnostics.Add("CS1998");
        return test.RunAsync();
    }

    private static DiagnosticResult Diagnostic(int location) => Verify.Diagnostic(UnobservedTaskAnalyzer.Rule).WithLocation(location);

    private static Task VerifyTopLevel(string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.AnalyzerTest<UnobservedTaskAnalyzer> { TestCode = source + Api, CompilerDiagnostics = CompilerDiagnostics.Warnings };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static Task VerifyWithOptions(string source, string editorConfig, params DiagnosticResult[] expected)
    {
        var test = new Verify.AnalyzerTest<UnobservedTaskAnalyzer> { TestCode = source + Api };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorConfig + "\n"));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    // ---- Where it fires: synchronous code, which CS4014 does not look at ----------------------------------------

    [Fact]
    public Task DroppedTask_InSyncMethod_DiagnosticWithMessage() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            void M()
            {
                {|#0:Api.SendAsync()|};
            }
        }
        """,
        Diagnostic(0).WithArguments("The Task returned by 'SendAsync'"));

    [Fact]
    public Task DroppedTaskOfT_InSyncMethod_Diagnostic() => VerifyAnalyzer("""
        class C
        {
            void M()
            {
                {|#0:Api.CountAsync()|};
            }
        }
        """,
        Diagnostic(0).WithArguments("The Task<int> returned by 'CountAsync'"));

    [Fact]
    public Task DroppedValueTask_InSyncMethod_Diagnostic() => VerifyAnalyzer("""
        class C
        {
            void M()
            {
                [|Api.FlushAsync()|];
            }
        }
        """);

    [Fact]
    public Task DroppedValueTaskOfT_InSyncMethod_Diagnostic() => VerifyAnalyzer("""
        class C
        {
            void M()
            {
                [|Api.PeekAsync()|];
            }
        }
        """);

    [Fact]
    public Task DroppedTask_InConstructor_Diagnostic() => VerifyAnalyzer("""
        class C
        {
            C()
            {
                [|Api.SendAsync()|];
            }
        }
        """);

    [Fact]
    public Task DroppedTask_InPropertyAccessors_Diagnostic() => VerifyAnalyzer("""
        class C
        {
            int P
            {
                get { [|Api.SendAsync()|]; return 1; }
                set => [|Api.SendAsync()|];
            }
        }
        """);

    [Fact]
    public Task DroppedTask_InEventAccessors_Diagnostic() => VerifyAnalyzer("""
        using System;

        class C
        {
            event EventHandler E
            {
                add => [|Api.SendAsync()|];
                remove { [|Api.SendAsync()|]; }
            }
        }
        """);

    [Fact]
    public Task DroppedTask_InExpressionBodiedVoidMethod_Diagnostic() => VerifyAnalyzer("""
        class C
        {
            void M() => [|Api.SendAsync()|];
        }
        """);

    [Fact]
    public Task DroppedTask_InSyncLocalFunction_Diagnostic() => VerifyAnalyzer("""
        class C
        {
            void M()
            {
                Local();

                void Local()
                {
                    [|Api.SendAsync()|];
                }
            }
        }
        """);

    [Fact]
    public Task DroppedTask_InSyncLocalFunctionOfAsyncMethod_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                await Task.Yield();
                Local();

                void Local() => [|Api.SendAsync()|];
            }
        }
        """);

    [Fact]
    public Task DroppedTask_InSyncBlockLambda_Diagnostic() => VerifyAnalyzer("""
        using System;

        class C
        {
            Action A = () =>
            {
                [|Api.SendAsync()|];
            };
        }
        """);

    [Fact]
    public Task DroppedTask_InSyncAnonymousMethod_Diagnostic() => VerifyAnalyzer("""
        using System;

        class C
        {
            Action A = delegate { [|Api.SendAsync()|]; };
        }
        """);

    [Fact]
    public Task VoidLambdaExpressionBody_ThrowsTaskAway_Diagnostic() => VerifyAnalyzer("""
        using System;

        class C
        {
            void M()
            {
                Action send = () => [|Api.SendAsync()|];
                send();
            }
        }
        """);

    [Fact]
    public Task VoidLambdaPassedToListForEach_Diagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            static Task SaveAsync(int item) => Task.CompletedTask;

            async Task M(List<int> items)
            {
                items.ForEach(item => [|SaveAsync(item)|]);
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task TaskRun_InSyncMethod_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            void M()
            {
                [|Task.Run(() => { })|];
            }
        }
        """);

    [Fact]
    public Task TaskFactoryStartNew_InSyncMethod_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            void M()
            {
                [|Task.Factory.StartNew(() => 1)|];
            }
        }
        """);

    [Fact]
    public Task ContinueWithChain_InSyncMethod_DiagnosticOnTheWholeChain() => VerifyAnalyzer("""
        using System;

        class C
        {
            void M()
            {
                {|#0:Api.CountAsync().ContinueWith(t => Console.WriteLine(t.Result))|};
            }
        }
        """,
        Diagnostic(0).WithArguments("The Task returned by 'ContinueWith'"));

    [Fact]
    public Task ConfigureAwaitDropped_InSyncMethod_Diagnostic() => VerifyAnalyzer("""
        class C
        {
            void M()
            {
                [|Api.SendAsync().ConfigureAwait(false)|];
            }
        }
        """);

    [Fact]
    public Task DelegateInvocation_InSyncMethod_Diagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            void M(Func<Task> work)
            {
                [|work()|];
            }
        }
        """);

    [Fact]
    public Task CustomAwaitable_InSyncMethod_Diagnostic() => VerifyAnalyzer("""
        using System;
        using System.Runtime.CompilerServices;

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

            void M()
            {
                [|Schedule()|];
            }
        }
        """);

    [Fact]
    public Task AwaitableThroughExtensionGetAwaiter_InSyncMethod_Diagnostic() => VerifyAnalyzer("""
        using System;
        using System.Runtime.CompilerServices;
        using System.Threading.Tasks;

        sealed class Job
        {
            public Task Completion => Task.CompletedTask;
        }

        static class JobExtensions
        {
            public static TaskAwaiter GetAwaiter(this Job job) => job.Completion.GetAwaiter();
        }

        class C
        {
            static Job Schedule() => new Job();

            void M()
            {
                [|Schedule()|];
            }
        }
        """);

    // The extension GetAwaiter in scope differs between namespace blocks of one file: each block gets its own answer.
    [Fact]
    public Task ExtensionGetAwaiter_ImportedInFirstNamespaceBlockOnly_DiagnosticOnlyThere() => VerifyAnalyzer("""
        sealed class Job
        {
            public System.Threading.Tasks.Task Completion => System.Threading.Tasks.Task.CompletedTask;
        }

        namespace Jobs.Awaiting
        {
            using System.Runtime.CompilerServices;

            static class JobExtensions
            {
                public static TaskAwaiter GetAwaiter(this Job job) => job.Completion.GetAwaiter();
            }
        }

        namespace Importing
        {
            using Jobs.Awaiting;

            class C
            {
                static Job Schedule() => new Job();

                void M()
                {
                    [|Schedule()|];
                }
            }
        }

        namespace NotImporting
        {
            class D
            {
                static Job Schedule() => new Job();

                void M()
                {
                    Schedule();
                }
            }
        }
        """);

    [Fact]
    public Task ExtensionGetAwaiter_ImportedInSecondNamespaceBlockOnly_DiagnosticOnlyThere() => VerifyAnalyzer("""
        sealed class Job
        {
            public System.Threading.Tasks.Task Completion => System.Threading.Tasks.Task.CompletedTask;
        }

        namespace Jobs.Awaiting
        {
            using System.Runtime.CompilerServices;

            static class JobExtensions
            {
                public static TaskAwaiter GetAwaiter(this Job job) => job.Completion.GetAwaiter();
            }
        }

        namespace NotImporting
        {
            class D
            {
                static Job Schedule() => new Job();

                void M()
                {
                    Schedule();
                }
            }
        }

        namespace Importing
        {
            using Jobs.Awaiting;

            class C
            {
                static Job Schedule() => new Job();

                void M()
                {
                    [|Schedule()|];
                }
            }
        }
        """);

    [Fact]
    public Task ExtensionGetAwaiter_DeclaredInOneNamespaceBlock_DiagnosticOnlyInThatNamespace() => VerifyAnalyzer("""
        sealed class Job
        {
            public System.Threading.Tasks.Task Completion => System.Threading.Tasks.Task.CompletedTask;
        }

        namespace Other
        {
            class D
            {
                static Job Schedule() => new Job();

                void M()
                {
                    Schedule();
                }
            }
        }

        namespace Jobs
        {
            static class JobExtensions
            {
                public static System.Runtime.CompilerServices.TaskAwaiter GetAwaiter(this Job job) => job.Completion.GetAwaiter();
            }

            class C
            {
                static Job Schedule() => new Job();

                void M()
                {
                    [|Schedule()|];
                }
            }
        }
        """);

    [Fact]
    public Task ExtensionGetAwaiter_ImportedInOuterNamespaceBlock_DiagnosticInNestedBlock() => VerifyAnalyzer("""
        sealed class Job
        {
            public System.Threading.Tasks.Task Completion => System.Threading.Tasks.Task.CompletedTask;
        }

        namespace Jobs.Awaiting
        {
            using System.Runtime.CompilerServices;

            static class JobExtensions
            {
                public static TaskAwaiter GetAwaiter(this Job job) => job.Completion.GetAwaiter();
            }
        }

        namespace NotImporting
        {
            class D
            {
                static Job Schedule() => new Job();

                void M()
                {
                    Schedule();
                }
            }
        }

        namespace Outer
        {
            using Jobs.Awaiting;

            namespace Inner
            {
                class C
                {
                    static Job Schedule() => new Job();

                    void M()
                    {
                        [|Schedule()|];
                    }
                }
            }
        }
        """);

    [Fact]
    public Task ExtensionMethodReturningTask_InSyncMethod_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        static class Extensions
        {
            public static Task SaveAsync(this string text) => Task.CompletedTask;
        }

        class C
        {
            void M()
            {
                [|"text".SaveAsync()|];
            }
        }
        """);

    [Fact]
    public Task GenericMethodReturningItsTypeArgument_StillDiagnostic() => VerifyAnalyzer("""
        using System;

        static class Retry
        {
            public static T Execute<T>(Func<T> action) => action();
        }

        class C
        {
            void M()
            {
                [|Retry.Execute(() => Api.SendAsync())|];
            }
        }
        """);

    [Fact]
    public Task ForLoopInitializer_InSyncMethod_Diagnostic() => VerifyAnalyzer("""
        class C
        {
            void M()
            {
                for ([|Api.SendAsync()|]; ;)
                {
                    break;
                }
            }
        }
        """);

    [Fact]
    public Task DroppedTask_InIndexerAndOperator_Diagnostic() => VerifyAnalyzer("""
        class C
        {
            int this[int i]
            {
                get { [|Api.SendAsync()|]; return i; }
            }

            public static C operator +(C a, C b)
            {
                [|Api.SendAsync()|];
                return a;
            }
        }
        """);

    [Fact]
    public Task AsyncLambdaInUnsafeBlock_DiagnosticAndNoCS4014()
    {
        var test = new Verify.AnalyzerTest<UnobservedTaskAnalyzer>
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    void M()
                    {
                        unsafe
                        {
                            Func<Task> f = async () => { {|AL0003:Api.SendAsync()|}; };
                        }
                    }
                }
                """ + Api,
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        };
        test.DisabledDiagnostics.Add("CS1998");
        test.SolutionTransforms.Add((solution, projectId) =>
            solution.WithProjectCompilationOptions(
                projectId,
                ((Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!).WithAllowUnsafe(true)));
        return test.RunAsync();
    }

    [Fact]
    public Task ForLoopIncrementor_InSyncMethod_Diagnostic() => VerifyAnalyzer("""
        class C
        {
            void M()
            {
                for (var i = 0; i < 3; [|Api.SendAsync()|], i++)
                {
                }
            }
        }
        """);

    [Fact]
    public Task NewTask_InSyncMethod_DiagnosticOnTheCreation() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            void M()
            {
                {|#0:new Task(() => { })|};
            }
        }
        """,
        Diagnostic(0).WithArguments("The Task created here"));

    [Fact]
    public Task StaticFieldInitializerLambda_Diagnostic() => VerifyAnalyzer("""
        using System;

        class C
        {
            static readonly Action Warmup = () => [|Api.SendAsync()|];
        }
        """);

    [Fact]
    public Task TopLevelStatements_SyncLambda_DiagnosticButTheStatementItselfIsCS4014() => VerifyTopLevel("""
        using System;

        {|CS4014:Api.SendAsync()|};
        Action send = () => [|Api.SendAsync()|];
        send();
        """);

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

    // ---- Unused locals -------------------------------------------------------------------------------------------

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

    // ---- Where it stays silent -----------------------------------------------------------------------------------

    [Theory]
    [InlineData("_ = Api.SendAsync();")]
    [InlineData("_ = Task.Run(() => { });")]
    [InlineData("_field = Api.SendAsync();")]
    [InlineData("Pending = Api.SendAsync();")]
    [InlineData("Keep(Api.SendAsync());")]
    [InlineData("var all = new[] { Api.SendAsync(), Api.SendAsync() }; Keep(all[0]);")]
    [InlineData("_list.Add(Api.SendAsync());")]
    [InlineData("Task.WhenAll(Api.SendAsync(), Api.SendAsync()).Wait();")]
    [InlineData("Api.SendAsync().Wait();")]
    [InlineData("Api.SendAsync().GetAwaiter().GetResult();")]
    [InlineData("Console.WriteLine(Api.CountAsync().Result);")]
    [InlineData("Console.WriteLine(\"not a task\");")]
    [InlineData("new object();")]
    [InlineData("Dyn.SendAsync();")]
    [InlineData("Func<Task> f = () => Api.SendAsync(); Keep(f());")]
    [InlineData("Expression<Action> e = () => Api.SendAsync();")]
    [InlineData("System.Threading.Interlocked.Exchange(ref _field, null);")]
    [InlineData("var old = System.Threading.Interlocked.Exchange(ref _field, Api.SendAsync());")]
    [InlineData("_cache.GetOrAdd(1, key => Api.SendAsync());")]
    [InlineData("_stack.Pop();")]
    [InlineData("GetArray();")]
    [InlineData("GetTuple();")]
    [InlineData("_list.Remove(_list[0]);")]
    public Task NotDropped_InSyncMethod_NoDiagnostic(string body) => VerifyAnalyzer($$"""
        using System;
        using System.Collections.Generic;
        using System.Linq.Expressions;
        using System.Threading.Tasks;

        class C
        {
            private Task? _field;
            private readonly List<Task> _list = new();
            private dynamic Dyn = new object();
            private readonly System.Collections.Concurrent.ConcurrentDictionary<int, Task> _cache = new();
            private readonly Stack<Task> _stack = new();

            Task? Pending { get; set; }

            static void Keep(Task task) { }

            static Task[] GetArray() => new Task[0];

            static (Task, int) GetTuple() => (Task.CompletedTask, 1);

            void M()
            {
                {{body}}
            }
        }
        """);

    [Fact]
    public Task NSubstituteReceivedCheck_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        namespace NSubstitute
        {
            public static class SubstituteExtensions
            {
                public static T Received<T>(this T substitute) where T : class => substitute;
                public static T DidNotReceive<T>(this T substitute) where T : class => substitute;
            }
        }

        public interface IClient
        {
            Task SendAsync();
        }

        class Tests
        {
            void Sends(IClient client)
            {
                NSubstitute.SubstituteExtensions.Received(client).SendAsync();
                NSubstitute.SubstituteExtensions.DidNotReceive(client).SendAsync();
            }
        }
        """);

    [Fact]
    public Task NSubstituteReceivedInOrder_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        namespace NSubstitute
        {
            public static class Received
            {
                public static void InOrder(Action calls) => calls();
            }
        }

        public interface IClient
        {
            Task OpenAsync();
            Task SendAsync();
        }

        class Tests
        {
            void OpensThenSends(IClient client)
            {
                NSubstitute.Received.InOrder(() =>
                {
                    client.OpenAsync();
                    client.SendAsync();
                });
            }
        }
        """);

    // Only NSubstitute's InOrder records calls: the same lambda given to any other method runs them.
    [Fact]
    public Task LambdaGivenToOtherMethodNamedInOrder_Diagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        static class Received
        {
            public static void InOrder(Action calls) => calls();
        }

        public interface IClient
        {
            Task SendAsync();
        }

        class Tests
        {
            void Sends(IClient client)
            {
                Received.InOrder(() =>
                {
                    [|client.SendAsync()|];
                });
            }
        }
        """);

    [Fact]
    public Task ReturnedTask_FromExpressionBodiedMethodAndLambda_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            Task M() => Api.SendAsync();

            Func<Task> F = () => Api.SendAsync();
        }
        """);

    [Fact]
    public Task DroppedTask_InGeneratedCode_NoDiagnostic() => VerifyAnalyzer("""
        // <auto-generated/>
        class C
        {
            void M()
            {
                Api.SendAsync();
            }
        }
        """);

    [Fact]
    public Task TypeWithIncompleteAwaitablePattern_NoDiagnostic() => VerifyAnalyzer("""
        sealed class NotAwaitable
        {
            public Awaiter GetAwaiter() => new Awaiter();

            public sealed class Awaiter
            {
                public bool IsCompleted => true;
                public void GetResult() { }
            }
        }

        class C
        {
            static NotAwaitable Make() => new NotAwaitable();

            void M()
            {
                Make();
            }
        }
        """);

    // ---- Configuration -------------------------------------------------------------------------------------------

    [Fact]
    public Task IgnoredMethods_TypeAndMethodName_NoDiagnostic() => VerifyWithOptions("""
        class C
        {
            void M()
            {
                Api.SendAsync();
                [|Api.CountAsync()|];
            }
        }
        """, "async_lessons.AL0003.ignored_methods = Api.SendAsync");

    [Fact]
    public Task IgnoredMethods_DocumentationCommentId_MatchesThatOverloadOnly() => VerifyWithOptions("""
        using System.Threading.Tasks;

        namespace Telemetry
        {
            static class Tracker
            {
                public static Task Send(string name) => Task.CompletedTask;
                public static Task Send(int id) => Task.CompletedTask;
            }
        }

        class C
        {
            void M()
            {
                Telemetry.Tracker.Send("start");
                [|Telemetry.Tracker.Send(1)|];
            }
        }
        """, "async_lessons.AL0003.ignored_methods = M:Telemetry.Tracker.Send(System.String)");

    [Fact]
    public Task IgnoredMethods_SeveralEntriesAndExtensionMethod_NoDiagnostic() => VerifyWithOptions("""
        using System.Threading.Tasks;
        using Logging;

        namespace Logging
        {
            static class LogExtensions
            {
                public static Task FlushLaterAsync(this string text) => Task.CompletedTask;
            }
        }

        class C
        {
            void M()
            {
                "x".FlushLaterAsync();
                Api.SendAsync();
                Task.Run(() => { });
            }
        }
        """, "async_lessons.AL0003.ignored_methods = Logging.LogExtensions.FlushLaterAsync, Api.SendAsync,System.Threading.Tasks.Task.Run");

    [Fact]
    public Task IgnoredTypes_GenericTypeByName_NoDiagnostic() => VerifyWithOptions("""
        using System.Threading.Tasks;

        class C
        {
            void M()
            {
                Api.CountAsync();
                Api.PeekAsync();
                [|Api.SendAsync()|];
            }
        }
        """, "async_lessons.AL0003.ignored_types = System.Threading.Tasks.Task<TResult>, T:System.Threading.Tasks.ValueTask`1");

    [Fact]
    public Task IgnoredTypes_AppliesToUnusedLocals() => VerifyWithOptions("""
        class C
        {
            void M()
            {
                var pending = Api.FlushAsync();
            }
        }
        """, "async_lessons.AL0003.ignored_types = System.Threading.Tasks.ValueTask");

    [Fact]
    public Task UnknownNamesInOptions_AreIgnored() => VerifyWithOptions("""
        class C
        {
            void M()
            {
                [|Api.SendAsync()|];
            }
        }
        """, "async_lessons.AL0003.ignored_methods = , No.Such.Method, M:Nope(, Api\nasync_lessons.AL0003.ignored_types = Missing.Type<,>");

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

    // ---- Params collections: from C# 13 on .NET 9+, Task.WhenAll(a, b) binds to params ReadOnlySpan<Task> (the
    // ---- verifiers parse as the newest C#); the tasks listed there are used, and a dropped WhenAll is still dropped.

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

    // ---- Idioms of real libraries in which dropping the task is the point ---------------------------------------

    [Theory]
    [InlineData("TaskContinuationOptions.OnlyOnFaulted")]
    [InlineData("TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously")]
    public Task FaultObserverContinuation_NoDiagnostic(string options) => VerifyAnalyzer($$"""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            void M(Task task)
            {
                task.ContinueWith(t => Console.WriteLine(t.Exception), {{options}});
                task.ContinueWith(t => _ = t.Exception, CancellationToken.None, {{options}}, TaskScheduler.Default);
                Task? maybe = task;
                maybe?.ContinueWith(t => Console.WriteLine(t.Exception), {{options}});
            }
        }
        """);

    [Fact]
    public Task ContinuationThatRunsOnSuccess_Diagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            void M(Task task)
            {
                [|task.ContinueWith(t => Console.WriteLine("done"), TaskContinuationOptions.OnlyOnRanToCompletion)|];
            }
        }
        """);

    [Fact]
    public Task HelperThatHandsTheTaskOn_NoDiagnostic_OneThatMakesANewTask_Diagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        static class TaskExtensions
        {
            public static Task ObserveErrors(this Task task)
            {
                task.ContinueWith(t => Console.WriteLine(t.Exception), TaskContinuationOptions.OnlyOnFaulted);
                return task;
            }

            public static Task Forget(this Task task) => task;

            public static Task WithTimeout(this Task task, int milliseconds) => Task.WhenAny(task, Task.Delay(milliseconds));
        }

        class C
        {
            void M()
            {
                Api.SendAsync().ObserveErrors();
                Api.SendAsync().Forget();
                [|Api.SendAsync().WithTimeout(100)|];
            }
        }
        """);

    [Fact]
    public Task ContinuationThatOnlyTrySetsACompletionSource_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            void M(Task<int> task, TaskCompletionSource<int> tcs)
            {
                task.ContinueWith(t =>
                {
                    if (t.IsFaulted)
                    {
                        tcs.TrySetException(t.Exception!.InnerExceptions);
                    }
                    else
                    {
                        tcs.TrySetResult(t.Result);
                    }
                });
                [|task.ContinueWith(t => tcs.SetResult(t.Result))|];
            }
        }
        """);

    [Fact]
    public Task ExplicitFireAndForgetFlags_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        [Flags]
        enum CommandFlags
        {
            None = 0,
            HighPriority = 1,
            FireAndForget = 2,
        }

        class Database
        {
            public Task<bool> StringSetAsync(string key, string value, CommandFlags flags = CommandFlags.None) => Task.FromResult(true);
            public Task PublishAsync(string channel, bool fireAndForget = false) => Task.CompletedTask;
        }

        class C
        {
            void M(Database db)
            {
                db.StringSetAsync("k", "v", CommandFlags.FireAndForget);
                db.StringSetAsync("k", "v", flags: CommandFlags.FireAndForget | CommandFlags.HighPriority);
                db.PublishAsync("news", fireAndForget: true);
                [|db.StringSetAsync("k", "v", CommandFlags.HighPriority)|];
                [|db.PublishAsync("news", fireAndForget: false)|];
            }
        }
        """);

    [Fact]
    public Task ContinuationScheduledByAnAwaiter_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Runtime.CompilerServices;
        using System.Threading.Tasks;

        readonly struct ThreadPoolAwaiter : ICriticalNotifyCompletion
        {
            public bool IsCompleted => false;
            public void GetResult() { }
            public void OnCompleted(Action continuation) => Task.Run(continuation);
            public void UnsafeOnCompleted(Action continuation)
            {
                Task.Run(continuation);
            }
        }

        class NotAnAwaiter
        {
            public void OnCompleted(Action continuation) => [|Task.Run(continuation)|];
        }
        """);

    [Fact]
    public Task UnderPragmaDisablingCS4014_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            void M()
            {
        #pragma warning disable CS4014 // fire and forget: the sender retries on its own
                Api.SendAsync();
                Task.Run(() => Api.SendAsync());
        #pragma warning restore CS4014
                [|Api.SendAsync()|];
        #pragma warning disable 4014
                Api.SendAsync();
        #pragma warning restore 4014
            }
        }
        """);
}
