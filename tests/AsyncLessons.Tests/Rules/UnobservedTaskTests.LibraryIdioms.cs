using System.Threading.Tasks;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class UnobservedTaskTests
{
    // ---- Idioms of real libraries in which dropping the task is the point ---------------------------------------

    [Fact]
    public Task ContinuationThatRunsOnSuccess_Diagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            void M(Task task)
            {
                [|task.ContinueWith(t => Console.WriteLine("done"), TaskContinuationOptions.OnlyOnRanToCompletion)|];
            }
        }
        """);

    [Theory]
    [InlineData("TaskContinuationOptions.OnlyOnFaulted")]
    [InlineData("TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously")]
    public Task FaultObserverContinuation_NoDiagnostic(string options) => VerifyAnalyzer($$"""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            void M(Task task)
            {
                task.ContinueWith(t => Console.WriteLine(t.Exception), {{options}});
                task.ContinueWith(t => _ = t.Exception, CancellationToken.None, {{options}}, TaskScheduler.Default);
                Task? maybe = task;
                maybe?.ContinueWith(t => Console.WriteLine(t.Exception), {{options}});
            }
        }
        """);

    [Fact]
    public Task HelperThatHandsTheTaskOn_NoDiagnostic_OneThatMakesANewTask_Diagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        static class TaskExtensions
        {
            public static Task ObserveErrors(this Task task)
            {
                task.ContinueWith(t => Console.WriteLine(t.Exception), TaskContinuationOptions.OnlyOnFaulted);
                return task;
            }

            public static Task Forget(this Task task) => task;

            public static Task WithTimeout(this Task task, int milliseconds) => Task.WhenAny(task, Task.Delay(milliseconds));
        }

        class C
        {
            void M()
            {
                Api.SendAsync().ObserveErrors();
                Api.SendAsync().Forget();
                [|Api.SendAsync().WithTimeout(100)|];
            }
        }
        """);

    [Fact]
    public Task ContinuationThatOnlyTrySetsACompletionSource_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            void M(Task<int> task, TaskCompletionSource<int> tcs)
            {
                task.ContinueWith(t =>
                {
                    if (t.IsFaulted)
                    {
                        tcs.TrySetException(t.Exception!.InnerExceptions);
                    }
                    else
                    {
                        tcs.TrySetResult(t.Result);
                    }
                });
                [|task.ContinueWith(t => tcs.SetResult(t.Result))|];
            }
        }
        """);

    [Fact]
    public Task ExplicitFireAndForgetFlags_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Threading.Tasks;

        [Flags]
        enum CommandFlags
        {
            None = 0,
            HighPriority = 1,
            FireAndForget = 2,
        }

        class Database
        {
            public Task<bool> StringSetAsync(string key, string value, CommandFlags flags = CommandFlags.None) => Task.FromResult(true);
            public Task PublishAsync(string channel, bool fireAndForget = false) => Task.CompletedTask;
        }

        class C
        {
            void M(Database db)
            {
                db.StringSetAsync("k", "v", CommandFlags.FireAndForget);
                db.StringSetAsync("k", "v", flags: CommandFlags.FireAndForget | CommandFlags.HighPriority);
                db.PublishAsync("news", fireAndForget: true);
                [|db.StringSetAsync("k", "v", CommandFlags.HighPriority)|];
                [|db.PublishAsync("news", fireAndForget: false)|];
            }
        }
        """);

    [Fact]
    public Task ContinuationScheduledByAnAwaiter_NoDiagnostic() => VerifyAnalyzer("""
        using System;
        using System.Runtime.CompilerServices;
        using System.Threading.Tasks;

        readonly struct ThreadPoolAwaiter : ICriticalNotifyCompletion
        {
            public bool IsCompleted => false;
            public void GetResult() { }
            public void OnCompleted(Action continuation) => Task.Run(continuation);
            public void UnsafeOnCompleted(Action continuation)
            {
                Task.Run(continuation);
            }
        }

        class NotAnAwaiter
        {
            public void OnCompleted(Action continuation) => [|Task.Run(continuation)|];
        }
        """);

    [Fact]
    public Task UnderPragmaDisablingCS4014_NoDiagnostic() => VerifyAnalyzer("""
        using System.Threading.Tasks;

        class C
        {
            void M()
            {
        #pragma warning disable CS4014 // fire and forget: the sender retries on its own
                Api.SendAsync();
                Task.Run(() => Api.SendAsync());
        #pragma warning restore CS4014
                [|Api.SendAsync()|];
        #pragma warning disable 4014
                Api.SendAsync();
        #pragma warning restore 4014
            }
        }
        """);
}
