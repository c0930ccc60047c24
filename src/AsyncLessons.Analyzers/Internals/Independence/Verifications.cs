using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLessons.Internals;

/// <summary>
/// Awaited checks of what an earlier step did: a mock verification (NSubstitute's <c>Received()</c> and
/// <c>DidNotReceive()</c>, Moq's <c>Verify…</c>, FakeItEasy's <c>MustHaveHappened…</c>) or an assertion
/// (<c>Assert.ThrowsAsync</c>, <c>act.Should().ThrowAsync()</c>, <c>Verifier.Verify(...)</c>). Read by AL0001 and
/// AL0007 (through <see cref="OrderedSteps"/>): a check runs after the step it checks, never together with it.
/// Decided from the assembly that declares the call or a call on its receiver chain.
/// </summary>
internal static class Verifications
{
    /// <summary>Mocking and assertion libraries, by assembly name.</summary>
    private static readonly string[] Libraries =
    {
        "NSubstitute",
        "Moq",
        "FakeItEasy",
        "Telerik.JustMock",
        "FluentAssertions",
        "AwesomeAssertions",
        "Shouldly",
        "NFluent",
        "xunit.assert",
        "xunit.v3.assert",
        "nunit.framework",
        "Microsoft.VisualStudio.TestPlatform.TestFramework",
        "MSTest.TestFramework",
        "TUnit.Assertions",
        "Verify",
    };

    /// <summary>True when <paramref name="call"/>, or a call its receiver is built from, belongs to a mocking or assertion library.</summary>
    public static bool IsVerification(IInvocationOperation call)
    {
        for (var current = call; current is not null;)
        {
            if (IsLibrary(current.TargetMethod.ContainingAssembly))
            {
                return true;
            }

            var receiver = current.Instance
                ?? (current.TargetMethod.IsExtensionMethod && current.Arguments.Length > 0 ? current.Arguments[0].Value : null);
            receiver = receiver?.WalkDownConversions();

            current = receiver as IInvocationOperation;
        }

        return false;
    }

    private static bool IsLibrary(IAssemblySymbol? assembly)
    {
        if (assembly is null)
        {
            return false;
        }

        var name = assembly.Name;
        foreach (var library in Libraries)
        {
            if (string.Equals(name, library, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
