using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public class AsyncVoidTests
{
    private static Task VerifyAnalyzer(string source, params DiagnosticResult[] expected) =>
        Verify.Analyzer<AsyncVoidAnalyzer>(source, expected);

    private static Task VerifyFix(string source, string fixedSource) =>
        Verify.CodeFix<AsyncVoidAnalyzer, AsyncVoidCodeFix>(source, fixedSource);

    private static Task VerifyNoFix(string source) =>
        Verify.CodeFix<AsyncVoidAnalyzer, AsyncVoidCodeFix>(source, source);

    private static DiagnosticResult Method(int location, string name) =>
        Verify.Diagnostic(AsyncVoidAnalyzer.MethodRule).WithLocation(location).WithArguments(name);

    private static DiagnosticResult Lambda(int location, string delegateType) =>
        Verify.Diagnostic(AsyncVoidAnalyzer.LambdaRule).WithLocation(location).WithArguments(delegateType);

    // ---- async void methods and local functions: where it fires ----------------------------------------------------

    [Fact]
    public Task AsyncVoidMethod_DiagnosticOnTheName() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async void {|#0:Save|}()
            {
                await Task.Delay(1);
            }
        }
        """,
        Method(0, "Save"));

    [Fact]
    public Task AsyncVoidStaticMethodWithParameters_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        static class C
        {
            public static async void {|#0:Send|}(string message, int retries) => await Task.Delay(retries);
        }
        """,
        Method(0, "Send"));

    [Fact]
    public Task AsyncVoidMethodWithOneEventArgsParameter_Diagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async void {|#0:M|}(EventArgs e) => await Task.Delay(1);
        }
        """,
        Method(0, "M"));

    [Fact]
    public Task AsyncVoidMethodWithObjectAndString_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async void {|#0:M|}(object sender, string e) => await Task.Delay(1);
        }
        """,
        Method(0, "M"));

    [Fact]
    public Task AsyncVoidVirtualMethod_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            protected virtual async void {|#0:OnStart|}() => await Task.Delay(1);
        }
        """,
        Method(0, "OnStart"));

    [Fact]
    public Task AsyncVoidLocalFunction_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            void M()
            {
                Run();

                async void {|#0:Run|}() => await Task.Delay(1);
            }
        }
        """,
        Method(0, "Run"));

    [Fact]
    public Task AsyncVoidStaticLocalFunctionInTopLevelStatements_Diagnostic()
    {
        var test = new Verify.AnalyzerTest<AsyncVoidAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;

                Run();

                static async void {|#0:Run|}() => await Task.Delay(1);
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(Method(0, "Run"));
        return test.RunAsync();
    }

    [Fact]
    public Task AsyncVoidMethodWithoutAwait_Diagnostic() => VerifyAnalyzer("""
        class C
        {
            async void {|#0:M|}() { }
        }
        """,
        Method(0, "M"));

    // ---- async void methods: where it stays silent -------------------------------------------------------------------

    [Fact]
    public Task EventHandlerShapedMethod_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async void OnClick(object sender, EventArgs e) => await Task.Delay(1);
        }
        """);

    [Fact]
    public Task EventHandlerWithDerivedArgsAndTypedSender_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.ComponentModel;
        using System.Threading.Tasks;

        class Button { }

        class C
        {
            async void OnChanged(object? sender, PropertyChangedEventArgs e) => await Task.Delay(1);

            async void OnCancel(Button sender, CancelEventArgs e) => await Task.Delay(1);
        }
        """);

    [Fact]
    public Task EventHandlerWithWinRtStyleArgs_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        // WinUI and UWP argument types are projected from WinRT and do not derive from System.EventArgs.
        sealed class RoutedEventArgs { }

        class Page
        {
            async void Button_Click(object sender, RoutedEventArgs e) => await Task.Delay(1);
        }
        """);

    [Fact]
    public Task EventHandlerShapedLocalFunction_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            event EventHandler? Changed;

            void M()
            {
                Changed += OnChanged;

                async void OnChanged(object? sender, EventArgs e) => await Task.Delay(1);
            }
        }
        """);

    [Fact]
    public Task Override_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        abstract class Base
        {
            protected abstract void OnStart();
        }

        class C : Base
        {
            protected override async void OnStart() => await Task.Delay(1);
        }
        """);

    [Fact]
    public Task ImplicitInterfaceImplementation_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        interface IObserver
        {
            void OnNext(int value);
        }

        class C : IObserver
        {
            public async void OnNext(int value) => await Task.Delay(value);
        }
        """);

    [Fact]
    public Task ExplicitInterfaceImplementation_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        interface IObserver
        {
            void OnNext(int value);
        }

        class C : IObserver
        {
            async void IObserver.OnNext(int value) => await Task.Delay(value);
        }
        """);

    [Fact]
    public Task InterfaceImplementedThroughBaseList_OfGenericInterface_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C : IObserver<string>
        {
            public void OnCompleted() { }
            public void OnError(Exception error) { }
            public async void OnNext(string value) => await Task.Delay(value.Length);
        }
        """);

    [Fact]
    public Task PartialMethodImplementation_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        partial class ViewModel
        {
            // As a source generator (e.g. CommunityToolkit.Mvvm) would declare it.
            partial void OnNameChanged(string value);
        }

        partial class ViewModel
        {
            async partial void OnNameChanged(string value) => await Task.Delay(1);
        }
        """);

    [Fact]
    public Task AsyncTaskAndValueTaskMethods_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task A() => await Task.Delay(1);
            async ValueTask B() => await Task.Delay(1);
            async Task<int> D() { await Task.Delay(1); return 1; }
            void E() { }
        }
        """);

    [Fact]
    public Task AsyncVoidInGeneratedCode_NoDiagnostic() => VerifyAnalyzer("""
        // <auto-generated/>
        using System.Threading.Tasks;

        class C
        {
            async void M() => await Task.Delay(1);
        }
        """);

    // ---- async lambdas converted to void-returning delegates: where it fires -----------------------------------------

    [Fact]
    public Task AsyncLambdaToAction_DiagnosticOnTheHeader() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            void M()
            {
                Action a = {|#0:async () =>|} await Task.Delay(1);
            }
        }
        """,
        Lambda(0, "Action"));

    [Fact]
    public Task AsyncSimpleLambdaToActionOfT_Diagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            Action<int> Field = {|#0:async x =>|} await Task.Delay(x);
        }
        """,
        Lambda(0, "Action<int>"));

    [Fact]
    public Task StaticAsyncLambda_Diagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            Action<int> Field = static {|#0:async x =>|} await Task.Delay(x);
        }
        """,
        Lambda(0, "Action<int>"));

    [Fact]
    public Task AsyncAnonymousMethodToAction_Diagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            void M()
            {
                Action<int> a = {|#0:async delegate (int x)|} { await Task.Delay(x); };
                Action b = {|#1:async delegate|} { await Task.Delay(1); };
            }
        }
        """,
        Lambda(0, "Action<int>"),
        Lambda(1, "Action"));

    [Fact]
    public Task ListForEachWithAsyncLambda_InSyncMethod_Diagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            void M(List<string> names)
            {
                names.ForEach({|#0:async name =>|} await SendAsync(name));
            }

            Task SendAsync(string name) => Task.CompletedTask;
        }
        """,
        Lambda(0, "Action<string>"));

    [Fact]
    public Task TimerCallback_Diagnostic() => VerifyAnalyzer("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            Timer Start() => new Timer({|#0:async _ =>|} await Task.Delay(1), null, 0, 1000);
        }
        """,
        Lambda(0, "TimerCallback"));

    [Fact]
    public Task CustomVoidDelegate_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        delegate void Callback(int code);

        class C
        {
            void Register(Callback callback) { }

            void M() => Register({|#0:async code =>|} await Task.Delay(code));
        }
        """,
        Lambda(0, "Callback"));

    [Fact]
    public Task ParallelForEachWithAsyncLambda_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            void M(int[] ids)
            {
                Parallel.ForEach(ids, {|#0:async id =>|} await Task.Delay(id));
            }
        }
        """,
        Lambda(0, "Action<int>"));

    [Fact]
    public Task NewThreadWithAsyncLambda_Diagnostic() => VerifyAnalyzer("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            Thread M() => new Thread({|#0:async () =>|} await Task.Delay(1));
        }
        """,
        Lambda(0, "ThreadStart"));

    [Fact]
    public Task CancellationTokenRegister_Diagnostic() => VerifyAnalyzer("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            void M(CancellationToken token) => token.Register({|#0:async () =>|} await Task.Delay(1));
        }
        """,
        Lambda(0, "Action"));

    [Fact]
    public Task ExplicitDelegateCreation_Diagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            object M() => new Action({|#0:async () =>|} await Task.Delay(1));
        }
        """,
        Lambda(0, "Action"));

    [Fact]
    public Task NestedAsyncLambdaInsideAsyncMethod_Diagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Action<Action> run)
            {
                await Task.Yield();
                run({|#0:async () =>|} await Task.Delay(1));
            }
        }
        """,
        Lambda(0, "Action"));

    // ---- async lambdas: where it stays silent ---------------------------------------------------------------------

    [Fact]
    public Task EventSubscriptionWithAsyncLambda_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class Button
        {
            public event EventHandler? Click;
            public event Action? Pressed;
            public event Action<int>? Moved;
        }

        class C
        {
            void M(Button button)
            {
                button.Click += async (s, e) => await Task.Delay(1);
                button.Pressed += async () => await Task.Delay(1);
                button.Moved += async delegate (int x) { await Task.Delay(x); };
                button.Pressed -= async () => await Task.Delay(1);
            }
        }
        """);

    [Fact]
    public Task FieldLikeEventAssignedInsideItsType_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            event Action? Pressed = async () => await Task.Delay(1);

            void M() => Pressed = async () => await Task.Delay(2);
        }
        """);

    [Fact]
    public Task EventHandlerTypedDelegates_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.ComponentModel;
        using System.Threading.Tasks;

        class C
        {
            void M()
            {
                EventHandler a = async (s, e) => await Task.Delay(1);
                EventHandler<int> b = async (s, e) => await Task.Delay(e);
                PropertyChangedEventHandler c = async (s, e) => await Task.Delay(1);
                var d = new EventHandler(async (s, e) => await Task.Delay(1));
            }
        }
        """);

    [Fact]
    public Task TaskRunWithAsyncLambda_PicksFuncOfTask_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M()
            {
                await Task.Run(async () => await Task.Delay(1));
                await Task.Run(async () => { await Task.Delay(1); return 1; });
                _ = Task.Factory.StartNew(async () => await Task.Delay(1));
            }
        }
        """);

    [Fact]
    public Task OverloadWithActionAndFuncOfTask_PicksFunc_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class Scheduler
        {
            public void Schedule(Action action) { }
            public void Schedule(Func<Task> action) { }
        }

        class C
        {
            void M(Scheduler scheduler) => scheduler.Schedule(async () => await Task.Delay(1));
        }
        """);

    [Fact]
    public Task AsyncLambdaToFuncOfTaskOrNaturalType_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            void M()
            {
                Func<Task> a = async () => await Task.Delay(1);
                Func<int, ValueTask> b = async x => await Task.Delay(x);
                var c = async () => await Task.Delay(1);
                Delegate d = async () => await Task.Delay(1);
            }
        }
        """);

    [Fact]
    public Task SyncLambdaToAction_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            void M(List<int> list)
            {
                Action a = () => Task.Delay(1).Wait();
                list.ForEach(x => Console.WriteLine(x));
            }
        }
        """);

    [Fact]
    public Task MethodGroupOfAsyncTaskMethod_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            void M()
            {
                Func<Task> f = RunAsync;
            }

            async Task RunAsync() => await Task.Delay(1);
        }
        """);

    // ---- Broken and half-typed code -----------------------------------------------------------------------------

    [Fact]
    public Task HalfTypedCode_NoCrash()
    {
        var test = new Verify.AnalyzerTest<AsyncVoidAnalyzer>
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    async void M(
                    void N()
                    {
                        Missing(async () => await Task.Delay(1));
                        Action a = async () =>
                        new List<int>().ForEach(async x =>
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.ExpectedDiagnostics.Add(DiagnosticResult.CompilerWarning("AL0006").WithSpan(6, 16, 6, 17).WithArguments("M"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(AsyncVoidAnalyzer.LambdaRule).WithSpan(10, 20, 10, 31).WithArguments("Action"));
        return test.RunAsync();
    }

    [Fact]
    public Task ErrorTypes_NoDiagnosticNoCrash()
    {
        var test = new Verify.AnalyzerTest<AsyncVoidAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    async Missing M() => await Task.Delay(1);
                    void N(Unknown u) => u.Run(async () => await Task.Delay(1));
                    UnknownDelegate d = async () => await Task.Delay(1);
                    async void OnEvent(object sender, UnknownArgs e) => await Task.Delay(1);
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task WithoutAnyReferences_NoDiagnosticNoCrash()
    {
        var test = new Verify.AnalyzerTest<AsyncVoidAnalyzer>
        {
            TestCode = """
                class C
                {
                    async void M() { }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.TestState.AdditionalReferences.Clear();
        return test.RunAsync();
    }
}
