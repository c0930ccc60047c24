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

    // ---- Where it fires: async void methods and local functions ---------------------------------------------

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

    // ---- Where it fires: async lambdas converted to void-returning delegates --------------------------------

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

    // ---- Where it fires: the message says what is true ------------------------------------------------------

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
