using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Rules;

/// <summary>AL0005 on Entity Framework Core queries and on the generic host, compiled against the real packages.</summary>
public partial class SyncIOInAsyncTests
{
    private const string Shop = """

        namespace Shop
        {
            public class User
            {
                public int Id { get; set; }
                public int Age { get; set; }
            }

            public class AppDb : Microsoft.EntityFrameworkCore.DbContext
            {
                public Microsoft.EntityFrameworkCore.DbSet<User> Users => Set<User>();
            }
        }
        """;

    private static Task VerifyWithPackages(string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.AnalyzerTest<SyncIOInAsyncAnalyzer> { TestCode = source + Shop };
        test.TestState.AdditionalReferences.AddRange(TestReferences.Packages);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static Task VerifyFixWithPackages(string source, string fixedSource, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary)
    {
        var test = new Verify.CodeFixTest<SyncIOInAsyncAnalyzer, SyncIOInAsyncCodeFix> { TestCode = source + Shop, FixedCode = fixedSource + Shop };
        test.TestState.AdditionalReferences.AddRange(TestReferences.Packages);
        test.TestState.OutputKind = outputKind;
        return test.RunAsync();
    }

    private static DiagnosticResult Query(int marker, string sync, string async) =>
        Verify.Diagnostic(SyncIOInAsyncAnalyzer.Rule).WithLocation(marker).WithArguments("Queryable." + sync, "await EntityFrameworkQueryableExtensions." + async);

    // ---- EF Core queries run synchronously ----

    [Fact]
    public Task EfQuery_AnyOnADbSet_InAsyncMethod_Diagnostic() => VerifyWithPackages("""
        using System.Linq;
        using System.Threading.Tasks;
        using Shop;

        class C
        {
            async Task<bool> M(AppDb db)
            {
                await Task.Yield();
                return {|#0:db.Users.Any(u => u.Age > 30)|};
            }
        }
        """, Query(0, "Any", "AnyAsync"));

    [Fact]
    public Task EfQuery_ToListOfAWhereChain_DiagnosticNamesEntityFrameworksToListAsync() => VerifyWithPackages("""
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task<int> M(AppDb db)
            {
                await Task.Yield();
                var adults = {|#0:db.Users.AsNoTracking().Where(u => u.Age >= 18).OrderBy(u => u.Id).ToList()|};
                return adults.Count;
            }
        }
        """, Verify.Diagnostic(SyncIOInAsyncAnalyzer.Rule).WithLocation(0).WithArguments("Enumerable.ToList", "await EntityFrameworkQueryableExtensions.ToListAsync"));

    [Fact]
    public Task EfQuery_ThroughAQueryLocalAndContextSet_Diagnostic() => VerifyWithPackages("""
        using System.Linq;
        using System.Threading.Tasks;
        using Shop;

        class C
        {
            async Task<int> M(AppDb db)
            {
                await Task.Yield();
                var query = db.Set<User>().Where(u => u.Age > 1);
                var first = {|#0:query.First()|};
                return {|#1:query.Sum(u => u.Age)|} + {|#2:db.Users.Count()|} + first.Id;
            }
        }
        """, Query(0, "First", "FirstAsync"), Query(1, "Sum", "SumAsync"), Query(2, "Count", "CountAsync"));

    [Fact]
    public Task EfFindAndSaveChanges_InAsyncMethod_Diagnostic() => VerifyWithPackages("""
        using System.Threading.Tasks;
        using Shop;

        class C
        {
            async Task M(AppDb db)
            {
                await Task.Yield();
                var user = {|#0:db.Users.Find(1)|};
                user!.Age++;
                {|#1:db.SaveChanges()|};
            }
        }
        """,
        Verify.Diagnostic(SyncIOInAsyncAnalyzer.Rule).WithLocation(0).WithArguments("DbSet.Find", "await DbSet.FindAsync"),
        Verify.Diagnostic(SyncIOInAsyncAnalyzer.Rule).WithLocation(1).WithArguments("DbContext.SaveChanges", "await DbContext.SaveChangesAsync"));

    [Fact]
    public Task EfQuery_InMemoryDataAsEnumerableOrUnknownQueries_NoDiagnostic() => VerifyWithPackages("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Shop;

        class C
        {
            async Task<int> M(AppDb db, List<User> users, IQueryable<User> unknown)
            {
                await Task.Yield();
                var all = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Users);
                var count = all.Where(u => u.Age > 1).Count() + users.ToList().Count + users.AsQueryable().Count();
                count += db.Users.AsEnumerable().Where(u => u.Age > 1).ToList().Count;
                count += unknown.Count();
                count += db.Users.MinBy(u => u.Age)?.Id ?? 0;
                return count;
            }

            int Sync(AppDb db) => db.Users.Count();
        }
        """);

    [Fact]
    public Task EfQuery_Fix_AwaitsTheAsyncOperatorWithTheToken_AndImportsEntityFrameworkCore() => VerifyFixWithPackages("""
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Shop;

        class C
        {
            async Task<int> M(AppDb db, CancellationToken cancellationToken)
            {
                await Task.Yield();
                var adults = [|db.Users.Where(u => u.Age >= 18).ToList()|];
                if ([|db.Users.Any(u => u.Age > 90)|])
                {
                    return [|db.Users.Count()|] + adults.Count;
                }

                return [|db.Users.Max(u => u.Age)|];
            }
        }
        """, """
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task<int> M(AppDb db, CancellationToken cancellationToken)
            {
                await Task.Yield();
                var adults = await db.Users.Where(u => u.Age >= 18).ToListAsync(cancellationToken);
                if (await db.Users.AnyAsync(u => u.Age > 90, cancellationToken))
                {
                    return await db.Users.CountAsync(cancellationToken) + adults.Count;
                }

                return await db.Users.MaxAsync(u => u.Age, cancellationToken);
            }
        }
        """);

    [Fact]
    public Task EfQuery_Fix_WithTheUsingAlreadyThere_AddsNothingElse() => VerifyFixWithPackages("""
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task<User> M(AppDb db)
            {
                await Task.Yield();
                return [|db.Users.Single(u => u.Id == 1)|];
            }
        }
        """, """
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        class C
        {
            async Task<User> M(AppDb db)
            {
                await Task.Yield();
                return await db.Users.SingleAsync(u => u.Id == 1);
            }
        }
        """);

    // ---- the host's main loop ----

    [Fact]
    public Task HostRun_BeforeMoreWork_Diagnostic() => VerifyWithPackages("""
        using System.Threading.Tasks;
        using Microsoft.Extensions.Hosting;

        class Worker
        {
            async Task M(IHost host)
            {
                await Task.Yield();
                {|#0:host.Run()|};
                await Task.Delay(1);
            }
        }
        """, Verify.Diagnostic(SyncIOInAsyncAnalyzer.Rule).WithLocation(0).WithArguments("HostingAbstractionsHostExtensions.Run", "await HostingAbstractionsHostExtensions.RunAsync"));

    [Fact]
    public Task HostRun_LastStatementOfTopLevelCode_NoDiagnostic() => VerifyFixWithPackages("""
        using System.Threading.Tasks;
        using Microsoft.Extensions.Hosting;

        IHost host = null!;
        await Task.Yield();
        host.Run();
        """, """
        using System.Threading.Tasks;
        using Microsoft.Extensions.Hosting;

        IHost host = null!;
        await Task.Yield();
        host.Run();
        """, OutputKind.ConsoleApplication);

    [Fact]
    public Task HostRun_LastStatementOfAsyncMain_NoDiagnostic() => VerifyWithPackages("""
        using System.Threading.Tasks;
        using Microsoft.Extensions.Hosting;

        static class Program
        {
            static async Task Main()
            {
                IHost host = null!;
                await host.StartAsync();
                host.Run();
            }
        }
        """);
}
