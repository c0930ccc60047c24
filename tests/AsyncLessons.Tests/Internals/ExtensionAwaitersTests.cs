using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AsyncLessons.Internals;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncLessons.Tests.Internals;

/// <summary>
/// The index of <c>GetAwaiter</c> extension methods that lets AL0003 skip the extension-method lookup when nothing
/// could make a type awaitable: it must find such methods wherever they are declared (this compilation, a referenced
/// DLL, another project), and give up (fall back to the lookup) on forms it cannot classify.
/// </summary>
public sealed class ExtensionAwaitersTests
{
    private const string JobLibrary = """
        using System.Runtime.CompilerServices;
        using System.Threading.Tasks;

        namespace Jobs
        {
            public sealed class Job
            {
                public Task Completion => Task.CompletedTask;
            }
        }

        namespace Jobs.Awaiting
        {
            public static class JobExtensions
            {
                public static TaskAwaiter GetAwaiter(this Jobs.Job job) => job.Completion.GetAwaiter();
            }
        }
        """;

    private const string JobLibraryWithExtensionBlock = """
        using System.Runtime.CompilerServices;
        using System.Threading.Tasks;

        namespace Jobs
        {
            public sealed class Job
            {
                public Task Completion => Task.CompletedTask;
            }
        }

        namespace Jobs.Awaiting
        {
            public static class JobExtensions
            {
                extension(Jobs.Job job)
                {
                    public TaskAwaiter GetAwaiter() => job.Completion.GetAwaiter();
                }
            }
        }
        """;

    [Fact]
    public void Framework_Only_NoCandidates_Complete()
    {
        var index = ExtensionAwaiters.Find(Compile("class C { }"));

        Assert.True(index.IsComplete);
        Assert.Empty(index.Candidates);
    }

    [Fact]
    public void ExtensionInSource_Found()
    {
        var index = ExtensionAwaiters.Find(Compile(JobLibrary));

        Assert.True(index.IsComplete);
        Assert.Equal("Jobs.Awaiting.JobExtensions", Assert.Single(index.Candidates).ContainingType.ToDisplayString());
    }

    [Fact]
    public void ExtensionInReferencedDll_Found()
    {
        var index = ExtensionAwaiters.Find(Compile("class C { }", EmitLibrary(JobLibrary)));

        Assert.True(index.IsComplete);
        Assert.Equal("Jobs.Awaiting.JobExtensions", Assert.Single(index.Candidates).ContainingType.ToDisplayString());
    }

    [Fact]
    public void InstanceGetAwaiterInReferencedDll_NotACandidate()
    {
        var library = EmitLibrary("""
            public sealed class Awaitable
            {
                public System.Runtime.CompilerServices.TaskAwaiter GetAwaiter() => System.Threading.Tasks.Task.CompletedTask.GetAwaiter();
            }
            """);

        var index = ExtensionAwaiters.Find(Compile("class C { }", library));

        Assert.True(index.IsComplete);
        Assert.Empty(index.Candidates);
    }

    [Fact]
    public void GetAwaiterNestedInAClassThatIsNotStatic_InReferencedDll_NotACandidate_Complete()
    {
        // Only a static class can hold extensions, nested forms included: a nested awaitable elsewhere changes nothing.
        var library = EmitLibrary("""
            public sealed class Outer
            {
                public sealed class Awaitable
                {
                    public System.Runtime.CompilerServices.TaskAwaiter GetAwaiter() => System.Threading.Tasks.Task.CompletedTask.GetAwaiter();
                }
            }
            """);

        var index = ExtensionAwaiters.Find(Compile("class C { }", library));

        Assert.True(index.IsComplete);
        Assert.Empty(index.Candidates);
    }

    [Fact]
    public void ExtensionInOtherProjectsSource_Found()
    {
        var library = CSharpCompilation.Create("Jobs", new[] { Parse(JobLibrary) }, TestReferences.Net, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var index = ExtensionAwaiters.Find(Compile("class C { }", library.ToMetadataReference()));

        Assert.True(index.IsComplete);
        Assert.Single(index.Candidates);
    }

    [Fact]
    public void OtherProjectWithoutExtensions_NoCandidates_Complete()
    {
        var library = CSharpCompilation.Create("Jobs", new[] { Parse("public sealed class Job { public System.Runtime.CompilerServices.TaskAwaiter GetAwaiter() => default; }") }, TestReferences.Net, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var index = ExtensionAwaiters.Find(Compile("class C { }", library.ToMetadataReference()));

        Assert.True(index.IsComplete);
        Assert.Empty(index.Candidates);
    }

    [Fact]
    public void ExtensionBlockInOtherProjectsSource_Incomplete()
    {
        var library = CSharpCompilation.Create("Jobs", new[] { Parse(JobLibraryWithExtensionBlock) }, TestReferences.Net, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var index = ExtensionAwaiters.Find(Compile("class C { }", library.ToMetadataReference()));

        Assert.False(index.IsComplete);
    }

    [Fact]
    public void ExtensionBlockInSource_Incomplete()
    {
        var index = ExtensionAwaiters.Find(Compile(JobLibraryWithExtensionBlock));

        Assert.False(index.IsComplete);
    }

    [Fact]
    public void ExtensionBlockInReferencedDll_Incomplete()
    {
        var index = ExtensionAwaiters.Find(Compile("class C { }", EmitLibrary(JobLibraryWithExtensionBlock)));

        Assert.False(index.IsComplete);
    }

    // ---- The rule, with the extension outside the compilation ----------------------------------------------------

    [Fact]
    public Task ExtensionInReferencedDll_Imported_Diagnostic() => VerifyWithLibrary(
        """
        using Jobs;
        using Jobs.Awaiting;

        class C
        {
            static Job Schedule() => new Job();

            void M()
            {
                [|Schedule()|];
            }
        }
        """,
        EmitLibrary(JobLibrary));

    [Fact]
    public Task ExtensionInReferencedDll_NotImported_NoDiagnostic() => VerifyWithLibrary(
        """
        using Jobs;

        class C
        {
            static Job Schedule() => new Job();

            void M()
            {
                Schedule();
            }
        }
        """,
        EmitLibrary(JobLibrary));

    // The index holds a candidate, but it applies to Job only: a dropped value of another type stays unreported.
    [Fact]
    public Task ExtensionInReferencedDll_ForAnotherType_NoDiagnostic() => VerifyWithLibrary(
        """
        using Jobs;
        using Jobs.Awaiting;

        sealed class Report
        {
        }

        class C
        {
            static Report Build() => new Report();

            void M()
            {
                Build();
            }
        }
        """,
        EmitLibrary(JobLibrary));

    [Fact]
    public Task ExtensionBlockInReferencedDll_Imported_Diagnostic() => VerifyWithLibrary(
        """
        using Jobs;
        using Jobs.Awaiting;

        class C
        {
            static Job Schedule() => new Job();

            void M()
            {
                [|Schedule()|];
            }
        }
        """,
        EmitLibrary(JobLibraryWithExtensionBlock));

    [Fact]
    public Task ExtensionBlockInSource_Imported_Diagnostic() => Verify.Analyzer<UnobservedTaskAnalyzer>(JobLibraryWithExtensionBlock + """

        namespace App
        {
            using Jobs;
            using Jobs.Awaiting;

            class C
            {
                static Job Schedule() => new Job();

                void M()
                {
                    [|Schedule()|];
                }
            }
        }
        """);

    [Fact]
    public Task ExtensionBlockInSource_NotImported_NoDiagnostic() => Verify.Analyzer<UnobservedTaskAnalyzer>(JobLibraryWithExtensionBlock + """

        namespace App
        {
            using Jobs;

            class C
            {
                static Job Schedule() => new Job();

                void M()
                {
                    Schedule();
                }
            }
        }
        """);

    [Fact]
    public Task ExtensionInOtherProject_Imported_Diagnostic()
    {
        var test = new Verify.AnalyzerTest<UnobservedTaskAnalyzer>
        {
            TestCode = """
                using Jobs;
                using Jobs.Awaiting;

                class C
                {
                    static Job Schedule() => new Job();

                    void M()
                    {
                        [|Schedule()|];
                    }
                }
                """,
        };
        var library = new ProjectState("Jobs", LanguageNames.CSharp, "/Jobs/", "cs");
        library.Sources.Add(("Jobs.cs", JobLibrary));
        library.AdditionalReferences.AddRange(TestReferences.Net);
        test.TestState.AdditionalProjects.Add("Jobs", library);
        test.TestState.AdditionalProjectReferences.Add("Jobs");
        return test.RunAsync();
    }

    private static Task VerifyWithLibrary(string source, MetadataReference library)
    {
        var test = new Verify.AnalyzerTest<UnobservedTaskAnalyzer> { TestCode = source };
        test.TestState.AdditionalReferences.Add(library);
        return test.RunAsync();
    }

    private static SyntaxTree Parse(string source) =>
        CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview));

    private static CSharpCompilation Compile(string source, params MetadataReference[] extra) =>
        CSharpCompilation.Create(
            "Test",
            new[] { Parse(source) },
            TestReferences.Net.AddRange(extra),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    private static MetadataReference EmitLibrary(string source)
    {
        var compilation = CSharpCompilation.Create("Jobs", new[] { Parse(source) }, TestReferences.Net, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
