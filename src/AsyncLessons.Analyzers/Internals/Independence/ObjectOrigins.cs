using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLessons.Internals;

/// <summary>
/// Which locals of a function were built from which variables: <c>var reader = pipe.Reader;</c> (a view of
/// <c>pipe</c>), <c>var ctx = new Context(connection);</c> (a wrapper over <c>connection</c>), and
/// <c>connection.Transport = pipe;</c> (<c>connection</c> now holds <c>pipe</c>). Two calls whose receivers or arguments
/// go back to one object share that object's state, even through different names. Method results are not followed
/// (<c>factory.Create()</c> makes a new object), except that a value a call builds from a DbContext or a connection is
/// bound to it (<c>var query = BuildQuery(dbContext);</c>, <c>db.Users.Where(...)</c>, <c>connection.CreateCommand()</c>).
/// Built once per function, on demand, for AL0001.
/// </summary>
internal sealed class ObjectOrigins
{
    private readonly Dictionary<ISymbol, HashSet<ISymbol>> _direct = new(SymbolEqualityComparer.Default);
    private readonly System.Func<ITypeSymbol?, bool>? _isSharedResource;

    private ObjectOrigins(System.Func<ITypeSymbol?, bool>? isSharedResource) => _isSharedResource = isSharedResource;

    /// <summary>The origins of the locals of the function that holds <paramref name="operation"/>.</summary>
    public static ObjectOrigins Of(IOperation operation, System.Func<ITypeSymbol?, bool>? isSharedResource = null)
    {
        var root = operation;
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            root = current;
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                break;
            }
        }

        var origins = new ObjectOrigins(isSharedResource);
        foreach (var descendant in root.DescendantsAndSelf())
        {
            switch (descendant)
            {
                case IVariableDeclaratorOperation { Initializer.Value: { } value } declarator:
                    origins.Add(declarator.Symbol, value);
                    break;
                case ISimpleAssignmentOperation { Target: var target, Value: var value }:
                    if (RootVariable(target) is { } assigned)
                    {
                        origins.Add(assigned, value);
                    }

                    break;
            }
        }

        return origins;
    }

    /// <summary>
    /// The variables (locals and parameters) <paramref name="footprint"/>'s access paths start at, with every variable
    /// they were built from, transitively.
    /// </summary>
    /// <summary>The variables the footprint's access paths start at (what the call reaches by name).</summary>
    public static HashSet<ISymbol> Roots(CallFootprint footprint)
    {
        var roots = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var path in footprint.Paths)
        {
            if (path.Root.Key is ILocalSymbol or IParameterSymbol)
            {
                roots.Add((ISymbol)path.Root.Key);
            }
        }

        return roots;
    }

    public HashSet<ISymbol> Closure(CallFootprint footprint)
    {
        var closure = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<ISymbol>();
        foreach (var path in footprint.Paths)
        {
            // `cts.Token` reaches a value copied out of `cts`, not `cts` itself: only paths ending at an object count.
            if (path.Steps[path.Steps.Length - 1].Type is { IsValueType: true } or { SpecialType: SpecialType.System_String })
            {
                continue;
            }

            if (path.Root.Key is ILocalSymbol or IParameterSymbol && closure.Add((ISymbol)path.Root.Key))
            {
                pending.Push((ISymbol)path.Root.Key);
            }
        }

        while (pending.Count > 0)
        {
            if (_direct.TryGetValue(pending.Pop(), out var from))
            {
                foreach (var origin in from)
                {
                    if (closure.Add(origin))
                    {
                        pending.Push(origin);
                    }
                }
            }
        }

        return closure;
    }

    private void Add(ISymbol variable, IOperation value)
    {
        // A value copied out of an object shares no state with it: `var token = cts.Token;` is not a view of `cts`.
        if (variable is not ILocalSymbol { Type: { IsValueType: false, SpecialType: not SpecialType.System_String } })
        {
            return;
        }

        var roots = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        AddRoots(value, roots, depth: 0, _isSharedResource);
        roots.Remove(variable);
        if (roots.Count == 0)
        {
            return;
        }

        if (!_direct.TryGetValue(variable, out var existing))
        {
            _direct[variable] = roots;
        }
        else
        {
            existing.UnionWith(roots);
        }
    }

    /// <summary>The local at the root of <c>x</c>, <c>x.A</c> or <c>x.A.B</c> (an assignment target).</summary>
    private static ISymbol? RootVariable(IOperation target)
    {
        for (var current = target; ;)
        {
            switch (current)
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IMemberReferenceOperation { Instance: { } instance }:
                    current = instance;
                    break;
                case IConversionOperation conversion:
                    current = conversion.Operand;
                    break;
                default:
                    return null;
            }
        }
    }

    /// <summary>The locals and parameters a value is built from: member chains, constructor arguments and initializers, conditional branches.</summary>
    private static void AddRoots(IOperation? value, HashSet<ISymbol> roots, int depth, System.Func<ITypeSymbol?, bool>? isSharedResource)
    {
        if (value is null || depth > 8)
        {
            return;
        }

        switch (value)
        {
            case IConversionOperation conversion:
                AddRoots(conversion.Operand, roots, depth + 1, isSharedResource);
                break;
            case ILocalReferenceOperation local:
                roots.Add(local.Local);
                break;
            case IParameterReferenceOperation parameter:
                roots.Add(parameter.Parameter);
                break;
            case IMemberReferenceOperation { Instance: { } instance }:
                AddRoots(instance, roots, depth + 1, isSharedResource);
                break;
            case IObjectCreationOperation creation:
                foreach (var argument in creation.Arguments)
                {
                    AddRoots(argument.Value, roots, depth + 1, isSharedResource);
                }

                if (creation.Initializer is { } initializer)
                {
                    foreach (var member in initializer.Initializers)
                    {
                        AddRoots(member is ISimpleAssignmentOperation assignment ? assignment.Value : member, roots, depth + 1, isSharedResource);
                    }
                }

                break;
            case IConditionalOperation conditional:
                AddRoots(conditional.WhenTrue, roots, depth + 1, isSharedResource);
                AddRoots(conditional.WhenFalse, roots, depth + 1, isSharedResource);
                break;
            case IInvocationOperation invocation when isSharedResource is not null:
                AddSharedResourceRoots(invocation, roots, depth, isSharedResource);
                break;
            case ICoalesceOperation coalesce:
                AddRoots(coalesce.Value, roots, depth + 1, isSharedResource);
                AddRoots(coalesce.WhenNull, roots, depth + 1, isSharedResource);
                break;
        }
    }

    /// <summary>A query or command built from a DbContext or a connection stays bound to it: the call's roots that hold one.</summary>
    private static void AddSharedResourceRoots(IInvocationOperation invocation, HashSet<ISymbol> roots, int depth, System.Func<ITypeSymbol?, bool> isSharedResource)
    {
        var used = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        AddRoots(invocation.Instance, used, depth + 1, isSharedResource);
        foreach (var argument in invocation.Arguments)
        {
            AddRoots(argument.Value, used, depth + 1, isSharedResource);
        }

        foreach (var root in used)
        {
            if (isSharedResource(root switch { ILocalSymbol local => local.Type, IParameterSymbol parameter => parameter.Type, _ => null }))
            {
                roots.Add(root);
            }
        }
    }
}
