using System.Threading.Tasks;
using Xunit;

namespace AsyncLessons.Tests.Rules;

/// <summary>The fix keeps the statement's layout: a blank line or a comment above it stays above the new <c>await</c>.</summary>
public partial class BlockingWaitTests
{
    [Fact]
    public Task Fix_WaitWithMillisecondsAfterABlankLine_AwaitStaysOnTheStatementsLine() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            private const int DefaultTimeout = 1000;

            async Task M(Task work)
            {
                await Task.Yield();

                {|AL0004:work.Wait(DefaultTimeout)|};
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;

        class C
        {
            private const int DefaultTimeout = 1000;

            async Task M(Task work)
            {
                await Task.Yield();

                await work.WaitAsync(TimeSpan.FromMilliseconds(DefaultTimeout));
            }
        }
        """);

    [Fact]
    public Task Fix_WaitWithMillisecondsAfterAComment_AwaitStaysBelowTheComment() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task work)
            {
                await Task.Yield();
                // At most a second.
                {|AL0004:work.Wait(1000)|};
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task M(Task work)
            {
                await Task.Yield();
                // At most a second.
                await work.WaitAsync(TimeSpan.FromMilliseconds(1000));
            }
        }
        """);
}
