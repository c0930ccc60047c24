using System.IO;

namespace AsyncLessons.Samples;

/// <summary>The command line of the samples app.</summary>
public sealed record SampleOptions(bool List, string? LessonName, bool Quick)
{
    /// <summary>Parses <paramref name="args"/>; writes the problem to <paramref name="error"/> and returns null when they are wrong.</summary>
    public static SampleOptions? Parse(string[] args, TextWriter error)
    {
        var list = false;
        var quick = false;
        string? lesson = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--list":
                    list = true;
                    break;
                case "--quick":
                    quick = true;
                    break;
                case "--lesson" when i + 1 < args.Length:
                    lesson = args[++i];
                    break;
                case "--lesson":
                    error.WriteLine("--lesson needs a lesson name (see --list).");
                    return null;
                default:
                    error.WriteLine($"Unknown option '{args[i]}'. Usage: AsyncLessons.Samples [--list] [--lesson NAME] [--quick]");
                    return null;
            }
        }

        return new SampleOptions(list, lesson, quick);
    }
}
