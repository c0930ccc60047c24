using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Xunit;

namespace AsyncLessons.Tests.Rules;

/// <summary>
/// A fix that makes a line longer or shorter keeps an aligned trailing comment in its column. (The markup of a
/// diagnostic, <c>{|AL0005:</c> and <c>|}</c>, takes 11 columns in the source as written: the comments of the marked
/// lines are aligned once it is removed.)
/// </summary>
public class TrailingCommentAlignmentTests
{
    [Fact]
    public Task SyncIO_LongerLine_AlignedCommentKeepsItsColumn() => Verify.CodeFix<SyncIOInAsyncAnalyzer, SyncIOInAsyncCodeFix>("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(string path)
            {
                await Task.Yield();
                var size = path.Length;                      // the length
                var text = {|AL0005:File.ReadAllText(path)|};           // the text
                return text + size;
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(string path)
            {
                await Task.Yield();
                var size = path.Length;                      // the length
                var text = await File.ReadAllTextAsync(path); // the text
                return text + size;
            }
        }
        """);

    [Fact]
    public Task BlockingWait_ShorterLine_AlignedCommentKeepsItsColumn() => Verify.CodeFix<BlockingWaitAnalyzer, BlockingWaitCodeFix>("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> count)
            {
                await Task.Yield();
                var total = {|AL0004:count.GetAwaiter().GetResult()|};      // the count
                var other = total + 1;                           // one more
                return other;
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M(Task<int> count)
            {
                await Task.Yield();
                var total = await count;                         // the count
                var other = total + 1;                           // one more
                return other;
            }
        }
        """);

    [Fact]
    public Task OneSpaceBeforeTheComment_IsNotAlignment_StaysOneSpace() => Verify.CodeFix<SyncIOInAsyncAnalyzer, SyncIOInAsyncCodeFix>("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(string path)
            {
                await Task.Yield();
                var text = {|AL0005:File.ReadAllText(path)|}; // the text
                return text;
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> M(string path)
            {
                await Task.Yield();
                var text = await File.ReadAllTextAsync(path); // the text
                return text;
            }
        }
        """);
}
