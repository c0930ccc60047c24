namespace AsyncLessons;

/// <summary>The rule ids of AsyncLessons, in one place. They are a public contract: never renumber.</summary>
public static class RuleIds
{
    public const string SequentialAwaits = "AL0001";
    public const string ThreadSleepInAsync = "AL0002";
    public const string UnobservedTask = "AL0003";
    public const string BlockingWait = "AL0004";
    public const string SyncIOInAsync = "AL0005";
    public const string AsyncVoid = "AL0006";
    public const string AwaitInLoop = "AL0007";
    public const string SharedResource = "AL0008";

    /// <summary>Categories used by the descriptors.</summary>
    public const string UsageCategory = "Usage";
    public const string PerformanceCategory = "Performance";
    public const string ReliabilityCategory = "Reliability";

    private const string DocsBase = "https://github.com/AsyncLessons/AsyncLessons/blob/main/docs/rules/";

    /// <summary>The help link of a rule: its page under <c>docs/rules/</c>.</summary>
    public static string HelpLink(string id) => DocsBase + id + ".md";
}
