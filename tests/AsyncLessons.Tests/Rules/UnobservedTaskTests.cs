using System.Text.RegularExpressions;
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
}
