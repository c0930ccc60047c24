using System.Threading.Tasks;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class SequentialAwaitsTests
{
    // ---- Queries built from one DbContext (real EF Core) ----------------------------------------------------

    private const string EfShop = """

        public class User
        {
            public int Id { get; set; }
            public int Age { get; set; }
        }

        public class AppDb : Microsoft.EntityFrameworkCore.DbContext
        {
            public Microsoft.EntityFrameworkCore.DbSet<User> Users => Set<User>();
        }
        """;

    private static Task VerifyWithEntityFramework(string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.AnalyzerTest<SequentialAwaitsAnalyzer> { TestCode = source + EfShop };
        test.TestState.AdditionalReferences.AddRange(TestReferences.Packages);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task QueriesBuiltFromTwoContexts_Diagnostic() => VerifyWithEntityFramework("""
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        class Reports
        {
            async Task<int> M(IDbContextFactory<AppDb> factory)
            {
                await using var first = factory.CreateDbContext();
                await using var second = factory.CreateDbContext();
                var adults = first.Users.Where(u => u.Age >= 18);
                var seniors = second.Users.Where(u => u.Age > 65);
                var a = {|#0:await adults.ToListAsync()|};
                var b = {|#1:await seniors.ToListAsync()|};
                return a.Count + b.Count;
            }
        }
        """, Run(2));

    [Fact]
    public Task QueriesBuiltFromOneContextThroughHelpers_NoDiagnostic() => VerifyWithEntityFramework("""
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        class Reports
        {
            async Task<int> M(AppDb db)
            {
                var adults = Build(db, 18);
                var seniors = db.Users.Where(u => u.Age > 65);
                var a = await adults.ToListAsync();
                var b = await seniors.ToListAsync();
                return a.Count + b.Count;
            }

            static IQueryable<User> Build(AppDb db, int age) => db.Users.Where(u => u.Age >= age);
        }
        """);
}
