using System.Threading.Tasks;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class UnobservedTaskTests
{
    // ---- Configuration: ignored_methods and ignored_types --------------------------------------------------------

    [Fact]
    public Task UnknownNamesInOptions_AreIgnored() => VerifyWithOptions("""
        class C
        {
            void M()
            {
                [|Api.SendAsync()|];
            }
        }
        """, "async_lessons.AL0003.ignored_methods = , No.Such.Method, M:Nope(, Api\nasync_lessons.AL0003.ignored_types = Missing.Type<,>");

    [Fact]
    public Task IgnoredMethods_TypeAndMethodName_NoDiagnostic() => VerifyWithOptions("""
        class C
        {
            void M()
            {
                Api.SendAsync();
                [|Api.CountAsync()|];
            }
        }
        """, "async_lessons.AL0003.ignored_methods = Api.SendAsync");

    [Fact]
    public Task IgnoredMethods_DocumentationCommentId_MatchesThatOverloadOnly() => VerifyWithOptions("""
        using System.Threading.Tasks;

        namespace Telemetry
        {
            static class Tracker
            {
                public static Task Send(string name) => Task.CompletedTask;
                public static Task Send(int id) => Task.CompletedTask;
            }
        }

        class C
        {
            void M()
            {
                Telemetry.Tracker.Send("start");
                [|Telemetry.Tracker.Send(1)|];
            }
        }
        """, "async_lessons.AL0003.ignored_methods = M:Telemetry.Tracker.Send(System.String)");

    [Fact]
    public Task IgnoredMethods_SeveralEntriesAndExtensionMethod_NoDiagnostic() => VerifyWithOptions("""
        using System.Threading.Tasks;
        using Logging;

        namespace Logging
        {
            static class LogExtensions
            {
                public static Task FlushLaterAsync(this string text) => Task.CompletedTask;
            }
        }

        class C
        {
            void M()
            {
                "x".FlushLaterAsync();
                Api.SendAsync();
                Task.Run(() => { });
            }
        }
        """, "async_lessons.AL0003.ignored_methods = Logging.LogExtensions.FlushLaterAsync, Api.SendAsync,System.Threading.Tasks.Task.Run");

    [Fact]
    public Task IgnoredTypes_GenericTypeByName_NoDiagnostic() => VerifyWithOptions("""
        using System.Threading.Tasks;

        class C
        {
            void M()
            {
                Api.CountAsync();
                Api.PeekAsync();
                [|Api.SendAsync()|];
            }
        }
        """, "async_lessons.AL0003.ignored_types = System.Threading.Tasks.Task<TResult>, T:System.Threading.Tasks.ValueTask`1");

    [Fact]
    public Task IgnoredTypes_AppliesToUnusedLocals() => VerifyWithOptions("""
        class C
        {
            void M()
            {
                var pending = Api.FlushAsync();
            }
        }
        """, "async_lessons.AL0003.ignored_types = System.Threading.Tasks.ValueTask");
}
