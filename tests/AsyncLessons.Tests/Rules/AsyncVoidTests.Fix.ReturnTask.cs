using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class AsyncVoidTests
{
    // ---- The fix: async void -> async Task ------------------------------------------------------------------

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
}
