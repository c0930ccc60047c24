using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLessons.Internals;

/// <summary>
/// AL0003's idioms of real libraries in which dropping a task is the point, decided from symbols and structure:
/// fault observers, helpers that hand the task on, continuations that only settle a TaskCompletionSource with
/// <c>TrySet…</c>, explicit fire-and-forget flags, awaiter plumbing, and code under <c>#pragma warning disable CS4014</c>.
/// Asked only for a value the rule would otherwise report.
/// </summary>
internal sealed class DeliberateDiscards
{
    /// <summary><c>TaskContinuationOptions.OnlyOnFaulted</c> (NotOnRanToCompletion | NotOnCanceled).</summary>
    private const long OnlyOnFaulted = 0x50000;

    private readonly INamedTypeSymbol? _task;
    private readonly INamedTypeSymbol? _continuationOptions;
    private readonly INamedTypeSymbol? _notifyCompletion;
    private readonly INamedTypeSymbol? _criticalNotifyCompletion;
    private readonly ConcurrentDictionary<SyntaxTree, DisabledRegions> _pragmas = new();

    public DeliberateDiscards(Compilation compilation)
    {
        _task = KnownTypes.Get(compilation).Task;
        _continuationOptions = KnownTypes.Get(compilation).Named("System.Threading.Tasks.TaskContinuationOptions");
        _notifyCompletion = KnownTypes.Get(compilation).Named("System.Runtime.CompilerServices.INotifyCompletion");
        _criticalNotifyCompletion = KnownTypes.Get(compilation).Named("System.Runtime.CompilerServices.ICriticalNotifyCompletion");
    }

    /// <summary>True when dropping <paramref name="value"/> is deliberate by one of the idioms.</summary>
    public bool IsDeliberate(IOperation value, ISymbol containingSymbol)
    {
        var call = value;
        while (call is IConditionalAccessOperation conditional)
        {
            // task?.ContinueWith(...): the call at the end of the chain decides.
            call = conditional.WhenNotNull;
        }

        if (call is IInvocationOperation invocation
            && (IsFaultObserver(invocation) || HandsTheTaskOn(invocation) || OnlySettlesACompletionSource(invocation) || HasFireAndForgetFlag(invocation)))
        {
            return true;
        }

        return IsAwaiterPlumbing(containingSymbol) || IsUnderDisabledCS4014(value.Syntax);
    }

    /// <summary><c>task.ContinueWith(..., TaskContinuationOptions.OnlyOnFaulted)</c>: it exists to observe an exception.</summary>
    private bool IsFaultObserver(IInvocationOperation invocation)
    {
        if (!IsContinueWith(invocation) || _continuationOptions is null)
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            if ((argument.Parameter?.Type).IsEqualTo(_continuationOptions)
                && argument.Value.ConstantValue is { HasValue: true, Value: { } options }
                && (Convert.ToInt64(options, System.Globalization.CultureInfo.InvariantCulture) & OnlyOnFaulted) == OnlyOnFaulted)
            {
                return true;
            }
        }

        return false;
    }

    private bool IsContinueWith(IInvocationOperation invocation)
    {
        if (invocation.TargetMethod.Name != "ContinueWith" || _task is null)
        {
            return false;
        }

        for (var type = invocation.TargetMethod.ContainingType; type is not null; type = type.BaseType)
        {
            if (type.OriginalDefinition.IsEqualTo(_task))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>task.Forget();</c>, <c>task.ObserveErrors();</c>: a method that takes the task as its receiver or first
    /// parameter and returns it. Declared in source, every <c>return</c> (or the expression body) must give back that
    /// parameter; from metadata, the returned type must be the parameter's and the name must say it lets the task go
    /// (<c>Forget</c>, <c>Observe</c>, <c>Ignore</c>, <c>Swallow</c>).
    /// </summary>
    private static bool HandsTheTaskOn(IInvocationOperation invocation)
    {
        var method = (invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).OriginalDefinition;
        if (!method.IsStatic || method.Parameters.Length == 0
            || !method.Parameters[0].Type.IsEqualTo(method.ReturnType))
        {
            return false;
        }

        var references = method.DeclaringSyntaxReferences;
        if (references.Length == 0)
        {
            return NameVerbs.ContainsVerb(method.Name, HandOnVerbs);
        }

        if (references.Length != 1 || references[0].GetSyntax() is not MethodDeclarationSyntax declaration)
        {
            return false;
        }

        var parameter = method.Parameters[0].Name;
        if (declaration.ExpressionBody is { Expression: var expression })
        {
            return IsParameter(expression, parameter);
        }

        if (declaration.Body is null)
        {
            return false;
        }

        var returns = 0;
        foreach (var node in declaration.Body.DescendantNodes())
        {
            if (node is ReturnStatementSyntax returnStatement)
            {
                if (returnStatement.Expression is null || !IsParameter(returnStatement.Expression, parameter))
                {
                    return false;
                }

                returns++;
            }
        }

        return returns > 0;
    }

    private static readonly string[] HandOnVerbs = { "Forget", "Observe", "Ignore", "Swallow" };

    private static bool IsParameter(ExpressionSyntax expression, string name)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression is IdentifierNameSyntax { Identifier.ValueText: var identifier } && identifier == name;
    }

    /// <summary>
    /// <c>task.ContinueWith(t =&gt; tcs.TrySetResult(...))</c>: the continuation only settles a TaskCompletionSource with
    /// the <c>TrySet…</c> methods, which cannot throw. (One that calls <c>SetResult</c> may race and throw: still reported.)
    /// </summary>
    private bool OnlySettlesACompletionSource(IInvocationOperation invocation)
    {
        if (!IsContinueWith(invocation))
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            var value = argument.Value;
            while (value is IDelegateCreationOperation or IConversionOperation)
            {
                value = value is IDelegateCreationOperation creation ? creation.Target : ((IConversionOperation)value).Operand;
            }

            if (value is IAnonymousFunctionOperation lambda)
            {
                return OnlyTrySets(lambda.Body);
            }
        }

        return false;
    }

    private static bool OnlyTrySets(IBlockOperation body)
    {
        var settles = 0;
        foreach (var operation in body.Descendants())
        {
            if (operation is IInvocationOperation call)
            {
                if (call.TargetMethod.Name is not ("TrySetResult" or "TrySetException" or "TrySetCanceled")
                    || call.TargetMethod.ContainingType is not { Name: "TaskCompletionSource", ContainingNamespace: { Name: "Tasks" } })
                {
                    return false;
                }

                settles++;
            }
        }

        return settles > 0;
    }

    /// <summary>
    /// An argument that says "fire and forget": an enum value including a member named <c>FireAndForget</c>
    /// (StackExchange.Redis' <c>CommandFlags.FireAndForget</c>), or <c>true</c> for a <c>bool</c> parameter named so.
    /// </summary>
    private static bool HasFireAndForgetFlag(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { } parameter || argument.Value.ConstantValue is not { HasValue: true, Value: { } value })
            {
                continue;
            }

            if (parameter.Type.SpecialType == SpecialType.System_Boolean)
            {
                if (value is true && string.Equals(parameter.Name, "fireAndForget", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                continue;
            }

            if (parameter.Type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
            {
                foreach (var member in enumType.GetMembers("FireAndForget"))
                {
                    if (member is IFieldSymbol { HasConstantValue: true, ConstantValue: { } flag })
                    {
                        var flagBits = Convert.ToInt64(flag, System.Globalization.CultureInfo.InvariantCulture);
                        if (flagBits != 0 && (Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) & flagBits) == flagBits)
                        {
                            return true;
                        }
                    }
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Inside an awaiter's <c>OnCompleted</c>/<c>UnsafeOnCompleted</c>, scheduling the continuation
    /// (<c>Task.Run(continuation)</c>) is the implementation: the continuation is the state machine's, and its faults go
    /// to the awaiting method's task.
    /// </summary>
    private bool IsAwaiterPlumbing(ISymbol containingSymbol)
    {
        if (containingSymbol is not IMethodSymbol { Name: "OnCompleted" or "UnsafeOnCompleted" or "System.Runtime.CompilerServices.INotifyCompletion.OnCompleted" or "System.Runtime.CompilerServices.ICriticalNotifyCompletion.UnsafeOnCompleted", Parameters.Length: 1 } method)
        {
            return false;
        }

        foreach (var implemented in method.ContainingType.AllInterfaces)
        {
            if (implemented.IsEqualTo(_notifyCompletion) || implemented.IsEqualTo(_criticalNotifyCompletion))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A statement under <c>#pragma warning disable CS4014</c> (or a disable of every warning): the author discarded it on purpose.</summary>
    private bool IsUnderDisabledCS4014(SyntaxNode node)
    {
        return _pragmas.GetOrAdd(node.SyntaxTree, static tree => ReadPragmas(tree)).IsDisabledAt(node.SpanStart);
    }

    private static DisabledRegions ReadPragmas(SyntaxTree tree)
    {
        var pragmas = new DisabledRegions();
        var root = tree.GetRoot();
        if (!root.ContainsDirectives)
        {
            return pragmas;
        }

        foreach (var trivia in root.DescendantTrivia(static n => n.ContainsDirectives, descendIntoTrivia: true))
        {
            if (trivia.GetStructure() is PragmaWarningDirectiveTriviaSyntax { IsActive: true } pragma && MentionsCS4014(pragma))
            {
                pragmas.Add(pragma.SpanStart, pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword));
            }
        }

        return pragmas;
    }

    private static bool MentionsCS4014(PragmaWarningDirectiveTriviaSyntax pragma)
    {
        if (pragma.ErrorCodes.Count == 0)
        {
            return true;
        }

        foreach (var code in pragma.ErrorCodes)
        {
            var text = code.ToString().Trim();
            if (text is "CS4014" or "4014")
            {
                return true;
            }
        }

        return false;
    }
}
