using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class SyncIOInAsyncTests
{
    // ---- Fix All --------------------------------------------------------------------------------------------

    [Fact]
    public Task FixAll_AcrossDocuments_RewritesCallsAndUsings()
    {
        var test = new Verify.CodeFixTest<SyncIOInAsyncAnalyzer, SyncIOInAsyncCodeFix>();
        test.TestState.Sources.Add(("A.cs", """
            using System.IO;
            using System.Threading.Tasks;

            class A
            {
                async Task M(string path)
                {
                    [|using|] var writer = new StreamWriter(path);
                    [|writer.WriteLine([|File.ReadAllText(path)|])|];
                    await Task.Yield();
                }
            }
            """));
        test.TestState.Sources.Add(("B.cs", """
            using System.IO;
            using System.Threading.Tasks;

            class B
            {
                async Task<int> M(Stream stream, byte[] buffer)
                {
                    await Task.Yield();
                    return [|stream.Read(buffer, 0, buffer.Length)|];
                }
            }
            """));
        test.FixedState.Sources.Add(("A.cs", """
            using System.IO;
            using System.Threading.Tasks;

            class A
            {
                async Task M(string path)
                {
                    await using var writer = new StreamWriter(path);
                    await writer.WriteLineAsync(await File.ReadAllTextAsync(path));
                    await Task.Yield();
                }
            }
            """));
        test.FixedState.Sources.Add(("B.cs", """
            using System.IO;
            using System.Threading.Tasks;

            class B
            {
                async Task<int> M(Stream stream, byte[] buffer)
                {
                    await Task.Yield();
                    return await stream.ReadAsync(buffer, 0, buffer.Length);
                }
            }
            """));
        return test.RunAsync();
    }

    // ---- Robustness -----------------------------------------------------------------------------------------

    [Fact]
    public Task SyncCall_HalfTypedAndErrorTypes_NoDiagnosticNoCrash() => VerifyAnalyzer("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task M({|CS0246:Unknown|} thing)
            {
                await Task.Yield();
                thing.Read();
                File.{|CS0117:ReadAllTex|}("a");
                _ = File.ReadAllText({|CS0103:missing|});
                using var x = {|CS0103:nothing|};
            }
        }
        """);
}
