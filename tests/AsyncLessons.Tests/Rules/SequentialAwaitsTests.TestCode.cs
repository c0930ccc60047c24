using System.Threading.Tasks;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class SequentialAwaitsTests
{
    // ---- Test code: test projects are skipped unless asked --------------------------------------------------

    private const string SequentialSteps = """
        using System.Threading.Tasks;

        class Tests
        {
            async Task Publishes(string a, string b)
            {
                {|#0:await Api.SendAsync(a)|};
                {|#1:await Api.ArchiveAsync(b)|};
            }
        }
        """;

    [Theory]
    [InlineData("build_property.IsTestProject = true", null, false)]
    [InlineData("build_property.IsTestProject = true", "async_lessons.AL0001.include_test_code = true", true)]
    [InlineData("build_property.IsTestProject = false", null, true)]
    public Task TestProject_SkippedUnlessAsked(string project, string? option, bool reported)
    {
        var test = new Verify.AnalyzerTest<SequentialAwaitsAnalyzer>
        {
            TestCode = (reported ? SequentialSteps : SequentialSteps.Replace("{|#0:", "").Replace("{|#1:", "").Replace(")|}", ")")) + Services,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + project + "\n"));
        if (option is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + option + "\n"));
        }

        if (reported)
        {
            test.ExpectedDiagnostics.Add(Run(2));
        }

        return test.RunAsync();
    }

    [Fact]
    public Task ReferencesATestFramework_Skipped()
    {
        var test = new Verify.AnalyzerTest<SequentialAwaitsAnalyzer>
        {
            TestCode = SequentialSteps.Replace("{|#0:", "").Replace("{|#1:", "").Replace(")|}", ")") + Services,
        };
        test.TestState.AdditionalReferences.Add(TestReferences.Library("xunit.core", "namespace Xunit { public sealed class FactAttribute : System.Attribute { } }"));
        return test.RunAsync();
    }

    // ---- Test code: verifications, a check of what the step before it did -----------------------------------

    private const string MockLibrary = """
        namespace NSubstitute
        {
            public static class SubstituteExtensions
            {
                public static T Received<T>(this T substitute) where T : class => substitute;
                public static T DidNotReceive<T>(this T substitute) where T : class => substitute;
            }
        }
        """;

    private const string AssertLibrary = """
        namespace Xunit
        {
            public static class Assert
            {
                public static System.Threading.Tasks.Task<T> ThrowsAsync<T>(System.Func<System.Threading.Tasks.Task> test) where T : System.Exception => System.Threading.Tasks.Task.FromResult<T>(null!);
            }
        }
        """;

    private const string Repository = """

        public interface IRepository
        {
            Task<int> GetByIdAsync(int id);
            Task SaveAsync(int id);
        }

        public sealed class Service
        {
            public Task ActAsync(int id) => Task.CompletedTask;
        }
        """;

    private static Task VerifyInTestCode(string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.AnalyzerTest<SequentialAwaitsAnalyzer> { TestCode = source + Repository + Services };
        test.TestState.AdditionalReferences.Add(TestReferences.Library("NSubstitute", MockLibrary));
        test.TestState.AdditionalReferences.Add(TestReferences.Library("xunit.assert", AssertLibrary));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nasync_lessons.AL0001.include_test_code = true\n"));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task IndependentAwaitsInATestWithMocks_StillDiagnostic() => VerifyInTestCode("""
        using System.Threading.Tasks;
        using NSubstitute;

        class Tests
        {
            async Task Loads(IRepository repo, int id)
            {
                var user = {|#0:await Api.GetUserAsync(id)|};
                var stock = {|#1:await Api.GetStockAsync(id)|};
                await repo.Received().GetByIdAsync(id);
            }
        }
        """, Run(2));

    [Fact]
    public Task MockVerificationAfterTheAct_NoDiagnostic() => VerifyInTestCode("""
        using System;
        using System.Threading.Tasks;
        using NSubstitute;

        class Tests
        {
            async Task SavesTheUser(Service sut, IRepository repo)
            {
                await sut.ActAsync(1);
                await repo.Received().GetByIdAsync(1);
                await repo.DidNotReceive().GetByIdAsync(2);
            }
        }
        """);

    [Fact]
    public Task AwaitedAssertionAfterTheAct_NoDiagnostic() => VerifyInTestCode("""
        using System;
        using System.Threading.Tasks;
        using Xunit;

        class Tests
        {
            async Task Throws(Service sut, string message)
            {
                var user = await Api.GetUserAsync(1);
                await Assert.ThrowsAsync<InvalidOperationException>(() => sut.ActAsync(1));
            }
        }
        """);
}
