using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLessons.Internals;

/// <summary>
/// What one call touches: the variables it reads and writes (including inside lambdas among its arguments), and the
/// objects it reaches as access paths (<c>this._db.Users</c>, <c>stream</c>, <c>"data.txt"</c>), so two calls can be
/// checked for sharing. Built once per call, in time linear in the size of the call.
/// </summary>
internal sealed class CallFootprint
{
    /// <summary>The root of a path through <c>this</c> (explicit or implicit).</summary>
    internal static readonly object ThisRoot = new();

    private CallFootprint(IInvocationOperation call, HashSet<ISymbol> reads, HashSet<ISymbol> writes, List<AccessPath> paths, bool isValid)
    {
        Call = call;
        Reads = reads;
        Writes = writes;
        Paths = paths;
        IsValid = isValid;
        IsReadByName = ReadVerbs.IsReadName(call.TargetMethod.Name);
    }

    public IInvocationOperation Call { get; }

    /// <summary>Locals, parameters, fields and properties the call refers to (written ones included).</summary>
    public HashSet<ISymbol> Reads { get; }

    /// <summary>Locals, parameters, fields and properties the call assigns (<c>i++</c>, <c>out x</c>, <c>() =&gt; total += 1</c>).</summary>
    public HashSet<ISymbol> Writes { get; }

    /// <summary>True when an <c>await</c> sits among the call's arguments (outside lambdas of their own).</summary>
    public bool ContainsAwait { get; private set; }

    /// <summary>The objects the call reaches (its receiver, its arguments, what its lambdas capture).</summary>
    public List<AccessPath> Paths { get; }

    /// <summary>False when the call contains code that does not compile: then nothing is concluded about it.</summary>
    public bool IsValid { get; }

    /// <summary>True when the method's name says it only reads (<c>GetUserAsync</c>, <c>ReadAllTextAsync</c>, <c>FetchAsync</c>).</summary>
    public bool IsReadByName { get; }

    /// <summary>The DbContext or connection types the receiver holds, once <see cref="IndependenceAnalysis"/> has asked.</summary>
    internal ImmutableArray<ITypeSymbol>? HeldResources { get; set; }

    public static CallFootprint Of(IInvocationOperation call)
    {
        var reads = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var writes = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var paths = new List<AccessPath>();
        var isValid = true;
        var containsAwait = false;
        var stack = new Stack<IOperation>();
        stack.Push(call);
        while (stack.Count > 0)
        {
            var operation = stack.Pop();
            foreach (var child in operation.ChildOperations)
            {
                stack.Push(child);
            }

            switch (operation)
            {
                case IInvalidOperation:
                    isValid = false;
                    break;
                case IAwaitOperation when !InsideLambda(operation, call):
                    containsAwait = true;
                    break;
                case ILocalReferenceOperation local:
                    Record(local, local.Local, reads, writes, paths);
                    break;
                case IParameterReferenceOperation parameter:
                    Record(parameter, parameter.Parameter, reads, writes, paths);
                    break;
                case IFieldReferenceOperation field:
                    Record(field, field.Field, reads, writes, paths);
                    break;
                case IPropertyReferenceOperation property:
                    Record(property, property.Property, reads, writes, paths);
                    break;
                case IEventReferenceOperation eventReference:
                    Record(eventReference, eventReference.Event, reads, writes, paths);
                    break;
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } instance when IsChainTop(instance):
                    paths.Add(new AccessPath(ImmutableArray.Create(new AccessStep(ThisRoot, instance.Type))));
                    break;
                case IArgumentOperation { Value.ConstantValue: { HasValue: true, Value: string text } } argument:
                    // The same literal path or key passed to two calls names the same resource.
                    paths.Add(new AccessPath(ImmutableArray.Create(new AccessStep("\"" + text, argument.Value.Type))));
                    break;
            }

            if (operation.Type is { TypeKind: TypeKind.Error })
            {
                isValid = false;
            }
        }

        return new CallFootprint(call, reads, writes, paths, isValid) { ContainsAwait = containsAwait };
    }

    private static bool InsideLambda(IOperation operation, IOperation root)
    {
        for (var current = operation.Parent; current is not null && current != root; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static void Record(IOperation reference, ISymbol symbol, HashSet<ISymbol> reads, HashSet<ISymbol> writes, List<AccessPath> paths)
    {
        reads.Add(symbol);
        if (IsWritten(reference))
        {
            writes.Add(symbol);
        }

        if (IsChainTop(reference) && AccessPath.TryCreate(reference) is { } path)
        {
            paths.Add(path);
        }
    }

    /// <summary>True unless the reference is the instance of a member reference (then the member's path covers it).</summary>
    private static bool IsChainTop(IOperation reference) =>
        reference.Parent is not IMemberReferenceOperation member || member.Instance != reference;

    /// <summary>True when <paramref name="reference"/> is the target of an assignment, increment, or a ref/out argument.</summary>
    internal static bool IsWritten(IOperation reference)
    {
        if (reference is IMemberReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } })
        {
            // `new Options { Path = p }` sets a member of the new object, nothing shared.
            return false;
        }

        var current = reference;
        // A tuple on the left of a deconstruction writes its elements.
        while (current.Parent is ITupleOperation tuple)
        {
            current = tuple;
        }

        return current.Parent switch
        {
            IAssignmentOperation assignment => assignment.Target == current,
            IIncrementOrDecrementOperation => true,
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } => true,
            _ => false,
        };
    }
}

/// <summary>One step of an access path: a symbol (or <see cref="CallFootprint.ThisRoot"/>, or a string constant) and the type of the object there.</summary>
/// <remarks>A class, not a struct: the lists and arrays of steps then run the runtime's shared code for reference types, which is precompiled, where lists of a struct of ours would be compiled afresh in every compiler process.</remarks>
internal sealed class AccessStep
{
    public AccessStep(object key, ITypeSymbol? type)
    {
        Key = key;
        Type = type;
    }

    public object Key { get; }

    public ITypeSymbol? Type { get; }

    public bool SameKey(AccessStep other) =>
        Key is ISymbol symbol
            ? other.Key is ISymbol otherSymbol && symbol.OriginalDefinition.IsEqualTo(otherSymbol.OriginalDefinition)
            : Equals(Key, other.Key);
}

/// <summary>
/// How code reaches an object: a root (local, parameter, <c>this</c>, static member, string constant) followed by
/// fields and properties, e.g. <c>this → _db → Users</c>. Paths through method results are not followed.
/// </summary>
internal sealed class AccessPath
{
    public AccessPath(ImmutableArray<AccessStep> steps) => Steps = steps;

    public ImmutableArray<AccessStep> Steps { get; }

    public AccessStep Root => Steps[0];

    /// <summary>The path of a reference chain ending at <paramref name="reference"/>, or null when its root is not a variable or <c>this</c>.</summary>
    public static AccessPath? TryCreate(IOperation reference)
    {
        var steps = new List<AccessStep>();
        for (var current = reference; ;)
        {
            switch (current)
            {
                case ILocalReferenceOperation local:
                    steps.Add(new AccessStep(local.Local, local.Local.Type));
                    return Build(steps);
                case IParameterReferenceOperation parameter:
                    steps.Add(new AccessStep(parameter.Parameter, parameter.Parameter.Type));
                    return Build(steps);
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } instance:
                    steps.Add(new AccessStep(CallFootprint.ThisRoot, instance.Type));
                    return Build(steps);
                case IConversionOperation conversion:
                    current = conversion.Operand;
                    break;
                case IMemberReferenceOperation member:
                    steps.Add(new AccessStep(member.Member, MemberType(member.Member)));
                    if (member.Instance is null)
                    {
                        // A static member is its own root.
                        return Build(steps);
                    }

                    current = member.Instance;
                    break;
                default:
                    return null;
            }
        }
    }

    private static ITypeSymbol? MemberType(ISymbol member) => member switch
    {
        IFieldSymbol field => field.Type,
        IPropertySymbol property => property.Type,
        IEventSymbol @event => @event.Type,
        _ => null,
    };

    private static AccessPath Build(List<AccessStep> reversed)
    {
        var builder = ImmutableArray.CreateBuilder<AccessStep>(reversed.Count);
        for (var i = reversed.Count - 1; i >= 0; i--)
        {
            builder.Add(reversed[i]);
        }

        return new AccessPath(builder.MoveToImmutable());
    }
}

/// <summary>
/// Awaited calls that are steps whose place in the order is the point, so AL0001 and AL0007 never move them into a
/// <c>WhenAll</c>: order-sensitive names (<see cref="OrderSensitiveVerbs"/>), invocations of a delegate or event
/// (a <c>Func&lt;..., Task&gt;</c> field, property or parameter: a notification of, or reaction to, the step next to
/// it), calls on a logger (a receiver whose type, or one of its interfaces, is named <c>...Logger</c>), methods
/// whose body only waits (<c>Task LongDelay() =&gt; Task.Delay(1000);</c>), and mock verifications and assertions
/// (<see cref="Verifications"/>).
/// </summary>
internal static class OrderedSteps
{
    public static bool IsOrderedStep(Microsoft.CodeAnalysis.Operations.IInvocationOperation call)
    {
        var method = call.TargetMethod;
        return method.MethodKind == MethodKind.DelegateInvoke
            || OrderSensitiveVerbs.IsOrderSensitive(method.Name)
            || IsLogger(call.Instance?.Type ?? (method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type : null))
            || OnlyWaits(method)
            || Verifications.IsVerification(call);
    }

    private static bool IsLogger(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (type.Name.EndsWith("Logger", System.StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.Name.EndsWith("Logger", System.StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A method declared in source whose whole body is <c>Task.Delay(...)</c>: <c>=&gt; Task.Delay(t)</c>,
    /// <c>{ return Task.Delay(t); }</c>, or <c>await Task.Delay(t)</c> statements (with or without <c>ConfigureAwait</c>).
    /// </summary>
    private static bool OnlyWaits(IMethodSymbol method)
    {
        var references = (method.ReducedFrom ?? method).OriginalDefinition.DeclaringSyntaxReferences;
        if (references.Length != 1)
        {
            return false;
        }

        var (block, expression) = references[0].GetSyntax() switch
        {
            MethodDeclarationSyntax declaration => (declaration.Body, declaration.ExpressionBody?.Expression),
            LocalFunctionStatementSyntax local => (local.Body, local.ExpressionBody?.Expression),
            _ => (null, null),
        };
        if (expression is not null)
        {
            return IsDelay(expression);
        }

        if (block is null || block.Statements.Count == 0)
        {
            return false;
        }

        foreach (var statement in block.Statements)
        {
            var waits = statement switch
            {
                ReturnStatementSyntax { Expression: { } returned } => IsDelay(returned),
                ExpressionStatementSyntax { Expression: var awaited } => IsDelay(awaited),
                _ => false,
            };
            if (!waits)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>Task.Delay(...)</c>, behind <c>await</c>, parentheses and <c>.ConfigureAwait(...)</c>.</summary>
    private static bool IsDelay(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    continue;
                case AwaitExpressionSyntax awaitExpression:
                    expression = awaitExpression.Expression;
                    continue;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Expression: var configured } }:
                    expression = configured;
                    continue;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Delay", Expression: var owner } }:
                    return owner is IdentifierNameSyntax { Identifier.ValueText: "Task" }
                        || owner is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Task" }
                        || owner is AliasQualifiedNameSyntax { Name.Identifier.ValueText: "Task" };
                default:
                    return false;
            }
        }
    }
}
