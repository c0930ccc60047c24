using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class AsyncVoidTests
{
    private static Task VerifyAnalyzer(string source, params DiagnosticResult[] expected) =>
        Verify.Analyzer<AsyncVoidAnalyzer>(source, expected);

    private static Task VerifyFix(string source, string fixedSource) =>
        Verify.CodeFix<AsyncVoidAnalyzer, AsyncVoidCodeFix>(source, fixedSource);

    private static Task VerifyNoFix(string source) =>
        Verify.CodeFix<AsyncVoidAnalyzer, AsyncVoidCodeFix>(source, source);

    private static DiagnosticResult Method(int location, string name, string kind = "method") =>
        Verify.Diagnostic(AsyncVoidAnalyzer.Rule).WithLocation(location).WithArguments($"Async {kind} '{name}'", AsyncVoidAnalyzer.Crashes, "return Task instead");

    private static DiagnosticResult Lambda(int location, string delegateType, string kind = "lambda") =>
        Verify.Diagnostic(AsyncVoidAnalyzer.Rule).WithLocation(location).WithArguments($"This async {kind}, converted to '{delegateType}',", AsyncVoidAnalyzer.Crashes, "pass a function that returns Task");

    // ---- async void methods and local functions: where it fires ----------------------------------------------------

    [Fact]
    public Task AsyncVoidMethod_DiagnosticOnTheName() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async void {|#0:Save|]()
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
            public static async void {|#0:Send|](string message, int retries) => await Task.Delay(retries);
        }
        """,
        Method(0, "Send"));

    [Fact]
    public Task AsyncVoidMethodWithOneEventArgsParameter_Diagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async void {|#0:M|](EventArgs e) => await Task.Delay(1);
        }
        """,
        Method(0, "M"));

    [Fact]
    public Task AsyncVoidMethodWithObjectAndString_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async void {|#0:M|](object sender, string e) => await Task.Delay(1);
        }
        """,
        Method(0, "M"));

    [Fact]
    public Task AsyncVoidVirtualMethod_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            protected virtual async void {|#0:OnStart|]() => await Task.Delay(1);
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

                async void {|#0:Run|]() => await Task.Delay(1);
            }
        }
        """,
        Method(0, "Run", "local function"));

    [Fact]
    public Task AsyncVoidStaticLocalFunctionInTopLevelStatements_Diagnostic()
    {
        var test = new Verify.AnalyzerTest<AsyncVoidAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;

                Run();

                static async void {|#0:Run|]() => await Task.Delay(1);
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(Method(0, "Run", "local function"));
        return test.RunAsync();
    }

    [Fact]
    public Task AsyncVoidMethodWithoutAwait_Diagnostic() => VerifyAnalyzer("""
        class C
        {
            async void {|#0:M|]() { }
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
                Action a = {|#0:async () =>|] await Task.Delay(1);
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
            Action<int> Field = {|#0:async x =>|] await Task.Delay(x);
        }
        """,
        Lambda(0, "Action<int>"));

    [Fact]
    public Task StaticAsyncLambda_Diagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            Action<int> Field = static {|#0:async x =>|] await Task.Delay(x);
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
                Action<int> a = {|#0:async delegate (int x)|] { await Task.Delay(x); };
                Action b = {|#1:async delegate|] { await Task.Delay(1); };
            }
        }
        """,
        Lambda(0, "Action<int>", "anonymous method"),
        Lambda(1, "Action", "anonymous method"));

    [Fact]
    public Task ListForEachWithAsyncLambda_InSyncMethod_Diagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            void M(List<string> names)
            {
                names.ForEach({|#0:async name =>|] await SendAsync(name));
            }

            Task SendAsync(string name) => Task.CompletedTask;
        }
        """,
        Lambda(0, "Action<string>"));

    [Fact]
    public Task ListForEachWithAsyncLambda_InAsyncMethod_DiagnosticSuggestsTheLoop() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<string> names)
            {
                names.ForEach({|#0:async name =>|} await Task.Delay(name.Length));
                await Task.Yield();
            }
        }
        """,
        Verify.Diagnostic(AsyncVoidAnalyzer.Rule).WithLocation(0)
            .WithArguments("This async lambda, converted to 'Action<string>',", AsyncVoidAnalyzer.Crashes, "use a foreach loop that awaits each item"));

    [Fact]
    public Task TimerCallback_Diagnostic() => VerifyAnalyzer("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            Timer Start() => new Timer({|#0:async _ =>|] await Task.Delay(1), null, 0, 1000);
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

            void M() => Register({|#0:async code =>|] await Task.Delay(code));
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
                Parallel.ForEach(ids, {|#0:async id =>|] await Task.Delay(id));
            }
        }
        """,
        Verify.Diagnostic(AsyncVoidAnalyzer.Rule).WithLocation(0).WithArguments("This async lambda, converted to 'Action<int>',", AsyncVoidAnalyzer.Crashes, "use Parallel.ForEachAsync, which awaits each item"));

    [Fact]
    public Task NewThreadWithAsyncLambda_Diagnostic() => VerifyAnalyzer("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            Thread M() => new Thread({|#0:async () =>|] await Task.Delay(1));
        }
        """,
        Lambda(0, "ThreadStart"));

    [Fact]
    public Task CancellationTokenRegister_Diagnostic() => VerifyAnalyzer("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            void M(CancellationToken token) => token.Register({|#0:async () =>|] await Task.Delay(1));
        }
        """,
        Lambda(0, "Action"));

    [Fact]
    public Task ExplicitDelegateCreation_Diagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            object M() => new Action({|#0:async () =>|] await Task.Delay(1));
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
                run({|#0:async () =>|] await Task.Delay(1));
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

    // ---- Fix: async void -> async Task ---------------------------------------------------------------------------

    [Fact]
    public Task FixReturnTask_Unreferenced_ChangesTheSignatureAndAddsUsing() => VerifyFix("""
        using System.Threading;

        class C
        {
            async void [|Save|](CancellationToken token)
            {
                await System.Threading.Tasks.Task.Delay(1, token);
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task Save(CancellationToken token)
            {
                await System.Threading.Tasks.Task.Delay(1, token);
            }
        }
        """);

    [Fact]
    public Task FixReturnTask_KeepsComments() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            // Saves the document.
            public async /* for now */ void [|Save|]() // called once
            {
                await Task.Delay(1);
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            // Saves the document.
            public async /* for now */ Task Save() // called once
            {
                await Task.Delay(1);
            }
        }
        """);

    [Fact]
    public Task FixReturnTask_CallersInAsyncCode_AreAwaited() => VerifyFix("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async void [|Save|]() => await Task.Delay(1);

            async Task Close()
            {
                Save(); // flush first
                this.Save();
                await Task.Yield();
            }

            async Task CloseQuickly() => Save();

            Func<Task> Closer => async () => Save();
        }
        """, """
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task Save() => await Task.Delay(1);

            async Task Close()
            {
                await Save(); // flush first
                await this.Save();
                await Task.Yield();
            }

            async Task CloseQuickly() => await Save();

            Func<Task> Closer => async () => await Save();
        }
        """);

    [Fact]
    public Task FixReturnTask_CallerInAsyncVoidEventHandler_IsAwaited() => VerifyFix("""
        using System;
        using System.Threading.Tasks;

        class Form
        {
            async void OnClick(object sender, EventArgs e)
            {
                Refresh();
            }

            async void [|Refresh|]() => await Task.Delay(1);
        }
        """, """
        using System;
        using System.Threading.Tasks;

        class Form
        {
            async void OnClick(object sender, EventArgs e)
            {
                await Refresh();
            }

            async Task Refresh() => await Task.Delay(1);
        }
        """);

    [Fact]
    public Task FixReturnTask_RecursiveAndGenericCalls_AreAwaited() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async void [|Poll|]<T>(int left)
            {
                await Task.Delay(1);
                if (left > 0)
                {
                    Poll<T>(left - 1);
                }
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task Poll<T>(int left)
            {
                await Task.Delay(1);
                if (left > 0)
                {
                    await Poll<T>(left - 1);
                }
            }
        }
        """);

    [Fact]
    public Task FixReturnTask_NameofAndCref_AreKept() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            /// <summary>Like <see cref="Save"/>.</summary>
            string Name => nameof(Save);

            async void [|Save|]() => await Task.Delay(1);
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            /// <summary>Like <see cref="Save"/>.</summary>
            string Name => nameof(Save);

            async Task Save() => await Task.Delay(1);
        }
        """);

    [Fact]
    public Task FixReturnTask_LocalFunctionCalledFromAsyncCode() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async ValueTask M()
            {
                Log();
                await Task.Yield();

                async void [|Log|]() => await Task.Delay(1);
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async ValueTask M()
            {
                await Log();
                await Task.Yield();

                async Task Log() => await Task.Delay(1);
            }
        }
        """);

    [Fact]
    public Task FixReturnTask_VirtualWithoutOverrides() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            protected virtual async void [|OnStart|]() => await Task.Delay(1);
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            protected virtual async Task OnStart() => await Task.Delay(1);
        }
        """);

    [Fact]
    public Task FixReturnTask_CallerInAnotherDocument_IsAwaited()
    {
        var test = new Verify.CodeFixTest<AsyncVoidAnalyzer, AsyncVoidCodeFix>();
        test.TestState.Sources.Add(("Store.cs", """
            using System.Threading.Tasks;

            public class Store
            {
                public async void [|Flush|]() => await Task.Delay(1);
            }
            """));
        test.TestState.Sources.Add(("Page.cs", """
            using System.Threading.Tasks;

            class Page
            {
                async Task Leave(Store store)
                {
                    store.Flush();
                }
            }
            """));
        test.FixedState.Sources.Add(("Store.cs", """
            using System.Threading.Tasks;

            public class Store
            {
                public async Task Flush() => await Task.Delay(1);
            }
            """));
        test.FixedState.Sources.Add(("Page.cs", """
            using System.Threading.Tasks;

            class Page
            {
                async Task Leave(Store store)
                {
                    await store.Flush();
                }
            }
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task FixReturnTask_CalledFromSyncMethod_NoFix() => VerifyNoFix("""
        using System.Threading.Tasks;

        class C
        {
            C() => Load();

            async void [|Load|]() => await Task.Delay(1);
        }
        """);

    [Fact]
    public Task FixReturnTask_CalledFromSyncLambda_NoFix() => VerifyNoFix("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            void M() => Task.Run(() => Load());

            async void [|Load|]() => await Task.Delay(1);
        }
        """);

    [Fact]
    public Task FixReturnTask_MethodGroupConvertedToAction_NoFix() => VerifyNoFix("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            Action Callback => Load;

            async void [|Load|]() => await Task.Delay(1);
        }
        """);

    [Fact]
    public Task FixReturnTask_SubscribedToEvent_NoFix() => VerifyNoFix("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            event Action? Changed;

            async Task M()
            {
                Changed += Reload;
                Reload();
                await Task.Yield();
            }

            async void [|Reload|]() => await Task.Delay(1);
        }
        """);

    [Fact]
    public Task FixReturnTask_MethodGroupPassedToListForEach_NoFix() => VerifyNoFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<int> ids)
            {
                ids.ForEach(Send);
                await Task.Yield();
            }

            async void [|Send|](int id) => await Task.Delay(id);
        }
        """);

    [Fact]
    public Task FixReturnTask_CalledInsideLock_NoFix() => VerifyNoFix("""
        using System.Threading.Tasks;

        class C
        {
            readonly object _gate = new();

            async Task M()
            {
                await Task.Yield();
                lock (_gate)
                {
                    Save();
                }
            }

            async void [|Save|]() => await Task.Delay(1);
        }
        """);

    [Fact]
    public Task FixReturnTask_ConditionalCall_NoFix() => VerifyNoFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(C? other)
            {
                other?.Save();
                await Task.Yield();
            }

            async void [|Save|]() => await Task.Delay(1);
        }
        """);

    [Fact]
    public Task FixReturnTask_VirtualWithOverride_NoFix() => VerifyNoFix("""
        using System.Threading.Tasks;

        class Base
        {
            protected virtual async void [|OnStart|]() => await Task.Delay(1);
        }

        class Derived : Base
        {
            protected override async void OnStart() => await Task.Delay(2);
        }
        """);

    [Fact]
    public Task FixReturnTask_ImplementsAnInterfaceForADerivedType_NoFix() => VerifyNoFix("""
        using System.Threading.Tasks;

        interface IStartable
        {
            void Start();
        }

        class Base
        {
            public async void [|Start|]() => await Task.Delay(1);
        }

        class Derived : Base, IStartable { }
        """);

    [Fact]
    public Task FixReturnTask_DefaultInterfaceMethod_NoFix() => VerifyNoFix("""
        using System.Threading.Tasks;

        interface IStartable
        {
            async void [|Start|]() => await Task.Delay(1);
        }
        """);

    [Fact]
    public Task FixReturnTask_CallerInTopLevelStatementsThatAwait_IsAwaited()
    {
        var test = new Verify.CodeFixTest<AsyncVoidAnalyzer, AsyncVoidCodeFix>
        {
            TestCode = """
                using System.Threading.Tasks;

                Run();
                await Task.Yield();

                static async void [|Run|]() => await Task.Delay(1);
                """,
            FixedCode = """
                using System.Threading.Tasks;

                await Run();
                await Task.Yield();

                static async Task Run() => await Task.Delay(1);
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    [Fact]
    public Task FixAllReturnTask_AcrossDocuments_AwaitsTheCallsBetweenFixedMethods()
    {
        var test = new Verify.CodeFixTest<AsyncVoidAnalyzer, AsyncVoidCodeFix>();
        test.TestState.Sources.Add(("A.cs", """
            using System.Threading.Tasks;

            class A
            {
                public async void [|Start|]()
                {
                    B.Prepare();
                    await Task.Delay(1);
                }

                async void [|Stop|]() => await Task.Delay(1);
            }
            """));
        test.TestState.Sources.Add(("B.cs", """
            using System;

            static class B
            {
                public static async void [|Prepare|]() => await System.Threading.Tasks.Task.Yield();

                static async void [|Skipped|]() => await System.Threading.Tasks.Task.Yield();

                static Action Callback => Skipped;
            }
            """));
        test.FixedState.Sources.Add(("A.cs", """
            using System.Threading.Tasks;

            class A
            {
                public async Task Start()
                {
                    await B.Prepare();
                    await Task.Delay(1);
                }

                async Task Stop() => await Task.Delay(1);
            }
            """));
        test.FixedState.Sources.Add(("B.cs", """
            using System;
            using System.Threading.Tasks;

            static class B
            {
                public static async Task Prepare() => await System.Threading.Tasks.Task.Yield();

                static async void [|Skipped|]() => await System.Threading.Tasks.Task.Yield();

                static Action Callback => Skipped;
            }
            """));
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        return test.RunAsync();
    }

    // ---- Fix: list.ForEach(async x => ...) -> foreach loop that awaits ---------------------------------------------

    [Fact]
    public Task FixForEach_ExpressionBody_BecomesLoop() => VerifyFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task NotifyAll(List<string> names)
            {
                names.ForEach([|async name =>|] await SendAsync(name)); // one at a time
            }

            Task SendAsync(string name) => Task.CompletedTask;
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task NotifyAll(List<string> names)
            {
                foreach (var name in names)
                {
                    await SendAsync(name);
                } // one at a time
            }

            Task SendAsync(string name) => Task.CompletedTask;
        }
        """);

    [Fact]
    public Task FixForEach_BlockBody_KeepsCommentsAndTurnsReturnIntoContinue() => VerifyFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task NotifyAll(List<string> names)
            {
                // tell everyone
                names.ForEach([|async (string name) =>|]
                {
                    if (name.Length == 0)
                    {
                        return; // skip blanks
                    }

                    switch (name)
                    {
                        case "admin":
                            return;
                    }

                    // send and log
                    await SendAsync(name);
                });
                await Task.Yield();
            }

            Task SendAsync(string name) => Task.CompletedTask;
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task NotifyAll(List<string> names)
            {
                // tell everyone
                foreach (string name in names)
                {
                    if (name.Length == 0)
                    {
                        continue; // skip blanks
                    }

                    switch (name)
                    {
                        case "admin":
                            continue;
                    }

                    // send and log
                    await SendAsync(name);
                }
                await Task.Yield();
            }

            Task SendAsync(string name) => Task.CompletedTask;
        }
        """);

    [Fact]
    public Task FixForEach_AnonymousMethodAndCallReceiver_InAsyncLambda() => VerifyFix("""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            List<int> Load() => new();

            Func<Task> Run => async () =>
            {
                Load().ForEach([|async delegate (int id)|] { await Task.Delay(id); });
            };
        }
        """, """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            List<int> Load() => new();

            Func<Task> Run => async () =>
            {
                foreach (int id in Load())
                {
                    await Task.Delay(id);
                }
            };
        }
        """);

    [Fact]
    public Task FixForEach_InAsyncLocalFunctionAndEmbeddedStatement() => VerifyFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            void M(List<int> ids, bool send)
            {
                _ = Local();

                async ValueTask Local()
                {
                    if (send)
                        ids.ForEach([|async id =>|] await Task.Delay(id));
                }
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            void M(List<int> ids, bool send)
            {
                _ = Local();

                async ValueTask Local()
                {
                    if (send)
                        foreach (var id in ids)
                        {
                            await Task.Delay(id);
                        }
                }
            }
        }
        """);

    [Fact]
    public Task FixForEach_InTopLevelStatementsThatAwait()
    {
        var test = new Verify.CodeFixTest<AsyncVoidAnalyzer, AsyncVoidCodeFix>
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                var ids = new List<int> { 1, 2 };
                ids.ForEach([|async id =>|] await Task.Delay(id));
                await Task.Yield();
                """,
            FixedCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                var ids = new List<int> { 1, 2 };
                foreach (var id in ids)
                {
                    await Task.Delay(id);
                }
                await Task.Yield();
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    [Fact]
    public Task FixForEach_InSyncMethod_NoFix() => VerifyNoFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            void M(List<int> ids) => ids.ForEach([|async id =>|] await Task.Delay(id));
        }
        """);

    [Fact]
    public Task FixForEach_AsExpressionBodyOfAsyncMethod_NoFix() => VerifyNoFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<int> ids) => ids.ForEach([|async id =>|] await Task.Delay(id));
        }
        """);

    [Fact]
    public Task FixForEach_InsideLock_NoFix() => VerifyNoFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            readonly object _gate = new();

            async Task M(List<int> ids)
            {
                await Task.Yield();
                lock (_gate)
                {
                    ids.ForEach([|async id =>|] await Task.Delay(id));
                }
            }
        }
        """);

    [Fact]
    public Task FixForEach_ConditionalAccess_NoFix() => VerifyNoFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<int>? ids)
            {
                ids?.ForEach([|async id =>|] await Task.Delay(id));
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task FixForEach_ParameterNameUsedByALaterLocal_NoFix() => VerifyNoFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<int> ids)
            {
                ids.ForEach([|async id =>|] await Task.Delay(id));
                var id = 0;
                await Task.Delay(id);
            }
        }
        """);

    [Fact]
    public Task FixForEach_BodyLocalClashesWithEnclosingParameter_NoFix() => VerifyNoFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<int> ids, int delay)
            {
                ids.ForEach([|async id =>|]
                {
                    var delay = id * 2;
                    await Task.Delay(delay);
                });
                await Task.Delay(delay);
            }
        }
        """);

    [Fact]
    public Task FixForEach_ReturnInsideNestedLoop_NoFix() => VerifyNoFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<int> ids)
            {
                ids.ForEach([|async id =>|]
                {
                    for (var i = 0; i < id; i++)
                    {
                        if (i == 3)
                        {
                            return;
                        }

                        await Task.Delay(i);
                    }
                });
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task FixForEach_BodyUsesTheList_NoFix() => VerifyNoFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<int> ids)
            {
                ids.ForEach([|async id =>|]
                {
                    await Task.Delay(id);
                    ids.Remove(id);
                });
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task FixForEach_DiscardLikeParameter_BecomesLoop() => VerifyFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<int> ticks)
            {
                ticks.ForEach([|async _ =>|] await Task.Yield());
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<int> ticks)
            {
                foreach (var _ in ticks)
                {
                    await Task.Yield();
                }
            }
        }
        """);

    [Fact]
    public Task FixForEach_BodyUsesTheListField_NoFix() => VerifyNoFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            readonly List<int> _ids = new();

            async Task M()
            {
                _ids.ForEach([|async id =>|]
                {
                    await Task.Delay(id);
                    _ids.Clear();
                });
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task FixForEach_ReceiverDerivedFromList_NoFix() => VerifyNoFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class Ids : List<int> { }

        class C
        {
            async Task M(Ids ids)
            {
                ids.ForEach([|async id =>|] await Task.Delay(id));
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task FixForEach_AnonymousMethodWithoutParameters_NoFix() => VerifyNoFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<int> ids)
            {
                ids.ForEach([|async delegate|] { await Task.Yield(); });
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task FixForEach_BodyLocalNamedLikeALocalOfASiblingBlock_BecomesLoop() => VerifyFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<int> ids, bool check)
            {
                if (check)
                {
                    var delay = 1;
                    await Task.Delay(delay);
                }

                ids.ForEach([|async id =>|]
                {
                    var delay = id * 2;
                    await Task.Delay(delay);
                });
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<int> ids, bool check)
            {
                if (check)
                {
                    var delay = 1;
                    await Task.Delay(delay);
                }

                foreach (var id in ids)
                {
                    var delay = id * 2;
                    await Task.Delay(delay);
                }
            }
        }
        """);

    [Fact]
    public Task FixAllForEach_NestedAndSiblingCalls_BecomeLoops() => VerifyFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<List<int>> groups, List<int> ids)
            {
                groups.ForEach([|async group =>|]
                {
                    await Task.Yield();
                    group.ForEach([|async id =>|] await Task.Delay(id));
                });
                ids.ForEach([|async id =>|] await Task.Delay(id));
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<List<int>> groups, List<int> ids)
            {
                foreach (var group in groups)
                {
                    await Task.Yield();
                    foreach (var id in group)
                    {
                        await Task.Delay(id);
                    }
                }
                foreach (var id in ids)
                {
                    await Task.Delay(id);
                }
            }
        }
        """);

    // ---- Broken and half-typed code -----------------------------------------------------------------------------

    [Fact]
    public Task HalfTypedCode_NoDiagnosticNoCrash()
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

    // ---- The message says what is true --------------------------------------------------------------------------

    [Fact]
    public Task WholeBodyInTryWithCatchAll_SaysNobodyWaits() => Verify.Analyzer<AsyncVoidAnalyzer>("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async void {|#0:OnTimer|}(object? state)
            {
                try
                {
                    await Task.Delay(1);
                }
                catch (Exception)
                {
                    // already logged
                }
            }

            void Start()
            {
                _ = new Timer({|#1:async _ =>|}
                {
                    try { await Task.Delay(1); }
                    catch { }
                });
            }
        }
        """,
        Verify.Diagnostic(AsyncVoidAnalyzer.Rule).WithLocation(0).WithArguments("Async method 'OnTimer'", AsyncVoidAnalyzer.NobodyWaits, "return Task instead"),
        Verify.Diagnostic(AsyncVoidAnalyzer.Rule).WithLocation(1).WithArguments("This async lambda, converted to 'TimerCallback',", AsyncVoidAnalyzer.NobodyWaits, "pass a function that returns Task"));

    [Theory]
    [InlineData("catch (InvalidOperationException) { }")]
    [InlineData("catch (Exception e) when (e is TimeoutException) { }")]
    [InlineData("catch (Exception) { throw; }")]
    [InlineData("catch { Console.WriteLine(); } Console.WriteLine();")]
    public Task TryThatDoesNotCatchEverything_SaysItCrashes(string rest) => Verify.Analyzer<AsyncVoidAnalyzer>($$"""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async void {|#0:Run|}()
            {
                try
                {
                    await Task.Delay(1);
                }
                {{rest}}
            }
        }
        """,
        Method(0, "Run"));
}
