using System.Threading.Tasks;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class BlockingWaitTests
{
    // ---- Containers awaited with Task.WhenAll(tasks), also spread Task.WhenAll([a, ..rest]): where it fires -------

    [Fact]
    public Task WaitAll_OfArrayAfterAwaitWhenAllOfAnotherArray_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task[] tasks, Task[] others)
            {
                await Task.WhenAll(others);
                [|Task.WaitAll(tasks)|];
            }
        }
        """);

    [Fact]
    public Task WaitAll_OfArrayReassignedAfterAwaitWhenAll_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task[] tasks, Task[] others)
            {
                await Task.WhenAll(tasks);
                tasks = others;
                [|Task.WaitAll(tasks)|];
            }
        }
        """);

    [Fact]
    public Task WaitAll_OfArrayWithElementWrittenAfterAwaitWhenAll_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task[] tasks, Task other)
            {
                await Task.WhenAll(tasks);
                tasks[0] = other;
                [|Task.WaitAll(tasks)|];
            }
        }
        """);

    [Fact]
    public Task WaitAll_OfListAddedToAfterAwaitWhenAll_Diagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<Task> tasks, Task other)
            {
                await Task.WhenAll(tasks);
                tasks.Add(other);
                [|Task.WaitAll(tasks)|];
            }
        }
        """);

    [Fact]
    public Task WaitAny_OfArrayWithElementWrittenAfterAwaitWhenAll_Diagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task[] tasks, Task other)
            {
                await Task.WhenAll(tasks);
                tasks[0] = other;
                return [|Task.WaitAny(tasks)|];
            }
        }
        """);

    [Fact]
    public Task WaitAll_OfArrayAfterConditionalAwaitWhenAll_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task[] tasks, bool ready)
            {
                if (ready)
                {
                    await Task.WhenAll(tasks);
                }

                [|Task.WaitAll(tasks)|];
            }
        }
        """);

    [Fact]
    public Task WaitAll_OfArrayAfterAwaitWhenAllInLambda_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task[] tasks)
            {
                System.Func<Task> later = async () => await Task.WhenAll(tasks);
                await Task.Yield();
                [|Task.WaitAll(tasks)|];
            }
        }
        """);

    [Fact]
    public Task ForeachResult_OverListAddedToAfterAwaitWhenAll_Diagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(List<Task<int>> tasks, Task<int> other)
            {
                await Task.WhenAll(tasks);
                tasks.Add(other);
                var sum = 0;
                foreach (var task in tasks)
                {
                    sum += [|task.Result|];
                }

                return sum;
            }
        }
        """);

    // A deferred query starts new tasks each time it is enumerated: WhenAll over it completes one set, a later
    // enumeration (by WaitAll, or a foreach) makes another and blocks on it.
    [Fact]
    public Task WaitAll_OfDeferredQueryAfterAwaitWhenAllOfIt_Diagnostic() => VerifyAnalyzer("""
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            static Task LoadAsync(int id) => Task.Delay(id);

            async Task M(int[] ids)
            {
                var tasks = ids.Select(id => LoadAsync(id));
                await Task.WhenAll(tasks);
                [|Task.WaitAll(tasks)|];
            }
        }
        """);

    [Fact]
    public Task ForeachResult_OverDeferredQueryAfterAwaitWhenAllOfIt_Diagnostic() => VerifyAnalyzer("""
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            static Task<int> LoadAsync(int id) => Task.FromResult(id);

            async Task<int> M(int[] ids)
            {
                var tasks = ids.Select(id => LoadAsync(id));
                await Task.WhenAll(tasks);
                var sum = 0;
                foreach (var task in tasks)
                {
                    sum += [|task.Result|];
                }

                return sum;
            }
        }
        """);

    [Fact]
    public Task Spread_WaitAllOfOtherArrayAfterAwaitWhenAllOfSpread_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task[] tasks, Task[] others)
            {
                await Task.WhenAll([.. others]);
                [|Task.WaitAll(tasks)|];
            }
        }
        """);

    [Fact]
    public Task Spread_IndexedResultOfListAddedToAfterAwaitWhenAllOfSpread_Diagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(List<Task<int>> tasks, Task<int> other)
            {
                await Task.WhenAll([.. tasks]);
                tasks.Add(other);
                return [|tasks[1].Result|];
            }
        }
        """);

    [Fact]
    public Task Spread_WaitAllOfSpreadWithUnawaitedElement_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task first, Task[] rest)
            {
                await Task.WhenAll(rest);
                [|Task.WaitAll([first, .. rest])|];
            }
        }
        """);

    [Fact]
    public Task Spread_WaitAllOfSpreadReassignedAfterAwait_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task[] tasks, Task[] others)
            {
                await Task.WhenAll([.. tasks]);
                tasks = others;
                [|Task.WaitAll([.. tasks])|];
            }
        }
        """);

    // ---- Containers awaited with Task.WhenAll(tasks), also spread Task.WhenAll([a, ..rest]): where it stays silent ----

    [Fact]
    public Task WaitAll_OfArrayAfterAwaitWhenAllOfIt_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task[] tasks)
            {
                await Task.WhenAll(tasks);
                Task.WaitAll(tasks);
            }
        }
        """);

    [Fact]
    public Task WaitAll_OfListLocalAfterAwaitWhenAllOfIt_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task a, Task b)
            {
                var tasks = new List<Task> { a, b };
                await Task.WhenAll(tasks);
                Task.WaitAll(tasks);
            }
        }
        """);

    [Fact]
    public Task WaitAll_OfEnumerableParameterAfterConfiguredAwaitWhenAll_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(IEnumerable<Task> tasks)
            {
                await Task.WhenAll(tasks).ConfigureAwait(false);
                Task.WaitAll(tasks);
            }
        }
        """);

    [Fact]
    public Task WaitAll_OfFieldAfterAwaitWhenAllOfIt_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            private readonly Task[] _tasks = new Task[0];

            async Task M()
            {
                await Task.WhenAll(_tasks);
                Task.WaitAll(_tasks);
            }
        }
        """);

    [Fact]
    public Task WaitAny_OfArrayAfterAwaitWhenAllOfIt_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task[] tasks)
            {
                await Task.WhenAll(tasks);
                return Task.WaitAny(tasks);
            }
        }
        """);

    [Fact]
    public Task ForeachResult_OverArrayAfterAwaitWhenAllOfIt_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int>[] tasks)
            {
                await Task.WhenAll(tasks);
                var sum = 0;
                foreach (var task in tasks)
                {
                    sum += task.Result;
                }

                return sum;
            }
        }
        """);

    [Fact]
    public Task WaitAll_OfMaterializedQueryAfterAwaitWhenAllOfIt_NoDiagnostic() => VerifyAnalyzer("""
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            static Task LoadAsync(int id) => Task.Delay(id);

            async Task M(int[] ids)
            {
                var tasks = ids.Select(id => LoadAsync(id)).ToList();
                await Task.WhenAll(tasks);
                Task.WaitAll(tasks);
            }
        }
        """);

    [Fact]
    public Task WaitAll_OfEnumerableLocalHoldingListAfterAwaitWhenAllOfIt_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task a, Task b)
            {
                IEnumerable<Task> tasks = new List<Task> { a, b };
                await Task.WhenAll(tasks);
                Task.WaitAll(tasks);
            }
        }
        """);

    [Fact]
    public Task Spread_WaitAllAfterAwaitWhenAllOfSpreadArray_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task[] tasks)
            {
                await Task.WhenAll([.. tasks]);
                Task.WaitAll(tasks);
            }
        }
        """);

    [Fact]
    public Task Spread_IndexedResultAfterAwaitWhenAllOfElementAndSpread_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> first, List<Task<int>> rest)
            {
                await Task.WhenAll([first, .. rest]);
                return first.Result + rest[0].Result;
            }
        }
        """);

    [Fact]
    public Task Spread_ForeachResultAfterAwaitWhenAllOfSpread_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> first, Task<int>[] rest)
            {
                await Task.WhenAll([first, .. rest]);
                var sum = first.Result;
                foreach (var task in rest)
                {
                    sum += task.Result;
                }

                return sum;
            }
        }
        """);

    [Fact]
    public Task Spread_ResultOfTaskAddedToSpreadList_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> task)
            {
                var tasks = new List<Task<int>>();
                tasks.Add(task);
                await Task.WhenAll([.. tasks]);
                return task.Result;
            }
        }
        """);

    [Fact]
    public Task Spread_WaitAllOfSpreadAfterAwaitWhenAllOfTheArray_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task first, Task[] rest)
            {
                await Task.WhenAll([first, .. rest]);
                Task.WaitAll([first, .. rest]);
            }
        }
        """);

    [Fact]
    public Task Spread_WaitAllAfterAwaitWhenAllOfTwoSpreads_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task[] some, List<Task> more)
            {
                await Task.WhenAll([.. some, .. more]);
                Task.WaitAll(some);
                Task.WaitAll(more);
            }
        }
        """);
}
