namespace AsyncLessons.Internals;

/// <summary>
/// The keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> through which an analyzer tells its fixer
/// what it learned, so the fixer does not redo the analysis.
/// </summary>
public static class DiagnosticProperties
{
    /// <summary>Present when no code fix may be offered (for example inside a <c>lock</c> statement).</summary>
    public const string NoFix = "NoFix";

    /// <summary>The name of a <see cref="System.Threading.CancellationToken"/> parameter in scope to forward.</summary>
    public const string CancellationTokenName = "CancellationTokenName";

    /// <summary>Present when a sleep of zero should become <c>Task.Yield()</c>.</summary>
    public const string UseYield = "UseYield";

    /// <summary>Present when every await of an AL0001 run (or the AL0007 loop's await) had <c>.ConfigureAwait(false)</c>.</summary>
    public const string ConfigureAwaitFalse = "ConfigureAwaitFalse";

    /// <summary>AL0001: one character per await of the run, in order: <c>T</c> for a Task, <c>V</c> for a ValueTask (needs <c>.AsTask()</c>).</summary>
    public const string AwaitedKinds = "AwaitedKinds";

    /// <summary>AL0007: present when the awaited call returns a ValueTask (<c>.AsTask()</c> before <c>Task.WhenAll</c>).</summary>
    public const string IsValueTask = "IsValueTask";

    /// <summary>AL0007: present when the loop appends each result to a <c>List&lt;T&gt;</c> (the fix uses <c>AddRange</c>).</summary>
    public const string CollectsResults = "CollectsResults";

    /// <summary>AL0007: present when <c>Parallel.ForEachAsync</c> exists and the loop collects nothing.</summary>
    public const string CanUseParallelForEach = "CanUseParallelForEach";
}
