using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class AsyncVoidTests
{
    // ---- The fix: list.ForEach(async x => ...) -> foreach loop that awaits ----------------------------------

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
}
