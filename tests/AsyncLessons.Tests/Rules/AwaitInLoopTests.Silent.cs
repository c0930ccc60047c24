using System.Threading.Tasks;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class AwaitInLoopTests
{
    // ---- Where it stays silent ------------------------------------------------------------------------------

    [Fact]
    public Task DeletePerItem_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        interface IRepository { Task<bool> DeleteAsync(int id, CancellationToken cancellationToken); }

        class C
        {
            async Task M(IRepository repository, IEnumerable<int> ids, CancellationToken cancellationToken)
            {
                foreach (var id in ids)
                {
                    await repository.DeleteAsync(id, cancellationToken);
                }
            }
        }
        """);

    [Fact]
    public Task AwaitForeach_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(IAsyncEnumerable<int> ids)
            {
                await foreach (var id in ids)
                {
                    await Api.SendAsync(id);
                }
            }
        }
        """);

    [Fact]
    public Task WhileLoopWithCursor_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M()
            {
                var cursor = 0;
                while (cursor < 10)
                {
                    cursor = await Api.NextAsync(cursor);
                }

                return cursor;
            }
        }
        """);

    [Fact]
    public Task ValueFeedsNextIteration_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(int[] ids)
            {
                var last = 0;
                foreach (var id in ids)
                {
                    last = await Api.NextAsync(last + id);
                }

                return last;
            }
        }
        """);

    [Fact]
    public Task RetryLoopWithBreak_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] attempts)
            {
                foreach (var attempt in attempts)
                {
                    try
                    {
                        await Api.SendAsync(attempt);
                        break;
                    }
                    catch (InvalidOperationException)
                    {
                    }
                }
            }
        }
        """);

    [Fact]
    public Task OtherSideEffectsInBody_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids)
            {
                foreach (var id in ids)
                {
                    Console.WriteLine("sending " + id);
                    await Api.SendAsync(id);
                }
            }
        }
        """);

    [Fact]
    public Task SharedReceiver_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(StreamWriter writer, string[] lines)
            {
                foreach (var line in lines)
                {
                    await writer.WriteLineAsync(line);
                }
            }
        }
        """);

    [Fact]
    public Task ImplicitThisReceiver_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            Task SaveAsync(int id) => Task.CompletedTask;

            async Task M(int[] ids)
            {
                foreach (var id in ids)
                {
                    await SaveAsync(id);
                }
            }
        }
        """);

    [Fact]
    public Task SameFileForEveryItem_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(string[] lines)
            {
                foreach (var line in lines)
                {
                    await File.AppendAllTextAsync("log.txt", line);
                }
            }
        }
        """);

    [Fact]
    public Task SharedPathVariable_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(string path, int[] ids)
            {
                foreach (var id in ids)
                {
                    await Api.WriteAsync(path, id);
                }
            }
        }
        """);

    [Fact]
    public Task CallDoesNotUseTheItem_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids, int other)
            {
                foreach (var id in ids)
                {
                    await Api.SendAsync(other);
                }
            }
        }
        """);

    [Fact]
    public Task CallWritesAVariable_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids)
            {
                var count = 0;
                foreach (var id in ids)
                {
                    await Api.SendAsync(id + count++);
                }
            }
        }
        """);

    [Fact]
    public Task AwaitAmongArguments_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] ids)
            {
                foreach (var id in ids)
                {
                    await Api.SendAsync(await Api.NextAsync(id));
                }
            }
        }
        """);

    [Fact]
    public Task ResultsIntoTheIteratedList_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task M(List<string> names)
            {
                foreach (var name in names)
                {
                    names.Add(await Api.FetchAsync(name.Length));
                }
            }
        }
        """);

    [Fact]
    public Task ResultsListDeclaredInsideTheLoop_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            private readonly List<string> _results = new();

            async Task M(int[] ids)
            {
                foreach (var id in ids)
                {
                    _results.Add(await Api.FetchAsync(id));
                }
            }
        }
        """);

    [Fact]
    public Task StartInOrder_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        interface IService { Task StartAsync(); }

        class C
        {
            async Task M(IService[] services)
            {
                foreach (var service in services)
                {
                    await service.StartAsync();
                }
            }
        }
        """);

    [Fact]
    public Task TaskDelayPerItem_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(int[] delays)
            {
                foreach (var delay in delays)
                {
                    await Task.Delay(delay);
                }
            }
        }
        """);

    [Fact]
    public Task SyncMethod_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            void M(int[] ids)
            {
                foreach (var id in ids)
                {
                    Api.SendAsync(id).Wait();
                }
            }
        }
        """);
}
