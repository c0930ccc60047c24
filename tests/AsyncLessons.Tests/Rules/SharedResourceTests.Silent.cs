using System.Threading.Tasks;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class SharedResourceTests
{
    // ---- Where it stays silent: one DbContext ----

    [Fact]
    public Task WhenAll_FirstTaskAwaitedBeforeTheSecondStarts_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(ShopContext db)
            {
                var customersTask = db.Customers.ToListAsync();
                await customersTask.ConfigureAwait(false);
                var ordersTask = db.Orders.ToListAsync();
                await Task.WhenAll(customersTask, ordersTask);
            }
        }
        """);

    [Fact]
    public Task WhenAll_SelectCreatesAContextPerItem_NoDiagnostic() => VerifyAnalyzer("""
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(IDbContextFactory<ShopContext> factory, int[] ids)
            {
                await Task.WhenAll(ids.Select(async id =>
                {
                    await using var db = await factory.CreateDbContextAsync();
                    return await db.Customers.FindAsync(id);
                }));
            }
        }
        """);

    [Fact]
    public Task WhenAll_TwoContextsFromAFactory_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(IDbContextFactory<ShopContext> factory)
            {
                await using var first = factory.CreateDbContext();
                await using var second = factory.CreateDbContext();
                await Task.WhenAll(first.Customers.ToListAsync(), second.Orders.ToListAsync(), factory.CreateDbContext().Orders.CountAsync());
            }
        }
        """);

    [Fact]
    public Task SequentialAwaitsOnOneContext_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(ShopContext db)
            {
                var customers = await db.Customers.ToListAsync();
                var orders = await db.Orders.ToListAsync();
                await Task.WhenAll(Task.Delay(1), Task.Delay(2));
            }
        }
        """);

    [Fact]
    public Task WhenAll_OneContextOperationAndOtherWork_NoDiagnostic() => VerifyAnalyzer("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(ShopContext db, HttpClient http)
            {
                var name = db.ProviderName;
                await Task.WhenAll(db.Customers.ToListAsync(), http.GetStringAsync("https://example.com/" + name), http.GetStringAsync("https://example.com/b"));
            }
        }
        """);

    [Fact]
    public Task WhenAll_TaskListParameterOrReassignedLocal_NoDiagnostic() => VerifyAnalyzer("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task M(ShopContext db, IEnumerable<Task> tasks, bool again)
            {
                await Task.WhenAll(tasks);
                var first = db.Customers.ToListAsync();
                if (again)
                {
                    first = Task.FromResult(new List<Customer>());
                }

                var second = db.Orders.ToListAsync();
                await Task.WhenAll(first, second);
            }
        }
        """);

    // ---- Where it stays silent: through methods and services ----

    [Fact]
    public Task WhenAll_MethodsThatCreateTheirOwnContext_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class Reports(IDbContextFactory<ShopContext> factory)
        {
            public async Task Load()
            {
                await Task.WhenAll(CountCustomersAsync(), CountOrdersAsync());
            }

            private async Task<int> CountCustomersAsync()
            {
                await using var db = await factory.CreateDbContextAsync();
                return await db.Customers.CountAsync();
            }

            private async Task<int> CountOrdersAsync()
            {
                await using var db = await factory.CreateDbContextAsync();
                return await db.Orders.CountAsync();
            }
        }
        """);

    [Fact]
    public Task WhenAll_ContextListedAsConcurrencySafe_NoDiagnostic()
    {
        var test = new Verify.AnalyzerTest<SharedResourceAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;
                using Microsoft.EntityFrameworkCore;
                using Shop;

                class C
                {
                    async Task M(ShopContext db)
                    {
                        await Task.WhenAll(db.Customers.ToListAsync(), db.Orders.ToListAsync());
                    }
                }
                """ + Libraries,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*]\nasync_lessons.AL0001.concurrent_safe_types = Shop.ShopContext\n"));
        return test.RunAsync();
    }

    // ---- Where it stays silent: Parallel loops ----

    [Fact]
    public Task ParallelFor_BodyUnderALock_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            private readonly object _gate = new();

            void M(StreamWriter log)
            {
                Parallel.For(0, 10, i =>
                {
                    lock (_gate)
                    {
                        log.WriteLine(i);
                    }
                });
            }
        }
        """);

    [Fact]
    public Task ParallelForEachAsync_BodyWaitsForASemaphore_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            private readonly SemaphoreSlim _gate = new(1);

            async Task M(ShopContext db, int[] ids)
            {
                await Parallel.ForEachAsync(ids, async (id, token) =>
                {
                    await _gate.WaitAsync(token);
                    try
                    {
                        await db.Customers.FindAsync(id);
                    }
                    finally
                    {
                        _gate.Release();
                    }
                });
            }
        }
        """);

    [Fact]
    public Task ParallelForEach_EachItemHasItsOwnStream_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            void M(string[] paths, byte[] data)
            {
                Parallel.ForEach(paths, path =>
                {
                    using var stream = File.OpenWrite(path);
                    stream.Write(data);
                });
            }
        }
        """);

    // ---- Where it stays silent: files ----

    [Fact]
    public Task WhenAll_TwoReadsOfOneFileOrWritesOfTwoFiles_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(string path, string other)
            {
                await Task.WhenAll(File.ReadAllTextAsync(path), File.ReadAllBytesAsync(path));
                await Task.WhenAll(File.WriteAllTextAsync(path, "a"), File.WriteAllTextAsync(other, "b"));
                await Task.WhenAll(File.WriteAllTextAsync("a.txt", "a"), File.WriteAllTextAsync("b.txt", "b"));
            }
        }
        """);

    // ---- Where it stays silent: streams, sockets, writers ----

    [Fact]
    public Task WhenAll_CopyBothWaysBetweenTwoStreams_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Net.Sockets;
        using System.Threading.Tasks;

        class Proxy
        {
            async Task M(NetworkStream client, NetworkStream server)
            {
                await Task.WhenAll(client.CopyToAsync(server), server.CopyToAsync(client));
            }
        }
        """);

    [Fact]
    public Task WhenAll_OneReadAndOneWriteOnOneSocket_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Net.Sockets;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Socket socket, byte[] a, byte[] b)
            {
                await Task.WhenAny(socket.ReceiveAsync(a, SocketFlags.None), socket.SendAsync(b, SocketFlags.None));
            }
        }
        """);

    [Fact]
    public Task WhenAll_MemoryStreamConsoleAndDifferentStreams_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M(MemoryStream memory, Stream a, Stream b, byte[] data)
            {
                await Task.WhenAll(memory.WriteAsync(data, 0, 1), memory.WriteAsync(data, 1, 1));
                await Task.WhenAll(Console.Out.WriteLineAsync("a"), Console.Out.WriteLineAsync("b"));
                await Task.WhenAll(a.WriteAsync(data, 0, 1), b.WriteAsync(data, 0, 1));
            }
        }
        """);

    [Fact]
    public Task WhenAll_TwoWritesThroughAMethodThatTakesALock_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class Connection
        {
            private readonly Stream _stream = Stream.Null;
            private readonly SemaphoreSlim _writeLock = new(1);

            async Task SendAsync(byte[] packet)
            {
                await _writeLock.WaitAsync();
                try
                {
                    await _stream.WriteAsync(packet);
                }
                finally
                {
                    _writeLock.Release();
                }
            }

            Task M(byte[] a, byte[] b) => Task.WhenAll(SendAsync(a), SendAsync(b));
        }
        """);

    [Fact]
    public Task WhenAll_StreamPassedToAHelperOfThisFileThatTakesALock_NoDiagnostic() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class Sender
        {
            private static readonly SemaphoreSlim Gate = new(1);

            static async Task SendFrameAsync(Stream stream, byte[] frame)
            {
                await Gate.WaitAsync();
                try
                {
                    await stream.WriteAsync(frame);
                }
                finally
                {
                    Gate.Release();
                }
            }

            Task M(Stream stream, byte[] a, byte[] b) => Task.WhenAll(SendFrameAsync(stream, a), SendFrameAsync(stream, b));
        }
        """);
}
