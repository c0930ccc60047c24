using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLessons.Internals;

/// <summary>
/// AL0005's Entity Framework Core queries: LINQ operators that run a query synchronously (<c>Any</c>, <c>Count</c>,
/// <c>First</c>, <c>Sum</c>, <c>ToList</c>, ...) called on a query built from a <c>DbSet&lt;T&gt;</c>. Their async
/// counterparts are not on the operator's own type but on <c>EntityFrameworkQueryableExtensions</c>
/// (<c>AnyAsync</c>, <c>ToListAsync</c>, ...). Built only when the compilation references EF Core; answers are cached
/// per operator.
/// </summary>
internal sealed class EntityFrameworkQueries
{
    /// <summary>The metadata name of the class that holds the async operators.</summary>
    public const string ExtensionsTypeName = "Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions";

    private readonly INamedTypeSymbol _extensions;
    private readonly INamedTypeSymbol _dbSet;
    private readonly INamedTypeSymbol _dbContext;
    private readonly INamedTypeSymbol? _queryable;
    private readonly INamedTypeSymbol? _enumerable;
    private readonly INamedTypeSymbol _queryableOfT;
    private readonly AsyncCounterparts _counterparts;
    private readonly ConcurrentDictionary<IMethodSymbol, Counterpart?> _answers = new(SymbolEqualityComparer.Default);

    private EntityFrameworkQueries(INamedTypeSymbol extensions, INamedTypeSymbol dbSet, INamedTypeSymbol dbContext, INamedTypeSymbol queryableOfT, Compilation compilation)
    {
        _extensions = extensions;
        _dbSet = dbSet;
        _dbContext = dbContext;
        _queryableOfT = queryableOfT;
        _queryable = KnownTypes.Get(compilation).Named("System.Linq.Queryable");
        _enumerable = KnownTypes.Get(compilation).Enumerable;
        _counterparts = AsyncCounterparts.Get(compilation);
    }

    /// <summary>The queries of <paramref name="compilation"/>, or null when it does not reference EF Core.</summary>
    public static EntityFrameworkQueries? Create(Compilation compilation) =>
        KnownTypes.Get(compilation).Named(ExtensionsTypeName) is { } extensions
        && KnownTypes.Get(compilation).Named("Microsoft.EntityFrameworkCore.DbSet`1") is { } dbSet
        && KnownTypes.Get(compilation).Named("Microsoft.EntityFrameworkCore.DbContext") is { } dbContext
        && KnownTypes.Get(compilation).Named("System.Linq.IQueryable`1") is { } queryableOfT
            ? new EntityFrameworkQueries(extensions, dbSet, dbContext, queryableOfT, compilation)
            : null;

    /// <summary>
    /// The async operator that runs <paramref name="invocation"/>'s query without blocking, when it is a LINQ
    /// operator over an EF Core query (<c>db.Users.Where(...).Any()</c>); null for anything else, in-memory sequences
    /// and <c>AsEnumerable()</c>'d queries included.
    /// </summary>
    public Counterpart? Find(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var containing = method.ContainingType;
        bool fromEnumerable;
        if (containing.IsEqualTo(_queryable))
        {
            fromEnumerable = false;
        }
        else if (containing.IsEqualTo(_enumerable) && method.Name is "ToList" or "ToArray" or "ToDictionary" or "ToHashSet")
        {
            fromEnumerable = true;
        }
        else
        {
            return null;
        }

        if (invocation.Instance is not null || invocation.Arguments.Length == 0 || !IsQuery(Source(invocation.Arguments[0].Value)))
        {
            return null;
        }

        var definition = method.OriginalDefinition;
        return _answers.GetOrAdd(definition, d => _counterparts.FindIn(d, _extensions, relaxSource: fromEnumerable));
    }

    /// <summary>The value passed as the source, before its conversion to <c>IEnumerable&lt;T&gt;</c>.</summary>
    private static IOperation Source(IOperation value)
    {
        value = value.WalkDownImplicitConversions();

        return value;
    }

    /// <summary>
    /// True when <paramref name="value"/> is an <c>IQueryable&lt;T&gt;</c> built from a DbSet: a DbSet property, field,
    /// local or parameter, <c>context.Set&lt;T&gt;()</c>, or operators over one of them (<c>Where</c>, <c>Include</c>,
    /// <c>AsNoTracking</c>, a user's extension that returns the query), through one local that holds the query.
    /// </summary>
    private bool IsQuery(IOperation value)
    {
        var followedLocal = false;
        for (var depth = 0; depth < 32; depth++)
        {
            if (!TypeHierarchy.Implements(value.Type, _queryableOfT))
            {
                return false;
            }

            if (IsDbSet(value.Type))
            {
                return true;
            }

            switch (value)
            {
                case IConversionOperation conversion:
                    value = conversion.Operand;
                    continue;
                case IInvocationOperation { TargetMethod: { Name: "Set", IsStatic: false } set } when TypeHierarchy.DerivesFrom(set.ContainingType, _dbContext):
                    return true;
                case IInvocationOperation { Instance: null, Arguments.Length: > 0, TargetMethod.IsExtensionMethod: true } operatorCall:
                    value = operatorCall.Arguments[0].Value;
                    continue;
                case IInvocationOperation { Instance: { } instance }:
                    value = instance;
                    continue;
                case ILocalReferenceOperation local when !followedLocal && LocalInitializer(local) is { } initializer:
                    followedLocal = true;
                    value = initializer;
                    continue;
                default:
                    return false;
            }
        }

        return false;
    }

    private bool IsDbSet(ITypeSymbol? type) => TypeHierarchy.DerivesFrom(type, _dbSet);

    /// <summary>The value a local was declared with, when that is its only assignment in the tree that declares it.</summary>
    private static IOperation? LocalInitializer(ILocalReferenceOperation reference)
    {
        var local = reference.Local;
        if (local.DeclaringSyntaxReferences.Length != 1 || reference.SemanticModel is not { } model
            || local.DeclaringSyntaxReferences[0].GetSyntax() is not Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer.Value: { } initializer } declarator
            || declarator.SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        // A query local reassigned later (`query = query.Where(...)`) still comes from its initializer.
        return model.GetOperation(initializer);
    }
}
