using System.Threading.Tasks;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class SequentialAwaitsTests
{
    // ---- Precision on real code (steps whose order is the point): where it fires ----------------------------

    [Fact]
    public Task MethodThatDoesMoreThanWait_StaysInTheRun_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            static async Task Refresh()
            {
                await Task.Delay(100);
                await Api.SendAsync("refresh");
            }

            async Task M(string a)
            {
                {|#0:await Api.SendAsync(a)|};
                {|#1:await Refresh()|};
            }
        }
        """,
        Run(2));

    [Fact]
    public Task VerbInsideAnotherWord_StaysInTheRun_Diagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class Catalog
        {
            public Task<int> GetCatalogAsync(int id) => Task.FromResult(id);
            public Task<int> GetBlogPostsAsync(int id) => Task.FromResult(id);
        }

        class C
        {
            async Task<int> M(Catalog first, Catalog second, int id)
            {
                var a = {|#0:await first.GetCatalogAsync(id)|};
                var b = {|#1:await second.GetBlogPostsAsync(id)|};
                return a + b;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task ObjectsBuiltFromAnIdOrASafeClient_StayIndependent_Diagnostic() => VerifyAnalyzer("""
        using System.Net.Http;
        using System.Threading.Tasks;

        class Query
        {
            public Query(int id) { }
            public Task<int> RunAsync() => Task.FromResult(0);
        }

        class C
        {
            async Task<int> M(int id, HttpClient http)
            {
                var users = new Query(id);
                var orders = new Query(id + 1);
                var a = {|#0:await users.RunAsync()|};
                var b = {|#1:await orders.RunAsync()|};
                return a + b;
            }
        }
        """,
        Run(2));

    [Fact]
    public Task TokenCopiedFromALocalTokenSource_StaysIndependent_Diagnostic() => VerifyAnalyzer("""
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(HttpClient http)
            {
                using var cts = new CancellationTokenSource(5000);
                var token = cts.Token;
                var a = {|#0:await http.GetStringAsync("https://a.example/", token)|};
                var b = {|#1:await http.GetStringAsync("https://b.example/", token)|};
                return a.Length + b.Length;
            }

            async Task<int> N(HttpClient http)
            {
                using var cts = new CancellationTokenSource(5000);
                var a = {|#2:await http.GetStringAsync("https://a.example/", cts.Token)|};
                var b = {|#3:await http.GetStringAsync("https://b.example/", cts.Token)|};
                return a.Length + b.Length;
            }
        }
        """,
        Run(2), Run(2, firstMarker: 2));

    // ---- Precision on real code (steps whose order is the point): where it stays silent ---------------------

    [Theory]
    [InlineData("await Waits.LongTestDelay();")]
    [InlineData("await Waits.SettleAsync();")]
    [InlineData("await Waits.ShortPause();")]
    [InlineData("await Waits.ThrottleRequestsAsync();")]
    [InlineData("await Waits.DelayedStep();")]
    public Task DelayInDisguise_BreaksTheRun_NoDiagnostic(string wait) => VerifyAnalyzer($$"""
        using System;
        using System.Threading.Tasks;

        static class Waits
        {
            public static Task LongTestDelay() => Task.Delay(TimeSpan.FromSeconds(1));
            public static Task SettleAsync() => Task.CompletedTask;
            public static Task ShortPause() => Task.CompletedTask;
            public static Task ThrottleRequestsAsync() => Task.CompletedTask;
            public static async Task DelayedStep()
            {
                await Task.Delay(10).ConfigureAwait(false);
                await Task.Delay(10);
            }
        }

        class C
        {
            async Task M(string a, string b)
            {
                await Api.SendAsync(a);
                {{wait}}
                await Api.ArchiveAsync(b);
            }
        }
        """);

    [Fact]
    public Task MethodWhoseBodyOnlyWaits_UnderAnyName_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            static Task Breather() => Task.Delay(TimeSpan.FromMilliseconds(100));

            static Task Quiet()
            {
                return Task.Delay(100);
            }

            async Task M(string a, string b)
            {
                await Api.SendAsync(a);
                await Breather();
                await Api.ArchiveAsync(b);
                await Quiet();
            }
        }
        """);

    [Fact]
    public Task AwaitedLoggingDelegatesAndEvents_BreakTheRun_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        interface IAuditLogger
        {
            Task WriteAsync(string line);
        }

        class C
        {
            readonly Func<string, Task> _onSent = _ => Task.CompletedTask;
            public event Func<string, Task>? Sent;
            Func<string, Task> Handler { get; } = _ => Task.CompletedTask;

            static Task LogAsync(string message) => Task.CompletedTask;
            static Task WriteErrorLogAsync(string message) => Task.CompletedTask;

            async Task M(string a, string b, IAuditLogger audit, Func<string, Task> callback)
            {
                await Api.SendAsync(a);
                await LogAsync("sent");
                await Api.ArchiveAsync(b);
                await WriteErrorLogAsync("archived");
                await Api.SendAsync(b);
                await audit.WriteAsync("again");
                await Api.ArchiveAsync(a);
                await _onSent(a);
                await Api.SendAsync(a);
                await Sent!.Invoke(a);
                await Api.ArchiveAsync(b);
                await Handler(b);
                await Api.SendAsync(b);
                await callback(b);
                await Api.ArchiveAsync(a);
            }
        }
        """);

    [Theory]
    [InlineData("ForceDisposeAsync")]
    [InlineData("TryConnectAsync")]
    [InlineData("SafeCloseAsync")]
    [InlineData("RaiseChangedAsync")]
    [InlineData("OnNotifyAsync")]
    public Task OrderSensitiveVerbAfterAPrefix_BreaksTheRun_NoDiagnostic(string name) => VerifyAnalyzer($$"""
        using System.Threading.Tasks;

        class Resource
        {
            public Task {{name}}() => Task.CompletedTask;
        }

        class C
        {
            async Task M(Resource first, Resource second)
            {
                await first.{{name}}();
                await second.{{name}}();
            }
        }
        """);

    [Fact]
    public Task ObjectsBuiltFromOneAnother_ShareState_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.IO.Pipelines;
        using System.Threading.Tasks;

        class Connection
        {
            public object? Transport { get; set; }
        }

        class Context
        {
            public Context(Connection connection) { }
            public Task<int> ReceiveAsync() => Task.FromResult(0);
        }

        class C
        {
            async Task M(byte[] data)
            {
                var pipe = new Pipe();
                var reader = pipe.Reader;
                var writer = pipe.Writer;
                await writer.WriteAsync(data);
                var result = await reader.ReadAsync();

                var connection = new Connection();
                connection.Transport = pipe;
                var context = new Context(connection);
                await pipe.Writer.WriteAsync(data);
                var received = await context.ReceiveAsync();
            }
        }
        """);
}
