using System.Collections.Immutable;
using System.Linq;
using AsyncLessons.Internals;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AsyncLessons.Tests.Internals;

/// <summary>
/// <see cref="KnownTypes.Named"/> answers from the merged global namespace where that decides (no assembly has the
/// namespace, or one type of that name is there) and searches by metadata name otherwise: the answer must be the
/// search's either way, wherever the type is declared (the source, a reference, two references, an extern alias).
/// </summary>
public sealed class KnownTypesTests
{
    private const string Mocks = """
        namespace NSubstitute
        {
            public static class SubstituteExtensions { }
        }
        """;

    [Fact]
    public void Named_TypeInANamespaceNoAssemblyHas_IsNull() =>
        Assert.Null(KnownTypes.Get(Compile("class C { }")).Named("NSubstitute.SubstituteExtensions"));

    [Fact]
    public void Named_TypeInTheCoreLibraryAndInAnotherReference_IsFound()
    {
        var types = KnownTypes.Get(Compile("class C { }"));
        Assert.NotNull(types.Named("System.Threading.Interlocked"));
        Assert.NotNull(types.Named("System.Net.Http.HttpClient"));
    }

    [Fact]
    public void Named_TypeDeclaredInTheSource_IsFound() =>
        Assert.NotNull(KnownTypes.Get(Compile(Mocks)).Named("NSubstitute.SubstituteExtensions"));

    [Fact]
    public void Named_TypeInAReference_IsFound() =>
        Assert.NotNull(KnownTypes.Get(Compile("class C { }", TestReferences.Library("Mocks", Mocks))).Named("NSubstitute.SubstituteExtensions"));

    [Fact]
    public void Named_TypeInAReferenceUnderAnExternAliasOnly_IsNull_AsBySearch()
    {
        // Neither the global namespace nor the search by metadata name sees a reference with only an extern alias.
        var compilation = Compile("extern alias Mocks; class C { }", TestReferences.Library("Mocks", Mocks).WithAliases(ImmutableArray.Create("Mocks")));
        Assert.DoesNotContain(compilation.GlobalNamespace.GetMembers("NSubstitute"), m => m is INamespaceSymbol);
        Assert.Null(compilation.GetTypeByMetadataName("NSubstitute.SubstituteExtensions"));
        Assert.Null(KnownTypes.Get(compilation).Named("NSubstitute.SubstituteExtensions"));

        var alsoGlobal = Compile("extern alias Mocks; class C { }", TestReferences.Library("Mocks", Mocks).WithAliases(ImmutableArray.Create("Mocks", "global")));
        Assert.NotNull(KnownTypes.Get(alsoGlobal).Named("NSubstitute.SubstituteExtensions"));
    }

    [Fact]
    public void Named_TypeMissingFromANamespaceThatExists_IsNull_AndNameWithoutNamespace_IsSearched()
    {
        var types = KnownTypes.Get(Compile("class C { } namespace NSubstitute { }"));
        Assert.Null(types.Named("NSubstitute.Received"));
        Assert.Null(types.Named("System.NoSuchType"));
        Assert.NotNull(types.Named("C"));
    }

    [Theory]
    [InlineData("System.Threading.Interlocked")]
    [InlineData("System.Net.Http.HttpClient")]
    [InlineData("System.Linq.Enumerable")]
    [InlineData("System.Collections.Concurrent.ConcurrentDictionary`2")]
    [InlineData("System.Collections.Generic.List`1")]
    [InlineData("System.Environment+SpecialFolder")]
    [InlineData("System.Data.Common.DbConnection")]
    [InlineData("System.IO.Pipelines.PipeReader")]
    [InlineData("System.NoSuchType")]
    [InlineData("System.Net.NoSuchNamespace.Type")]
    [InlineData("System.Collections.Generic.List`x")]
    [InlineData("Microsoft.EntityFrameworkCore.DbContext")]
    [InlineData("NSubstitute.SubstituteExtensions")]
    [InlineData("C")]
    public void Named_GivesTheSearchByMetadataNamesAnswer(string metadataName)
    {
        var compilation = Compile("class C { }");
        Assert.Same(compilation.GetTypeByMetadataName(metadataName), KnownTypes.Get(compilation).Named(metadataName));
    }

    [Fact]
    public void Named_TypeInTwoReferences_IsAsBySearch_Null()
    {
        var compilation = Compile("class C { }", TestReferences.Library("MocksA", Mocks), TestReferences.Library("MocksB", Mocks));
        Assert.Null(compilation.GetTypeByMetadataName("NSubstitute.SubstituteExtensions"));
        Assert.Null(KnownTypes.Get(compilation).Named("NSubstitute.SubstituteExtensions"));
    }

    [Fact]
    public void Named_TypeInTheSourceAndInAReference_IsAsBySearch_TheSourcesOwn()
    {
        var compilation = Compile(Mocks, TestReferences.Library("Mocks", Mocks));
        var expected = compilation.GetTypeByMetadataName("NSubstitute.SubstituteExtensions");
        Assert.NotNull(expected);
        Assert.Same(compilation.Assembly, expected!.ContainingAssembly);
        Assert.Same(expected, KnownTypes.Get(compilation).Named("NSubstitute.SubstituteExtensions"));
    }

    private static CSharpCompilation Compile(string source, params MetadataReference[] extra) =>
        CSharpCompilation.Create(
            "Test",
            new[] { CSharpSyntaxTree.ParseText(source) },
            TestReferences.Net.AddRange(extra),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
}
