namespace AsyncLessons.Internals;

/// <summary>
/// A value held by reference, so that a framework collection of it runs the framework's shared, precompiled code: a
/// <c>ConcurrentDictionary&lt;K, ImmutableArray&lt;T&gt;&gt;</c> is compiled afresh in every compiler process, a
/// <c>ConcurrentDictionary&lt;K, Box&lt;ImmutableArray&lt;T&gt;&gt;&gt;</c> is not (<c>AheadOfTimeTests</c>). The same for an
/// enum of ours (AL0008's <c>ResourceKind</c>).
/// </summary>
internal sealed class Box<T>(T value)
{
    public T Value { get; } = value;
}
