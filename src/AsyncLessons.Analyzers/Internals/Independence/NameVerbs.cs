namespace AsyncLessons.Internals;

// The verb lists AL0001 and AL0007 read through OrderedSteps and IndependenceAnalysis: what a method's name says about
// whether its place in the order matters, or whether it only reads. Listed on docs/rules/AL0001.md.

/// <summary>
/// Method names whose place in the order is the point: opening, connecting, waiting for a lock, initializing before
/// use, or saving, committing, flushing, closing and disposing after it. Such a call is never moved into a WhenAll.
/// </summary>
internal static class OrderSensitiveVerbs
{
    private static readonly string[] Verbs =
    {
        "Open", "Connect", "Start", "Init", "Initialize", "Ensure", "Login", "Logon", "SignIn", "Authenticate",
        "Authorize", "Wait", "Acquire", "Lock", "Enter", "Begin", "Migrate", "Prepare", "Setup", "SetUp", "Configure",
        "Register", "Subscribe", "Close", "Disconnect", "Stop", "Dispose", "Commit", "Rollback", "Flush", "Complete",
        "End", "Exit", "Release", "Unlock", "Logout", "Logoff", "SignOut", "Unsubscribe", "Unregister", "Shutdown",
        "Save", "Clear", "Reset", "Cancel", "Abort", "Drain", "Delay", "Sleep", "Apply", "Execute",

        // State changes a later call may observe (a read of what was deleted or posted) or that must not be followed
        // by the next step when they fail (an audit line after a delete): their order is the meaning.
        "Delete", "Remove", "Update", "Insert", "Upsert", "Post", "Put", "Patch", "Upload", "Move", "Rename", "Purge",
        "Truncate", "Drop", "Persist",

        // Waiting in any form: a pause is a step whose place in the order is the point, like Task.Delay itself.
        "Pause", "Settle", "Throttle", "Backoff",

        // Announcing or reacting to the step before or after: logging, tracing, events and notifications.
        "Log", "Trace", "Audit", "Raise", "Notify", "Invoke", "Fire", "Emit", "Trigger", "Signal",
    };

    /// <summary>True when a word of <paramref name="name"/> (not only the first: <c>ForceDisposeAsync</c>, <c>TryConnectAsync</c>) is one of the verbs.</summary>
    public static bool IsOrderSensitive(string name) => NameVerbs.ContainsVerb(name, Verbs);
}

/// <summary>Matches a method name against verbs: the verb, then the end or an upper-case letter or digit.</summary>
internal static class NameVerbs
{
    /// <summary>
    /// True when one of <paramref name="verbs"/> stands at the start of <paramref name="name"/> or of any later word of it
    /// (a word starts at an upper-case letter after a lower-case one or a digit, or after an underscore).
    /// </summary>
    public static bool ContainsVerb(string name, string[] verbs)
    {
        for (var start = 0; start < name.Length; start++)
        {
            if (start > 0 && !IsWordStart(name, start))
            {
                continue;
            }

            foreach (var verb in verbs)
            {
                if (string.CompareOrdinal(name, start, verb, 0, verb.Length) == 0
                    && (start + verb.Length == name.Length || char.IsUpper(name[start + verb.Length]) || char.IsDigit(name[start + verb.Length]) || name[start + verb.Length] == '_'))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsWordStart(string name, int index) =>
        (char.IsUpper(name[index]) && (char.IsLower(name[index - 1]) || char.IsDigit(name[index - 1]) || name[index - 1] == '_'))
        || (name[index - 1] == '_' && char.IsLetter(name[index]));

    public static bool StartsWithVerb(string name, string[] verbs)
    {
        foreach (var verb in verbs)
        {
            if (name.StartsWith(verb, System.StringComparison.Ordinal)
                && (name.Length == verb.Length || char.IsUpper(name[verb.Length]) || char.IsDigit(name[verb.Length])))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Method names that say the call only reads: then sharing an immutable value (an id, a path) is harmless.</summary>
internal static class ReadVerbs
{
    private static readonly string[] Verbs =
    {
        "Get", "Read", "Load", "Fetch", "Find", "Query", "List", "Count", "Download", "Search", "Lookup", "Resolve",
        "Exists", "Contains", "Check", "Validate", "Compute", "Calculate", "TryGet", "TryRead", "TryFind", "Peek",
        "Select", "First", "Single", "Any", "All", "Sum", "Min", "Max", "Average", "Receive", "Ping", "Head",
    };

    public static bool IsReadName(string name) => NameVerbs.StartsWithVerb(name, Verbs);
}
