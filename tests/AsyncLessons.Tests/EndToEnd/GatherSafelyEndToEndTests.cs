using System;
using System.IO;
using System.Threading.Tasks;
using AsyncLessons.Tests.Infrastructure;
using Xunit;

namespace AsyncLessons.Tests.EndToEnd;

/// <summary>
/// The notes' file race, proved on a real program: the packed analyzers report AL0008 on a write and a read of one
/// file started together, <c>dotnet format</c> applies "Run them one after another", and the fixed program builds and
/// reads back exactly what it wrote.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(PackedPackageCollection.Name)]
public sealed class GatherSafelyEndToEndTests : IDisposable
{
    // The notes' main(): write_task and read_task created, then gathered. The text is long enough that a read
    // overlapping the write rarely sees all of it.
    private const string ConsumerProgram = """
        using System;
        using System.IO;
        using System.Threading.Tasks;

        public static class Program
        {
            public static async Task Main(string[] args)
            {
                var filename = Path.Combine(args[0], "example.txt");
                var data = string.Concat(System.Linq.Enumerable.Repeat("Hello, world! ", 50000));

                var writeTask = WriteToFileAsync(filename, data);
                var readTask = ReadFromFileAsync(filename);
                await Task.WhenAll(writeTask, readTask);

                var text = await readTask;
                Console.WriteLine($"READ {text.Length} {(text == data ? "same" : "different")}");
            }

            static async Task WriteToFileAsync(string filename, string data) =>
                await File.WriteAllTextAsync(filename, data);

            static async Task<string> ReadFromFileAsync(string filename)
            {
                try
                {
                    return await File.ReadAllTextAsync(filename);
                }
                catch (IOException)
                {
                    return "";
                }
            }
        }
        """;

    private readonly PackedPackageFixture _package;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "asynclessons-gather-safely-e2e-" + Guid.NewGuid().ToString("N"));

    public GatherSafelyEndToEndTests(PackedPackageFixture package) => _package = package;

    public void Dispose() => PackedPackageFixture.TryDelete(_work);

    [Fact]
    public async Task Package_FixesTheNotesFileRace_FixedProgramReadsBackWhatItWrote()
    {
        _package.AssertPacked();
        var consumer = Directory.CreateDirectory(Path.Combine(_work, "consumer")).FullName;
        var files = Directory.CreateDirectory(Path.Combine(_work, "files")).FullName;
        _package.WriteConsoleConsumer(consumer);
        var program = Path.Combine(consumer, "Program.cs");
        await File.WriteAllTextAsync(program, ConsumerProgram);

        // 1. The race is reported, where the two tasks are combined.
        var build = await PackedPackageFixture.Dotnet("build -nologo", consumer);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("warning AL0008: Task.WhenAll runs operations on the file 'filename' at the same time", build.Output, StringComparison.Ordinal);

        // 2. dotnet format runs them one after another: the write is awaited before the read starts.
        var format = await PackedPackageFixture.Dotnet("format analyzers --diagnostics AL0008 --severity warn", consumer);
        Assert.True(format.ExitCode == 0, format.ToString());
        var fixedProgram = await File.ReadAllTextAsync(program);
        Assert.True(
            fixedProgram.Contains("var writeTask = WriteToFileAsync(filename, data);\n        await writeTask;\n        var readTask = ReadFromFileAsync(filename);", StringComparison.Ordinal),
            fixedProgram);

        // 3. The fixed program builds without AL0008 and reads back all of what it wrote, every time.
        var rebuild = await PackedPackageFixture.Dotnet("build -nologo --no-incremental", consumer);
        Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
        Assert.DoesNotContain("AL0008", rebuild.Output, StringComparison.Ordinal);
        for (var run = 0; run < 3; run++)
        {
            var result = await PackedPackageFixture.Dotnet($"run --no-build -- \"{files}\"", consumer);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("READ 700000 same", result.Output, StringComparison.Ordinal);
            File.Delete(Path.Combine(files, "example.txt"));
        }
    }
}
