using System;
using Microsoft.CodeAnalysis;

namespace AsyncLessons.Internals;

/// <summary>
/// AL0005's built-in policy, in one place: which sync/async pairs are not equivalent, which types' <c>DisposeAsync</c>
/// does no asynchronous work, and which teardown calls are fine synchronously on an error path. Read by
/// <see cref="AsyncCounterparts"/> and <c>SyncIOInAsyncAnalyzer</c>; listed on <c>docs/rules/AL0005.md</c>. The
/// user's own lists (<c>async_lessons.AL0005.excluded_methods</c>, <c>in_memory_types</c>) add to it.
/// </summary>
internal static class SyncIOPolicy
{
    /// <summary>
    /// Types whose <c>DisposeAsync</c> (virtual, declared by the type itself) only calls <c>Dispose</c>: a subclass that
    /// does not override it gains nothing from <c>await using</c>.
    /// </summary>
    public static readonly string[] DisposeAsyncCallsDispose =
    {
        "System.IO.Stream",
        "System.IO.TextWriter",
        "System.Data.Common.DbConnection",
        "System.Data.Common.DbCommand",
        "System.Data.Common.DbTransaction",
        "System.Data.Common.DbDataReader",
        "System.Data.Common.DbBatch",
    };

    /// <summary>Disposing these asynchronously means something else (<c>Timer.DisposeAsync</c> waits for callbacks), so <c>using</c> and <c>Dispose()</c> stay.</summary>
    public static readonly string[] NotForAwaitUsing =
    {
        "System.Threading.Timer",
        "System.Threading.ITimer",
        "System.Threading.CancellationTokenRegistration",
    };

    /// <summary>Namespaces whose types' sync/async pairs are not a blocking/non-blocking pair.</summary>
    /// <remarks>
    /// Test frameworks' assertions; <c>System.Xml</c> readers and writers (their async methods throw unless the settings
    /// ask for <c>Async</c>); Microsoft.Data.Sqlite, whose async methods are documented to run synchronously.
    /// </remarks>
    private static readonly string[] ExcludedNamespaces =
    {
        "Xunit",
        "NUnit.Framework",
        "Microsoft.VisualStudio.TestTools.UnitTesting",
        "FluentAssertions",
        "AwesomeAssertions",
        "Shouldly",
        "Microsoft.Data.Sqlite",
    };

    /// <summary>True when <paramref name="ns"/> is one of the excluded namespaces or inside one (<c>System.Xml</c> itself only: <c>XDocument.SaveAsync</c> is a real counterpart).</summary>
    public static bool IsExcludedNamespace(INamespaceSymbol? ns)
    {
        var name = ns?.ToDisplayString() ?? string.Empty;
        if (name == "System.Xml")
        {
            return true;
        }

        foreach (var excluded in ExcludedNamespaces)
        {
            if (name == excluded || (name.StartsWith(excluded, StringComparison.Ordinal) && name.Length > excluded.Length && name[excluded.Length] == '.'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Pairs that are not equivalent: Entity Framework's <c>Add</c>/<c>AddRange</c> (<c>AddAsync</c> exists only for
    /// special value generators) and <c>IDbContextFactory&lt;T&gt;.CreateDbContext</c> (creating a context does no I/O);
    /// <c>Process.WaitForExit</c> before .NET 6 (the older <c>WaitForExitAsync</c> does not wait for redirected output);
    /// and every method of <see cref="ExcludedNamespaces"/>.
    /// </summary>
    public static bool IsExcludedByDefault(IMethodSymbol method)
    {
        var ns = method.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        if (ns == "Microsoft.EntityFrameworkCore" && (method.Name is "Add" or "AddRange" || (method.Name == "CreateDbContext" && method.ContainingType.Name == "IDbContextFactory")))
        {
            return true;
        }

        if (ns == "System.Diagnostics" && method.Name == "WaitForExit" && method.ContainingType.Name == "Process"
            && method.ContainingAssembly?.Identity.Version is { Major: < 6 })
        {
            return true;
        }

        return IsExcludedNamespace(method.ContainingNamespace);
    }

    /// <summary>
    /// The async teardown counterparts (<c>DisposeAsync</c>, <c>CloseAsync</c>, <c>CompleteAsync</c>): on an error path
    /// (in a <c>catch</c>, or a <c>finally</c> that disposes what the <c>try</c> did not hand on) the synchronous one is fine.
    /// </summary>
    public static bool IsTeardown(string asyncName) => asyncName is "DisposeAsync" or "CloseAsync" or "CompleteAsync";
}
