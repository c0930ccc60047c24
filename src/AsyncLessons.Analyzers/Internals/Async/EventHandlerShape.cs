using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AsyncLessons.Internals;

/// <summary>
/// Whether a signature looks like an event handler: <c>(sender, args)</c>, where the sender is a reference type and the
/// args type derives from <see cref="System.EventArgs"/> or, for WinRT-projected events (WinUI, UWP) whose args do not
/// derive from it, is named <c>…EventArgs</c>. Such signatures are dictated by the event, so they must stay void.
/// </summary>
internal static class EventHandlerShape
{
    private const string ArgsSuffix = "EventArgs";

    /// <summary>True when <paramref name="parameters"/> are <c>(sender, args)</c> as described on <see cref="EventHandlerShape"/>.</summary>
    public static bool Matches(ImmutableArray<IParameterSymbol> parameters, INamedTypeSymbol? eventArgs)
    {
        if (parameters.Length != 2
            || parameters[0].RefKind != RefKind.None
            || parameters[1].RefKind != RefKind.None
            || !parameters[0].Type.IsReferenceType)
        {
            return false;
        }

        var args = parameters[1].Type;
        for (var current = args; current is not null; current = current.BaseType)
        {
            if (current.IsEqualTo(eventArgs))
            {
                return true;
            }
        }

        return args.Name.EndsWith(ArgsSuffix, System.StringComparison.Ordinal);
    }
}
