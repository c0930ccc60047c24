using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLessons.Internals;

/// <summary>
/// Microsoft.Extensions.DependencyInjection's scopes, for AL0005: <c>CreateScope()</c> (on <c>IServiceProvider</c> or
/// <c>IServiceScopeFactory</c>) used as a <c>using</c> resource in async code disposes the scope synchronously, which
/// throws for a service that is only <c>IAsyncDisposable</c>; <c>CreateAsyncScope()</c> with <c>await using</c> does not.
/// Resolved once per compilation; null when the compilation has no <c>CreateAsyncScope</c> (before .NET 6).
/// </summary>
internal sealed class ServiceScopes
{
    public const string CreateScope = "CreateScope";
    public const string CreateAsyncScope = "CreateAsyncScope";

    private readonly INamedTypeSymbol _extensions;
    private readonly INamedTypeSymbol _serviceProvider;
    private readonly INamedTypeSymbol? _scopeFactory;

    private ServiceScopes(INamedTypeSymbol extensions, INamedTypeSymbol serviceProvider, INamedTypeSymbol? scopeFactory)
    {
        _extensions = extensions;
        _serviceProvider = serviceProvider;
        _scopeFactory = scopeFactory;
    }

    public static ServiceScopes? Resolve(Compilation compilation)
    {
        if (KnownTypes.Get(compilation).Named("Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions") is not { } extensions
            || KnownTypes.Get(compilation).Named("System.IServiceProvider") is not { } serviceProvider
            || extensions.GetMembers(CreateAsyncScope).IsEmpty)
        {
            return null;
        }

        return new ServiceScopes(extensions, serviceProvider, KnownTypes.Get(compilation).Named("Microsoft.Extensions.DependencyInjection.IServiceScopeFactory"));
    }

    /// <summary><c>ServiceProviderServiceExtensions.CreateScope(this IServiceProvider)</c> or <c>IServiceScopeFactory.CreateScope()</c>.</summary>
    public bool IsCreateScope(IMethodSymbol method)
    {
        if (method.Name != CreateScope)
        {
            return false;
        }

        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        if (definition.ContainingType.IsEqualTo(_extensions))
        {
            return definition.Parameters.Length == 1 && definition.Parameters[0].Type.IsEqualTo(_serviceProvider);
        }

        return _scopeFactory is not null && definition.Parameters.IsEmpty && definition.ContainingType.IsEqualTo(_scopeFactory);
    }

    /// <summary>The synchronous <c>using</c> statement or declaration whose resource is <paramref name="invocation"/>, or null.</summary>
    public static IOperation? EnclosingSyncUsing(IInvocationOperation invocation)
    {
        var current = invocation.Parent;
        while (current is IConversionOperation { IsImplicit: true })
        {
            current = current.Parent;
        }

        switch (current)
        {
            case IUsingOperation { IsAsynchronous: false } usingStatement when usingStatement.Resources == invocation || IsConversionOf(usingStatement.Resources, invocation):
                return usingStatement;
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Parent: IVariableDeclarationOperation { Parent: IVariableDeclarationGroupOperation group } } }:
                return group.Parent switch
                {
                    IUsingDeclarationOperation { IsAsynchronous: false } declaration => declaration,
                    IUsingOperation { IsAsynchronous: false } statement => statement,
                    _ => null,
                };
            default:
                return null;
        }
    }

    /// <summary>
    /// The operations that run while the scope of <paramref name="usingOperation"/> is open: a <c>using</c> statement's
    /// body, or the statements after a <c>using</c> declaration in its block.
    /// </summary>
    public static System.Collections.Generic.IEnumerable<IOperation> ScopeRegion(IOperation usingOperation)
    {
        switch (usingOperation)
        {
            case IUsingOperation statement:
                yield return statement.Body;
                break;
            case IUsingDeclarationOperation declaration when declaration.Parent is IBlockOperation block:
                var after = false;
                foreach (var statement in block.Operations)
                {
                    if (after)
                    {
                        yield return statement;
                    }

                    after |= statement == declaration;
                }

                break;
        }
    }

    private static bool IsConversionOf(IOperation resources, IOperation invocation) =>
        resources is IConversionOperation { IsImplicit: true, Operand: var operand } && operand == invocation;

    /// <summary>
    /// The fix can keep the code compiling: the resource is declared with <c>var</c> (the new type, <c>AsyncServiceScope</c>,
    /// is inferred) or is the bare expression of a <c>using</c> statement.
    /// </summary>
    public static bool IsFixableShape(IOperation usingOperation, IInvocationOperation invocation)
    {
        if (invocation.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax })
        {
            return false;
        }

        return usingOperation.Syntax switch
        {
            LocalDeclarationStatementSyntax { Declaration: { Type.IsVar: true, Variables.Count: 1 } } => true,
            UsingStatementSyntax { Declaration: { Type.IsVar: true, Variables.Count: 1 } } => true,
            UsingStatementSyntax { Declaration: null, Expression: not null } => true,
            _ => false,
        };
    }
}
