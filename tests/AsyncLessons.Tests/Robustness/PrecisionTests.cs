using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AsyncLessons.Corpus;
using Xunit;

namespace AsyncLessons.Tests.Robustness;

/// <summary>
/// On the generated corpus (correct, realistic async code with each rule's mistake planted at a low rate), every
/// AsyncLessons analyzer at its default severity reports exactly the planted mistakes: no diagnostic on correct code,
/// no planted mistake missed.
/// </summary>
[Trait("Category", RobustnessHarness.Category)]
public class PrecisionTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task GeneratedCorpus_ReportsExactlyThePlantedMistakes(int scale)
    {
        var files = AsyncCorpus.GenerateScale(scale);
        var compilation = RobustnessHarness.Compile(files.Select(f => RobustnessHarness.Parse(f.Text, f.Name)));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));

        var exceptions = new ConcurrentBag<string>();
        var diagnostics = await RobustnessHarness.AnalyzeAsync(compilation, exceptions, concurrent: true);
        Assert.Empty(exceptions);

        var planted = AsyncCorpus.PlantedMistakes(files).Select(p => $"{p.File}:{p.Line}: {p.RuleId}").ToHashSet(StringComparer.Ordinal);
        Assert.All(AsyncCorpus.MistakeRuleIds, id => Assert.Contains(planted, p => p.EndsWith(": " + id, StringComparison.Ordinal)));

        var texts = files.ToDictionary(f => f.Name, f => f.Text.Split('\n'), StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var stray = new List<string>();
        foreach (var diagnostic in diagnostics)
        {
            var file = diagnostic.Location.SourceTree?.FilePath ?? "(no file)";
            var line = diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1;
            var key = $"{file}:{line}: {diagnostic.Id}";
            reported.Add(key);
            if (!planted.Contains(key))
            {
                var source = texts.TryGetValue(file, out var lines) && line <= lines.Length ? lines[line - 1].Trim() : string.Empty;
                stray.Add($"{key} {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} | {source}");
            }
        }

        var missed = planted.Where(p => !reported.Contains(p)).OrderBy(p => p, StringComparer.Ordinal).ToList();
        Assert.True(stray.Count == 0 && missed.Count == 0,
            "Diagnostics on correct code:\n" + string.Join("\n", stray.OrderBy(s => s, StringComparer.Ordinal))
            + "\nPlanted mistakes not reported:\n" + string.Join("\n", missed));
    }
}
