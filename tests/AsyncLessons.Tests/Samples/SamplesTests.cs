using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace AsyncLessons.Tests.Samples;

/// <summary>The samples as a user meets them: the correct app builds clean and runs; the gallery shows every rule.</summary>
[Trait("Category", "Samples")]
public sealed class SamplesTests : IClassFixture<SamplesFixture>
{
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
    public async Task SamplesApp_QuickRun_RunsEveryLesson()
    {
        var list = await _samples.RunSamples("--list");
        Assert.True(list.ExitCode == 0, list.ToString());
        var names = list.Output.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0].Trim()).ToArray();
        Assert.Contains("sleep", names);

        var run = await _samples.RunSamples("--quick");
        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var name in names)
        {
            Assert.Contains($"== {name}:", run.Output, System.StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SamplesApp_SleepLesson_PollsWithoutBlocking()
    {
        var run = await _samples.RunSamples("--lesson sleep --quick");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(new Regex(@"ready after [2-9]\d* polls"), run.Output);
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
    public async Task SamplesApp_GatherLesson_WhenAllIsFasterThanOneAfterAnother()
    {
        var run = await _samples.RunSamples("--lesson gather --quick");
        Assert.True(run.ExitCode == 0, run.ToString());
        var sequential = Regex.Match(run.Output, @"one after another: .* in (\d+) ms");
        var together = Regex.Match(run.Output, @"with Task\.WhenAll: .* in (\d+) ms");
        Assert.True(sequential.Success && together.Success, run.Output);
        Assert.True(int.Parse(together.Groups[1].Value) < int.Parse(sequential.Groups[1].Value), run.Output);
    }

    [Fact]
    public async Task SamplesApp_GatherManyLesson_WhenAllIsFasterThanALoopOfAwaits()
    {
        var run = await _samples.RunSamples("--lesson gather-many --quick");
        Assert.True(run.ExitCode == 0, run.ToString());
        var sequential = Regex.Match(run.Output, @"one await per item: (.*) in (\d+) ms");
        var together = Regex.Match(run.Output, @"with Task\.WhenAll: (.*) in (\d+) ms");
        Assert.True(sequential.Success && together.Success, run.Output);
        Assert.Equal(sequential.Groups[1].Value, together.Groups[1].Value);
        Assert.True(int.Parse(together.Groups[2].Value) < int.Parse(sequential.Groups[2].Value), run.Output);
        Assert.Contains("with Parallel.ForEachAsync, 2 at a time:", run.Output, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task SamplesApp_UnknownLesson_FailsWithAClearMessage()
    {
        var run = await _samples.RunSamples("--lesson no-such-lesson");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Unknown lesson 'no-such-lesson'", run.Output, System.StringComparison.Ordinal);
    }
}
