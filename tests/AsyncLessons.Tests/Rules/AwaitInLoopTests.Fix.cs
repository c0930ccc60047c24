using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class AwaitInLoopTests
{
    // ---- The fix --------------------------------------------------------------------------------------------

    [Fact]
    public Task Fix_WhenAll() => VerifyFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<int> ids)
            {
                // Tell everyone.
                foreach (var id in ids)
                {
                    // One message each.
                    {|#0:await Api.SendAsync(id)|};
                }
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<int> ids)
            {
                // Tell everyone.
                // One message each.
                await Task.WhenAll(ids.Select(id => Api.SendAsync(id)));
            }
        }
        """);

    [Fact]
    public Task Fix_WhenAll_InsideSwitchSection_LeavesNeighboursAlone() => VerifyFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(int kind, List<int> ids)
            {
                switch (kind)
                {
                    case 1:
                    {
                        foreach (var id in ids)
                        {
                            {|#0:await Api.SendAsync(id)|};
                        }
                        break;
                    }
                    case 2:
                            await Api.SendAsync(kind);
                        break;
                }
                  var  unrelated  =  1;
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task M(int kind, List<int> ids)
            {
                switch (kind)
                {
                    case 1:
                    {
                        await Task.WhenAll(ids.Select(id => Api.SendAsync(id)));
                        break;
                    }
                    case 2:
                            await Api.SendAsync(kind);
                        break;
                }
                  var  unrelated  =  1;
            }
        }
        """);

    [Fact]
    public Task Fix_WhenAll_CollectsResultsInOrder() => VerifyFix("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task<List<string>> M(int[] ids)
            {
                var results = new List<string>();
                foreach (var id in ids)
                {
                    results.Add({|#0:await Api.FetchAsync(id)|});
                }

                return results;
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task<List<string>> M(int[] ids)
            {
                var results = new List<string>();
                results.AddRange(await Task.WhenAll(ids.Select(id => Api.FetchAsync(id))));

                return results;
            }
        }
        """);

    [Fact]
    public Task Fix_WhenAll_ValueTaskAndConfigureAwait() => VerifyFix("""
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids)
            {
                foreach (var id in ids)
                    {|#0:await Api.PingAsync(id).ConfigureAwait(false)|};
            }
        }
        """, """
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids)
            {
                await Task.WhenAll(ids.Select(id => Api.PingAsync(id).AsTask())).ConfigureAwait(false);
            }
        }
        """);

    [Fact]
    public Task Fix_ValueTaskResults_AddRange() => VerifyFix("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(List<int> ids)
            {
                var counts = new List<int>();
                foreach (var id in ids)
                {
                    counts.Add({|#0:await Api.CountAsync(id)|});
                }

                return counts.Sum();
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(List<int> ids)
            {
                var counts = new List<int>();
                counts.AddRange(await Task.WhenAll(ids.Select(id => Api.CountAsync(id).AsTask())));

                return counts.Sum();
            }
        }
        """);

    [Fact]
    public Task Fix_InLambda() => VerifyFix("""
        using System;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            Func<int[], Task> f = async ids =>
            {
                foreach (var id in ids)
                {
                    {|#0:await Api.SendAsync(id)|};
                }
            };
        }
        """, """
        using System;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            Func<int[], Task> f = async ids =>
            {
                await Task.WhenAll(ids.Select(id => Api.SendAsync(id)));
            };
        }
        """);

    [Fact]
    public Task Fix_BlankLineAndCommentBeforeTheLoop_StayBeforeTheNewStatement() => VerifyFix("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<int> ids)
            {
                var count = ids.Count;

                // Send them all.
                foreach (var id in ids)
                {
                    {|#0:await Api.SendAsync(id)|};
                }
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<int> ids)
            {
                var count = ids.Count;

                // Send them all.
                await Task.WhenAll(ids.Select(id => Api.SendAsync(id)));
            }
        }
        """);

    [Fact]
    public Task Fix_AddsLinqUsingInOrder() => VerifyFix("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids)
            {
                foreach (var id in ids)
                {
                    {|#0:await Api.SendAsync(id)|};
                }
            }
        }
        """, """
        using System;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids)
            {
                await Task.WhenAll(ids.Select(id => Api.SendAsync(id)));
            }
        }
        """);

    [Fact]
    public Task Fix_FileWithoutUsings_AddsLinqUsing()
    {
        var test = new Verify.CodeFixTest<AwaitInLoopAnalyzer, AwaitInLoopCodeFix>
        {
            TestCode = """
                class C
                {
                    async System.Threading.Tasks.Task M(int[] ids)
                    {
                        foreach (var id in ids)
                        {
                            {|#0:await Send.OneAsync(id)|};
                        }
                    }
                }

                static class Send
                {
                    public static System.Threading.Tasks.Task OneAsync(int id) => System.Threading.Tasks.Task.CompletedTask;
                }
                """,
            FixedCode = """
                using System.Linq;
                using System.Threading.Tasks;

                class C
                {
                    async System.Threading.Tasks.Task M(int[] ids)
                    {
                        await Task.WhenAll(ids.Select(id => Send.OneAsync(id)));
                    }
                }

                static class Send
                {
                    public static System.Threading.Tasks.Task OneAsync(int id) => System.Threading.Tasks.Task.CompletedTask;
                }
                """,
            CodeActionEquivalenceKey = AwaitInLoopCodeFix.RecommendedKey,
        };
        test.ExpectedDiagnostics.Add(Expected());
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_ParallelForEachAsync() => VerifyFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<int> ids)
            {
                foreach (var id in ids)
                {
                    {|#0:await Api.SendAsync(id)|};
                }
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<int> ids)
            {
                await Parallel.ForEachAsync(ids, async (id, ct) => await Api.SendAsync(id));
            }
        }
        """,
        codeActionIndex: 1,
        key: AwaitInLoopCodeFix.ParallelForEachKey);

    [Fact]
    public Task Fix_ResultsIntoNonList_NotOffered() => VerifyFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids)
            {
                var seen = new HashSet<string>();
                foreach (var id in ids)
                {
                    seen.Add({|#0:await Api.FetchAsync(id)|});
                }
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids)
            {
                var seen = new HashSet<string>();
                foreach (var id in ids)
                {
                    seen.Add({|#0:await Api.FetchAsync(id)|});
                }
            }
        }
        """,
        codeActionIndex: null,
        key: null);

    [Fact]
    public Task Fix_CastInForeach_NotOffered() => VerifyFix("""
        using System.Collections;
        using System.Threading.Tasks;

        class C
        {
            async Task M(ArrayList ids)
            {
                foreach (int id in ids)
                {
                    {|#0:await Api.SendAsync(id)|};
                }
            }
        }
        """, """
        using System.Collections;
        using System.Threading.Tasks;

        class C
        {
            async Task M(ArrayList ids)
            {
                foreach (int id in ids)
                {
                    {|#0:await Api.SendAsync(id)|};
                }
            }
        }
        """,
        codeActionIndex: null,
        key: null);

    [Fact]
    public Task Fix_CollectionWithoutIEnumerable_NotOffered() => VerifyFix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class Bag
        {
            private readonly List<int> _items = new();
            public List<int>.Enumerator GetEnumerator() => _items.GetEnumerator();
        }

        class C
        {
            async Task M(Bag ids)
            {
                foreach (var id in ids)
                {
                    {|#0:await Api.SendAsync(id)|};
                }
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class Bag
        {
            private readonly List<int> _items = new();
            public List<int>.Enumerator GetEnumerator() => _items.GetEnumerator();
        }

        class C
        {
            async Task M(Bag ids)
            {
                foreach (var id in ids)
                {
                    {|#0:await Api.SendAsync(id)|};
                }
            }
        }
        """,
        codeActionIndex: null,
        key: null);
}
