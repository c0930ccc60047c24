using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AsyncLessons.Tests.Infrastructure;
using Xunit;

namespace AsyncLessons.Tests.Samples;

/// <summary>
/// The samples as a user meets them: the correct app builds clean and every lesson runs and shows its outcome; the
/// gallery shows every rule. Timings are asserted only as wide ratios or as lower bounds a wait cannot beat, so a
/// loaded machine slows the run down without failing it.
/// </summary>
[Trait("Category", "Samples")]
public sealed class SamplesTests : IClassFixture<SamplesFixture>
{
    /// <summary>The lessons from the notes, in the order the app runs them (other lessons may sit between them).</summary>
    private static readonly string[] NotesLessons = ["coroutines", "gather", "arguments", "server", "files", "blocking", "sleep", "gather-many"];

    private readonly SamplesFixture _samples;

    public SamplesTests(SamplesFixture samples) => _samples = samples;

    [Fact]
    public void SamplesApp_Builds_WithZeroAsyncLessonsDiagnostics()
    {
        Assert.True(_samples.SamplesBuild.ExitCode == 0, _samples.SamplesBuild.ToString());
        Assert.DoesNotMatch(new Regex(@"\bAL[0-9]{4}\b"), _samples.SamplesBuild.Output);
    }

    [Fact]
    public void MistakesGallery_Builds_AndEveryRuleFires()
    {
        Assert.True(_samples.MistakesBuild.ExitCode == 0, _samples.MistakesBuild.ToString());
        var missing = RuleCatalogTests.Descriptors
            .Select(d => d.Id)
            .Where(id => !Regex.IsMatch(_samples.MistakesBuild.Output, $@"\.cs\(\d+,\d+\): warning {id}:"))
            .ToArray();
        Assert.True(missing.Length == 0, $"No warning for {string.Join(", ", missing)} in:\n{_samples.MistakesBuild.Output}");
    }

    [Fact]
    public async Task SamplesApp_List_NamesEveryLessonOfTheNotesInOrder()
    {
        var names = await ListedLessons();
        Assert.Equal(NotesLessons, names.Where(NotesLessons.Contains).ToArray());
        Assert.Equal(names.Length, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public async Task SamplesApp_QuickRun_RunsEveryListedLesson()
    {
        var names = await ListedLessons();
        var run = await _samples.RunSamples("--quick");
        Assert.True(run.ExitCode == 0, run.ToString());
        var headers = Regex.Matches(run.Output, @"^== ([a-z0-9-]+):", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(names, headers);
    }

    [Fact]
    public async Task SamplesApp_CoroutinesLesson_CallReturnsATask_AndAwaitLeavesTheLoopFree()
    {
        var output = await RunLesson("coroutines");
        Assert.True(
            output.IndexOf("coroutine started", StringComparison.Ordinal) < output.IndexOf("main: the call returned a Task", StringComparison.Ordinal),
            "the call runs the method up to its first await before returning:\n" + output);
        Assert.Matches(new Regex(@"the call returned a Task after \d+ ms, IsCompleted = False"), output);
        Assert.True(
            output.IndexOf("main: the call returned a Task", StringComparison.Ordinal) < output.IndexOf("coroutine ended", StringComparison.Ordinal),
            output);

        // The heartbeat ticks every tenth of the coroutine's wait (about ten times). Any tick at all proves that the
        // one-at-a-time loop ran other work during the await; on a loaded machine some ticks are lost, so no more is asked.
        Assert.True(Number(output, @"heartbeat: ticked (\d+) times") >= 1, output);
    }

    [Fact]
    public async Task SamplesApp_GatherLesson_WhenAllTakesAboutOneWaitInsteadOfThree()
    {
        var output = await RunLesson("gather");
        var sequential = Number(output, @"one after another: +(\d+) ms");
        var together = Number(output, @"Task\.WhenAll: +(\d+) ms");

        // Three waits of 200 ms one after another cannot take less than ~600 ms; together they take ~200 ms.
        Assert.True(sequential >= 540, output);
        Assert.True(together < sequential * 2 / 3, output);

        // As in the notes: with gather, the three start before any ends.
        var gathered = output[output.IndexOf("await Task.WhenAll(", StringComparison.Ordinal)..];
        var lines = gathered.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("coroutine ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["coroutine started", "coroutine started", "coroutine started", "coroutine ended", "coroutine ended", "coroutine ended"], lines);
    }

    [Fact]
    public async Task SamplesApp_ArgumentsLesson_StartsInCallOrder_AndResultsKeepArgumentOrder()
    {
        var output = await RunLesson("arguments");
        var started = Regex.Matches(output, @"coroutine started (\d)").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(["1", "2", "3", "1", "2", "3"], started);
        Assert.Equal(6, Regex.Matches(output, @"coroutine ended [123]").Count);
        Assert.Equal(2, Regex.Matches(output, @"results: \[1, 2, 3\]").Count);
    }

    [Fact]
    public async Task SamplesApp_ServerLesson_AnswersConcurrentClients_AndShutsDownCleanly()
    {
        var output = await RunLesson("server");

        var port = Number(output, @"Server running on 127\.0\.0\.1:(\d+)");
        Assert.InRange(port, 1, 65535);
        Assert.Contains("Access-Control-Allow-Origin: *; Access-Control-Allow-Methods: GET, POST, PUT, DELETE, OPTIONS; Access-Control-Allow-Headers: Content-Type", output, StringComparison.Ordinal);
        for (var client = 1; client <= 5; client++)
        {
            Assert.Contains($"client {client}: 200 \"Hello, world!\"", output, StringComparison.Ordinal);
        }

        // Five handlers that each await 200 ms: served one at a time that is at least 1000 ms; concurrently, ~200 ms.
        Assert.True(Number(output, @"all 5 answered in (\d+) ms") < 600, output);
        Assert.True(Number(output, @"at most (\d+) requests were in flight at once") >= 2, output);

        Assert.Contains("server stopped after 6 requests", output, StringComparison.Ordinal);
        Assert.Contains($"after shutdown, 127.0.0.1:{port} refuses connections: the port is released", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SamplesApp_FilesLesson_ReadsBackWhatItWrote_AndShowsEveryAnswerOfTheRace()
    {
        var output = await RunLesson("files");
        Assert.Contains("write, then read: read back \"Hello, world!\" (13 characters)", output, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"write and read started together \(gather\): the read saw (FileNotFoundException|""(|Hello, |Hello, world!)""); the file now holds ""Hello, world!"""), output);
        Assert.Matches(new Regex(@"read before the write opens the file: +FileNotFoundException"), output);
        Assert.Matches(new Regex(@"read after the file is created: +""""\r?\n"), output);
        Assert.Matches(new Regex(@"read after the first part is written: +""Hello, """), output);
        Assert.Matches(new Regex(@"read after the write completes: +""Hello, world!"""), output);
    }

    [Fact]
    public async Task SamplesApp_BlockingLesson_TaskDelayFreesTheSmallPool()
    {
        var output = await RunLesson("blocking");
        var wait = Number(output, @"each waiting (\d+) ms");
        var blocking = Number(output, @"Thread\.Sleep \(holds its thread\): +(\d+) ms");
        var nonBlocking = Number(output, @"await Task\.Delay \(frees its thread\): +(\d+) ms");

        // 16 sleeping tasks on 2 threads take 8 turns at least; 16 awaiting tasks all wait at once.
        Assert.True(blocking >= wait * 8 * 9 / 10, output);
        Assert.True(nonBlocking < blocking / 2, output);
    }

    [Fact]
    public async Task SamplesApp_SleepLesson_PollsWithoutBlocking()
    {
        var output = await RunLesson("sleep");
        Assert.Matches(new Regex(@"ready after [2-9]\d* polls"), output);
    }

    [Fact]
    public async Task SamplesApp_GatherManyLesson_WhenAllRunsAllAtOnce_ForEachAsyncKeepsItsBound()
    {
        var output = await RunLesson("gather-many");
        var work = Number(output, @"each taking (\d+) ms");
        var loop = Number(output, @"foreach with await inside: +(\d+) ms");
        var all = Number(output, @"Task\.WhenAll\(items\.Select\(\.\.\.\)\): +(\d+) ms");
        var bounded = Number(output, @"Parallel\.ForEachAsync, 3 at a time: +(\d+) ms");

        // In flight at once: exactly one for the loop, the bound for ForEachAsync, more than the bound for WhenAll.
        Assert.Equal(1, Number(output, @"foreach with await inside: .* at most (\d+) in flight"));
        Assert.True(Number(output, @"Task\.WhenAll\(items\.Select\(\.\.\.\)\): .* at most (\d+) in flight") > 3, output);
        Assert.InRange(Number(output, @"Parallel\.ForEachAsync, 3 at a time: .* at most (\d+) in flight"), 1, 3);

        // Eight items one at a time cannot beat 8 waits; three at a time cannot beat 3 rounds; all at once is one round.
        Assert.True(loop >= work * 8 * 9 / 10, output);
        Assert.True(bounded >= work * 3 * 9 / 10, output);
        Assert.True(all < loop / 2, output);
        Assert.True(bounded < loop * 3 / 4, output);

        // Every way gives the same results, in item order.
        Assert.Equal(3, Regex.Matches(output, @"results \[1, 4, 9, 16, 25, 36, 49, 64\]").Count);
    }

    [Fact]
    public async Task SamplesApp_AwaitLesson_WaitsForTheTaskAndObservesItsFailure()
    {
        var run = await _samples.RunSamples("--lesson await --quick");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("after the await: espresso brewed", run.Output, System.StringComparison.Ordinal);
        Assert.Contains("the await observed the failure: out of decaf", run.Output, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task SamplesApp_UnknownLesson_FailsWithAClearMessage()
    {
        var run = await _samples.RunSamples("--lesson no-such-lesson");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Unknown lesson 'no-such-lesson'", run.Output, StringComparison.Ordinal);
    }

    private async Task<string[]> ListedLessons()
    {
        var list = await _samples.RunSamples("--list");
        Assert.True(list.ExitCode == 0, list.ToString());
        return list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0].Trim()).ToArray();
    }

    private async Task<string> RunLesson(string name)
    {
        var run = await _samples.RunSamples($"--lesson {name} --quick");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"== {name}:", run.Output, StringComparison.Ordinal);
        return run.Output;
    }

    /// <summary>The number captured by the first group of <paramref name="pattern"/> in <paramref name="output"/>.</summary>
    private static long Number(string output, string pattern)
    {
        var match = Regex.Match(output, pattern);
        Assert.True(match.Success, $"'{pattern}' not found in:\n{output}");
        return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
