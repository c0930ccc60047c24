using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Xunit;

namespace AsyncLessons.Tests.Rules;

/// <summary>
/// The second action for an <c>async void</c> method: return Task and take the <c>Async</c> suffix, offered only where
/// nothing outside the project can see the method and the new name is free. The recommended action keeps the name.
/// </summary>
public partial class AsyncVoidTests
{
    private static Task VerifyRename(string source, string fixedSource, int iterations = 1)
    {
        var test = new Verify.CodeFixTest<AsyncVoidAnalyzer, AsyncVoidCodeFix>
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = AsyncVoidCodeFix.RenameKey,
            CodeActionIndex = 1,
            NumberOfFixAllIterations = iterations,
        };
        return test.RunAsync();
    }

    private static Task VerifyRenameNotOffered(string source)
    {
        var test = new Verify.CodeFixTest<AsyncVoidAnalyzer, AsyncVoidCodeFix>
        {
            TestCode = source,
            FixedCode = source,
            CodeActionEquivalenceKey = AsyncVoidCodeFix.RenameKey,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task FixRename_PrivateMethod_ReturnsTaskTakesTheSuffix_AndItsCallersFollow() => VerifyRename("""
        using System.Threading.Tasks;

        class C
        {
            private async void [|Save|]()
            {
                await Task.Delay(1);
            }

            async Task Run()
            {
                Save();
                await Task.Yield();
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            private async Task SaveAsync()
            {
                await Task.Delay(1);
            }

            async Task Run()
            {
                await SaveAsync();
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task FixRename_LocalFunction_TakesTheSuffix() => VerifyRename("""
        using System.Threading.Tasks;

        class C
        {
            async Task Run()
            {
                async void [|Send|]() => await Task.Delay(1);
                Send();
                await Task.Yield();
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task Run()
            {
                async Task SendAsync() => await Task.Delay(1);
                await SendAsync();
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task FixRename_PublicMethod_NotOffered() => VerifyRenameNotOffered("""
        using System.Threading.Tasks;

        public class C
        {
            public async void [|Save|]()
            {
                await Task.Delay(1);
            }
        }
        """);

    [Fact]
    public Task FixRename_InternalMethodOfAnAssemblyWithInternalsVisibleTo_NotOffered() => VerifyRenameNotOffered("""
        using System.Threading.Tasks;

        [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Tests")]

        class C
        {
            internal async void [|Save|]()
            {
                await Task.Delay(1);
            }
        }
        """);

    [Fact]
    public Task FixRename_NameTaken_NotOffered() => VerifyRenameNotOffered("""
        using System.Threading.Tasks;

        class C
        {
            private async void [|Save|]()
            {
                await Task.Delay(1);
            }

            private Task SaveAsync() => Task.CompletedTask;
        }
        """);

    [Fact]
    public Task FixRename_AlreadySuffixed_NotOffered() => VerifyRenameNotOffered("""
        using System.Threading.Tasks;

        class C
        {
            private async void [|SaveAsync|]()
            {
                await Task.Delay(1);
            }
        }
        """);

    [Fact]
    public Task FixRecommended_PrivateMethod_KeepsTheName() => VerifyFix("""
        using System.Threading.Tasks;

        class C
        {
            private async void [|Save|]()
            {
                await Task.Delay(1);
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            private async Task Save()
            {
                await Task.Delay(1);
            }
        }
        """);
}
