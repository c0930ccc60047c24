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

    /// <summary>
    /// Present when an async lambda is the whole argument of <c>List&lt;T&gt;.ForEach</c> called as a statement in async
    /// code, so the call may become a <c>foreach</c> loop that awaits each item.
    /// </summary>
    public const string ForEachLoop = "ForEachLoop";

    /// <summary>Present when <c>await</c> may be written where the diagnostic is (an async context outside <c>lock</c> and <c>unsafe</c>).</summary>
    public const string CanAwait = "CanAwait";

    /// <summary>Present when the diagnostic is on a local that holds a task and is never used afterwards.</summary>
    public const string UnusedTaskLocal = "UnusedTaskLocal";

    /// <summary>AL0004: which blocking form was found (<c>Result</c>, <c>GetResult</c>, <c>Wait</c>, <c>WaitAll</c>, <c>WaitAny</c>).</summary>
    public const string BlockingKind = "BlockingKind";

    /// <summary>AL0004: the synchronous <c>Main</c> must become <c>async</c>; the value is its new return type (<c>Task</c> or <c>Task&lt;int&gt;</c>).</summary>
    public const string MakeMainAsync = "MakeMainAsync";

    /// <summary>AL0005: the name of the async counterpart to call.</summary>
    public const string AsyncMethodName = "AsyncMethodName";

    /// <summary>AL0005: the call is <c>CreateScope()</c> as a <c>using</c> resource: the fix calls <c>CreateAsyncScope()</c> and makes the <c>using</c> <c>await using</c>.</summary>
    public const string AsyncScope = "AsyncScope";

    /// <summary>AL0005: pass <c>CancellationToken.None</c> because the counterpart requires a token and none is in scope.</summary>
    public const string PassNoneToken = "PassNoneToken";

    /// <summary>AL0005: the name of the counterpart's CancellationToken parameter (used when the call has named arguments).</summary>
    public const string CancellationTokenParameterName = "CancellationTokenParameterName";

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

    /// <summary>AL0008: how the operations were combined (<c>Listed</c> or <c>PerItem</c>), so the fixer knows what to take apart.</summary>
    public const string CombinedForm = "CombinedForm";

    /// <summary>
    /// AL0005: the full metadata name of the static class that holds the counterpart, when it is not the called
    /// method's own (<c>EntityFrameworkQueryableExtensions</c> for an EF Core query): the fixer imports its namespace.
    /// </summary>
    public const string CounterpartType = "CounterpartType";
}
