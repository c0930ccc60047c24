using System.Collections.Generic;

namespace AsyncLessons.Internals;

/// <summary>
/// Where one file switches a warning off and on again (<c>#pragma warning disable</c> / <c>restore</c>, ReSharper's
/// comments), in source order: each switch is a position and the state after it. A class of switches rather than a
/// list of tuples, so that the list's code is the framework's shared, precompiled one (AheadOfTimeTests).
/// </summary>
internal sealed class DisabledRegions
{
    private readonly List<Switch> _switches = new();

    public void Add(int position, bool disabled) => _switches.Add(new Switch(position, disabled));

    /// <summary>The state after the last switch at or before <paramref name="position"/> (on, before the first).</summary>
    public bool IsDisabledAt(int position)
    {
        var disabled = false;
        foreach (var change in _switches)
        {
            if (change.Position > position)
            {
                break;
            }

            disabled = change.Disabled;
        }

        return disabled;
    }

    private sealed class Switch(int position, bool disabled)
    {
        public int Position { get; } = position;

        public bool Disabled { get; } = disabled;
    }
}
