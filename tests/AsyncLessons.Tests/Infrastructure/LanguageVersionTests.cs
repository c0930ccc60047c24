using System.Linq;
using AsyncLessons.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace AsyncLessons.Tests.Infrastructure;

/// <summary>
/// The premise of the params-collection tests: the test run uses a Roslyn new enough that <c>Task.WaitAll(a, b)</c>
/// binds as current SDKs bind it (C# 13+: <c>params ReadOnlySpan&lt;Task&gt;</c>), while C# 12 still binds the
/// <c>params Task[]</c> overload, and <see cref="ParamsArguments"/> lists the tasks in both shapes.
/// </summary>
public class LanguageVersionTests
{
    private const string Source = """
        using System.Threading.Tasks;

        class C
        {
            void M(Task a, Task<int> b) => Task.WaitAll(a, b);
        }
        """;

    [Fact]
    public void Verifiers_ParseAsTheNewestCSharp()
    {
        var test = new Verify.AnalyzerTest<AsyncLessons.Rules.BlockingWaitAnalyzer>();

        Assert.Equal(LanguageVersion.Latest, test.LanguageVersion);
        Assert.True(LanguageVersion.Latest.MapSpecifiedToEffectiveVersion() >= LanguageVersion.CSharp14);
    }

    [Fact]
    public void WaitAllOfListedTasks_Latest_BindsTheParamsSpanOverload()
    {
        var argument = TasksArgument(LanguageVersion.Latest);

        Assert.Equal("System.ReadOnlySpan<System.Threading.Tasks.Task>", argument.Parameter!.Type.ToDisplayString());
        Assert.NotEqual(ArgumentKind.ParamArray, argument.ArgumentKind);
        Assert.True(ParamsArguments.IsParams(argument));
        Assert.Equal(new[] { "a", "b" }, ElementNames(argument));
    }

    [Fact]
    public void WaitAllOfListedTasks_CSharp12_BindsTheParamsArrayOverload()
    {
        var argument = TasksArgument(LanguageVersion.CSharp12);

        Assert.Equal("System.Threading.Tasks.Task[]", argument.Parameter!.Type.ToDisplayString());
        Assert.Equal(ArgumentKind.ParamArray, argument.ArgumentKind);
        Assert.True(ParamsArguments.IsParams(argument));
        Assert.Equal(new[] { "a", "b" }, ElementNames(argument));
    }

    private static IArgumentOperation TasksArgument(LanguageVersion version)
    {
        var tree = CSharpSyntaxTree.ParseText(Source, new CSharpParseOptions(version));
        var compilation = CSharpCompilation.Create("Premise", new[] { tree }, TestReferences.Net, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var invocation = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>().Single();
        var operation = (IInvocationOperation)compilation.GetSemanticModel(tree).GetOperation(invocation)!;
        return Assert.Single(operation.Arguments);
    }

    private static string[] ElementNames(IArgumentOperation argument) =>
        ParamsArguments.Elements(argument)
            .Select(element => element is IConversionOperation conversion ? conversion.Operand : element)
            .Select(element => element.Syntax.ToString())
            .ToArray();
}
