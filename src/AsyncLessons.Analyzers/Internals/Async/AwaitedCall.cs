using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLessons.Internals;

/// <summary>How an <c>await</c> configured its continuation.</summary>
internal enum AwaitConfiguration
{
    /// <summary>No <c>ConfigureAwait</c>, or <c>ConfigureAwait(true)</c>: the context is captured.</summary>
    CapturesContext,

    /// <summary><c>ConfigureAwait(false)</c>.</summary>
    NoContext,

    /// <summary>Anything else (a non-constant argument, <c>ConfigureAwaitOptions</c>): a fix cannot keep it faithfully.</summary>
    Other,
}

/// <summary>
/// An <c>await</c> of exactly one call that returns Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt;, optionally
/// through <c>.ConfigureAwait(...)</c>: <c>await F(...)</c>. Shared by AL0001 and AL0007.
/// </summary>
internal readonly struct AwaitedCall
{
    private AwaitedCall(IAwaitOperation await, IInvocationOperation call, AwaitConfiguration configuration, bool isValueTask)
    {
        Await = await;
        Call = call;
        Configuration = configuration;
        IsValueTask = isValueTask;
    }

    public IAwaitOperation Await { get; }

    /// <summary>The awaited call itself (inside any <c>ConfigureAwait</c>).</summary>
    public IInvocationOperation Call { get; }

    public AwaitConfiguration Configuration { get; }

    /// <summary>True when the call returns ValueTask or ValueTask&lt;T&gt;.</summary>
    public bool IsValueTask { get; }

    /// <summary>
    /// Recognizes <c>await F(...)</c> and <c>await F(...).ConfigureAwait(x)</c> where F returns a task-like type.
    /// Timing calls whose order is the point (<c>Task.Delay</c>) and code with errors are not awaited calls.
    /// </summary>
    public static bool TryCreate(IOperation? operation, KnownTypes types, out AwaitedCall awaitedCall)
    {
        awaitedCall = default;
        if (operation is not IAwaitOperation await)
        {
            return false;
        }

        var operand = await.Operation;
        var configuration = AwaitConfiguration.CapturesContext;
        if (operand is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } instance } configure
            && types.IsTaskOrValueTask(configure.TargetMethod.ContainingType))
        {
            configuration = configure.Arguments.Length == 1
                && configure.Arguments[0].Value.ConstantValue is { HasValue: true, Value: bool value }
                && configure.Arguments[0].Value.Type.IsEqualTo(configure.SemanticModel?.Compilation.GetSpecialType(SpecialType.System_Boolean))
                ? (value ? AwaitConfiguration.CapturesContext : AwaitConfiguration.NoContext)
                : AwaitConfiguration.Other;
            operand = instance;
        }

        if (operand is not IInvocationOperation call
            || call.Type is not INamedTypeSymbol { TypeKind: not TypeKind.Error } type
            || !types.IsTaskLike(type)
            || IsTimingCall(call.TargetMethod, types))
        {
            return false;
        }

        var definition = type.OriginalDefinition;
        var isValueTask = definition.IsEqualTo(types.ValueTask)
            || definition.IsEqualTo(types.ValueTaskOfT);
        awaitedCall = new AwaitedCall(await, call, configuration, isValueTask);
        return true;
    }

    /// <summary><c>Task.Delay</c>: waiting is its whole purpose, so its place in the order is the point.</summary>
    private static bool IsTimingCall(IMethodSymbol method, KnownTypes types) =>
        method.IsStatic
        && method.Name is "Delay" or "Yield"
        && method.ContainingType.IsEqualTo(types.Task);
}
