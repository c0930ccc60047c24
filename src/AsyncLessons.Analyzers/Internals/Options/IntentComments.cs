using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncLessons.Internals;

/// <summary>
/// Comments that say a synchronous call is intended, read by AL0004 (<c>BlockingWaitAnalyzer</c>) and AL0005
/// (<c>SyncIOInAsyncAnalyzer</c>): such a call keeps its diagnostic (the lesson) but gets no code fix.
/// <list type="bullet">
/// <item>A peer tool's suppression of the same inspection: <c>// ReSharper disable once &lt;id&gt;</c> in the comment
/// lines directly above the statement (or above the line of the call), a <c>// ReSharper disable &lt;id&gt;</c> …
/// <c>// ReSharper restore &lt;id&gt;</c> region, or a <c>#pragma warning disable &lt;id&gt;</c> … <c>restore</c> region.
/// Which ids count is the caller's <see cref="IntentComments"/> instance (<see cref="BlockingWaits"/>,
/// <see cref="SyncCalls"/>, <see cref="SyncUsings"/>).</item>
/// <item>An English note of intent in those comment lines or at the end of the call's line: an intent word
/// (<c>intentionally</c>, <c>deliberately</c>, <c>on purpose</c>, <c>by design</c>, …) within three words of
/// <c>sync</c>, <c>synchronous(ly)</c>, <c>blocking</c>, <c>to block</c> or <c>sync over async</c>; or a permission word
/// (<c>fine</c>, <c>ok</c>, <c>safe</c> but not <c>thread-safe</c>, <c>acceptable</c>; <c>must</c> only before) within
/// three words of one of these but the bare <c>sync</c>, which is also a verb ("must sync the cache first"). A negation
/// in between or next to them (<c>not</c>, <c>non-</c>, <c>never</c>, <c>avoid</c>, …) disqualifies it:
/// "non-blocking on purpose", "blocking is not fine".</item>
/// </list>
/// Asked only when a diagnostic is about to be reported; the regions are read once per syntax tree.
/// </summary>
internal sealed class IntentComments
{
    private const int Window = 3;

    private static readonly HashSet<string> IntentWords = new(StringComparer.Ordinal)
    {
        "intentional", "intentionally", "intended", "deliberate", "deliberately", "purposely", "purposefully",
    };

    private static readonly HashSet<string> PermissionWords = new(StringComparer.Ordinal)
    {
        "fine", "ok", "okay", "safe", "acceptable",
    };

    private static readonly HashSet<string> NegationWords = new(StringComparer.Ordinal)
    {
        "not", "no", "non", "never", "avoid", "avoids", "avoided", "avoiding", "without", "instead", "don", "doesn", "isn",
        "shouldn", "mustn", "cannot", "can't", "dont", "don't", "doesn't", "isn't", "shouldn't", "mustn't",
    };

    private readonly HashSet<string> _resharperIds;
    private readonly HashSet<string> _pragmaIds;
    private readonly ConcurrentDictionary<SyntaxTree, DisabledRegions> _regions = new();
    private readonly Func<SyntaxTree, DisabledRegions> _readRegions;

    private IntentComments(string[] resharperIds, string[] pragmaIds)
    {
        _resharperIds = new HashSet<string>(resharperIds, StringComparer.OrdinalIgnoreCase);
        _pragmaIds = new HashSet<string>(pragmaIds, StringComparer.OrdinalIgnoreCase);
        _readRegions = ReadRegions;
    }

    /// <summary>
    /// AL0004: the ReSharper AsyncConverter/AsyncApostle plug-in's "use await instead of Wait/Result"; vs-threading's
    /// VSTHRD002 (synchronous waits) and VSTHRD103, CA1849, Meziantou's MA0042 and AsyncFixer02, which report blocking
    /// waits in async code as well as synchronous calls.
    /// </summary>
    public static IntentComments BlockingWaits() => new(
        new[] { "AsyncConverter.AsyncWait", "AsyncApostle.AsyncWait" },
        new[] { "VSTHRD002", "VSTHRD103", "CA1849", "MA0042", "AsyncFixer02" });

    /// <summary>AL0005's calls: ReSharper's "method has async overload" (with or without cancellation), VSTHRD103, CA1849, MA0042, AsyncFixer02.</summary>
    public static IntentComments SyncCalls() => new(
        new[] { "MethodHasAsyncOverload", "MethodHasAsyncOverloadWithCancellation" },
        new[] { "VSTHRD103", "CA1849", "MA0042", "AsyncFixer02" });

    /// <summary>AL0005's <c>using</c> over an <c>IAsyncDisposable</c>: ReSharper's UseAwaitUsing, Roslynator's RCS1261, MA0042.</summary>
    public static IntentComments SyncUsings() => new(
        new[] { "UseAwaitUsing" },
        new[] { "RCS1261", "MA0042" });

    /// <summary>
    /// True when a comment says that <paramref name="node"/> (the reported call, property access or <c>using</c>
    /// statement or declaration) is synchronous on purpose.
    /// </summary>
    public bool IsMarked(SyntaxNode node)
    {
        if (IsInDisabledRegion(node))
        {
            return true;
        }

        var anchor = Anchor(node);
        var anchorToken = anchor.GetFirstToken(includeZeroWidth: true);
        if (HasIntentAbove(anchorToken.LeadingTrivia))
        {
            return true;
        }

        var firstToken = node.GetFirstToken(includeZeroWidth: true);
        var lineStart = FirstOnItsLine(firstToken);
        if (lineStart != anchorToken && HasIntentAbove(lineStart.LeadingTrivia))
        {
            return true;
        }

        // The end of the line the node starts on (the using statement's head, the call) and of the one it ends on.
        var startLineEnd = LastOnItsLine(firstToken);
        if (HasIntentAtEnd(startLineEnd.TrailingTrivia))
        {
            return true;
        }

        if (node is StatementSyntax)
        {
            return false;
        }

        var endLineEnd = LastOnItsLine(node.GetLastToken(includeZeroWidth: true));
        return endLineEnd != startLineEnd && HasIntentAtEnd(endLineEnd.TrailingTrivia);
    }

    /// <summary>The statement containing the node, or the member when it sits in an expression body or initializer.</summary>
    private static SyntaxNode Anchor(SyntaxNode node)
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            if ((current is StatementSyntax and not BlockSyntax) || current is MemberDeclarationSyntax)
            {
                return current;
            }
        }

        return node;
    }

    private static SyntaxToken FirstOnItsLine(SyntaxToken token)
    {
        var current = token;
        while (true)
        {
            if (Contains(current.LeadingTrivia, SyntaxKind.EndOfLineTrivia))
            {
                return current;
            }

            var previous = current.GetPreviousToken(includeZeroWidth: true);
            if (previous.IsKind(SyntaxKind.None) || Contains(previous.TrailingTrivia, SyntaxKind.EndOfLineTrivia))
            {
                return current;
            }

            current = previous;
        }
    }

    private static SyntaxToken LastOnItsLine(SyntaxToken token)
    {
        var current = token;
        while (!Contains(current.TrailingTrivia, SyntaxKind.EndOfLineTrivia))
        {
            var next = current.GetNextToken(includeZeroWidth: true);
            if (next.IsKind(SyntaxKind.None) || next.IsKind(SyntaxKind.EndOfFileToken) || Contains(next.LeadingTrivia, SyntaxKind.EndOfLineTrivia))
            {
                return current;
            }

            current = next;
        }

        return current;
    }

    private static bool Contains(SyntaxTriviaList trivia, SyntaxKind kind)
    {
        foreach (var item in trivia)
        {
            if (item.IsKind(kind))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The comment lines directly above a token (no blank line between; <c>#pragma warning</c> lines are looked
    /// through): a ReSharper <c>disable once</c> of one of the ids, or an English note of intent.
    /// </summary>
    private bool HasIntentAbove(SyntaxTriviaList leading)
    {
        var lineBreaks = 0;
        for (var i = leading.Count - 1; i >= 0; i--)
        {
            var trivia = leading[i];
            switch (trivia.Kind())
            {
                case SyntaxKind.WhitespaceTrivia:
                case SyntaxKind.PragmaWarningDirectiveTrivia:
                    break;
                case SyntaxKind.EndOfLineTrivia:
                    if (++lineBreaks >= 2)
                    {
                        return false;
                    }

                    break;
                case SyntaxKind.SingleLineCommentTrivia:
                case SyntaxKind.MultiLineCommentTrivia:
                    lineBreaks = 0;
                    var text = CommentText(trivia);
                    if (IsResharperDisableOnce(text) || SaysIntended(text))
                    {
                        return true;
                    }

                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>A comment at the end of the line: only an English note (a ReSharper comment there is about the next line).</summary>
    private static bool HasIntentAtEnd(SyntaxTriviaList trailing)
    {
        foreach (var trivia in trailing)
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                return false;
            }

            if ((trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
                && SaysIntended(CommentText(trivia)))
            {
                return true;
            }
        }

        return false;
    }

    private static string CommentText(SyntaxTrivia trivia)
    {
        var text = trivia.ToString();
        if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia))
        {
            return text.Length >= 2 ? text.Substring(2) : string.Empty;
        }

        // /* ... */
        return text.Length >= 4 ? text.Substring(2, text.Length - 4) : string.Empty;
    }

    // ---- ReSharper comments and pragmas ------------------------------------------------------------------------

    private enum ResharperVerb
    {
        None,
        Disable,
        DisableOnce,
        Restore,
    }

    private bool IsResharperDisableOnce(string comment)
    {
        var ids = new List<string>();
        return ParseResharper(comment, ids) == ResharperVerb.DisableOnce && AnyKnown(ids, _resharperIds);
    }

    /// <summary><c>ReSharper disable [once] Id1, Id2 [-- or // a reason]</c> and <c>ReSharper restore Id</c>.</summary>
    private static ResharperVerb ParseResharper(string comment, List<string> ids)
    {
        var words = comment.Split(new[] { ' ', '\t', ',' }, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 3 || !string.Equals(words[0], "ReSharper", StringComparison.OrdinalIgnoreCase))
        {
            return ResharperVerb.None;
        }

        ResharperVerb verb;
        var index = 2;
        if (string.Equals(words[1], "restore", StringComparison.OrdinalIgnoreCase))
        {
            verb = ResharperVerb.Restore;
        }
        else if (!string.Equals(words[1], "disable", StringComparison.OrdinalIgnoreCase))
        {
            return ResharperVerb.None;
        }
        else if (string.Equals(words[2], "once", StringComparison.OrdinalIgnoreCase))
        {
            verb = ResharperVerb.DisableOnce;
            index = 3;
        }
        else
        {
            verb = ResharperVerb.Disable;
        }

        for (; index < words.Length && IsInspectionId(words[index]); index++)
        {
            ids.Add(words[index]);
        }

        return verb;
    }

    private static bool IsInspectionId(string word)
    {
        foreach (var c in word)
        {
            if (!char.IsLetterOrDigit(c) && c != '.' && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static bool AnyKnown(List<string> ids, HashSet<string> known)
    {
        foreach (var id in ids)
        {
            if (known.Contains(id))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsInDisabledRegion(SyntaxNode node) => _regions.GetOrAdd(node.SyntaxTree, _readRegions).IsDisabledAt(node.SpanStart);

    /// <summary>
    /// In order, each place where a <c>#pragma warning</c> or a ReSharper <c>disable</c>/<c>restore</c> changes whether
    /// one of the ids is disabled, with the state after it.
    /// </summary>
    private DisabledRegions ReadRegions(SyntaxTree tree)
    {
        var regions = new DisabledRegions();
        var disabledPragmas = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var disabledResharper = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ids = new List<string>();
        foreach (var trivia in tree.GetRoot().DescendantTrivia())
        {
            bool changed;
            if (trivia.IsKind(SyntaxKind.PragmaWarningDirectiveTrivia))
            {
                changed = trivia.GetStructure() is PragmaWarningDirectiveTriviaSyntax { IsActive: true } pragma && ApplyPragma(pragma, disabledPragmas);
            }
            else if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia))
            {
                ids.Clear();
                changed = ParseResharper(CommentText(trivia).Trim(), ids) switch
                {
                    ResharperVerb.Disable => AddKnown(ids, disabledResharper),
                    ResharperVerb.Restore => RemoveKnown(ids, disabledResharper),
                    _ => false,
                };
            }
            else
            {
                continue;
            }

            if (changed)
            {
                regions.Add(trivia.SpanStart, disabledPragmas.Count > 0 || disabledResharper.Count > 0);
            }
        }

        return regions;
    }

    private bool ApplyPragma(PragmaWarningDirectiveTriviaSyntax pragma, HashSet<string> disabled)
    {
        var disable = pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword);
        if (pragma.ErrorCodes.Count == 0)
        {
            // A bare disable silences AL0004/AL0005 themselves; a bare restore ends every region.
            if (disable || disabled.Count == 0)
            {
                return false;
            }

            disabled.Clear();
            return true;
        }

        var changed = false;
        foreach (var code in pragma.ErrorCodes)
        {
            var id = code.ToString().Trim();
            if (_pragmaIds.Contains(id))
            {
                changed |= disable ? disabled.Add(id) : disabled.Remove(id);
            }
        }

        return changed;
    }

    private bool AddKnown(List<string> ids, HashSet<string> disabled)
    {
        var changed = false;
        foreach (var id in ids)
        {
            if (_resharperIds.Contains(id))
            {
                changed |= disabled.Add(id);
            }
        }

        return changed;
    }

    private static bool RemoveKnown(List<string> ids, HashSet<string> disabled)
    {
        var changed = false;
        foreach (var id in ids)
        {
            if (string.Equals(id, "All", StringComparison.OrdinalIgnoreCase))
            {
                changed |= disabled.Count > 0;
                disabled.Clear();
            }
            else
            {
                changed |= disabled.Remove(id);
            }
        }

        return changed;
    }

    // ---- English -----------------------------------------------------------------------------------------------

    /// <summary>An intent or permission word near a word for synchronous or blocking work, with no negation near them.</summary>
    internal static bool SaysIntended(string comment)
    {
        var words = Words(comment);
        for (var i = 0; i < words.Count; i++)
        {
            var action = ActionAt(words, i, out var last);
            if (action == Action.None)
            {
                continue;
            }

            var from = Math.Max(0, i - Window);
            var to = Math.Min(words.Count - 1, last + Window);
            for (var j = from; j <= to; j++)
            {
                if (j >= i && j <= last)
                {
                    continue;
                }

                if (Counts(MarkerAt(words, j), action, markerFirst: j < i) && !IsNegatedAround(words, Math.Min(i, j), Math.Max(last, j)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// An intent word counts on either side; a permission word only with an unambiguous action word, and
    /// <c>must</c> only before it ("must be synchronous", not "blocking calls must be avoided").
    /// </summary>
    private static bool Counts(Marker marker, Action action, bool markerFirst) => marker switch
    {
        Marker.Intent => true,
        Marker.Permission => action == Action.Synchronous,
        Marker.Modal => action == Action.Synchronous && markerFirst,
        _ => false,
    };

    private enum Action
    {
        None,

        /// <summary><c>sync</c>, also a verb ("sync the cache"): counts only with an intent word.</summary>
        AmbiguousSync,
        Synchronous,
    }

    private enum Marker
    {
        None,

        /// <summary><c>intentionally</c>, <c>deliberately</c>, <c>on purpose</c>, <c>by design</c> (a two-word marker is at its first word).</summary>
        Intent,

        /// <summary><c>fine</c>, <c>ok</c>, <c>safe</c> (not <c>thread-safe</c>), <c>acceptable</c>.</summary>
        Permission,

        /// <summary><c>must</c>.</summary>
        Modal,
    }

    /// <summary>The action word at <paramref name="i"/>; <paramref name="last"/> is its last word (<c>sync over async</c> has three).</summary>
    private static Action ActionAt(List<string> words, int i, out int last)
    {
        last = i;
        switch (words[i])
        {
            case "synchronous":
            case "synchronously":
            case "blocking":
                return Action.Synchronous;
            case "block" when i > 0 && words[i - 1] == "to":
                return Action.Synchronous;
            case "sync" when i + 2 < words.Count && words[i + 1] == "over" && words[i + 2] == "async":
                // sync over async, sync-over-async
                last = i + 2;
                return Action.Synchronous;
            case "sync":
                return Action.AmbiguousSync;
            default:
                return Action.None;
        }
    }

    private static Marker MarkerAt(List<string> words, int j)
    {
        var word = words[j];
        if (IntentWords.Contains(word))
        {
            return Marker.Intent;
        }

        if (PermissionWords.Contains(word))
        {
            // thread-safe, type-safe, fail-safe: a property of the code, not a permission.
            return word == "safe" && j > 0 && words[j - 1] is "thread" or "type" or "fail" ? Marker.None : Marker.Permission;
        }

        if (word == "must")
        {
            return Marker.Modal;
        }

        if (j + 1 < words.Count
            && ((word == "on" && words[j + 1] == "purpose") || (word == "by" && words[j + 1] == "design")))
        {
            return Marker.Intent;
        }

        return Marker.None;
    }

    /// <summary>A negation between the two words or right next to them: "not blocking", "non-blocking", "blocking is fine? no".</summary>
    private static bool IsNegatedAround(List<string> words, int first, int last)
    {
        for (var k = Math.Max(0, first - 1); k <= last + 1 && k < words.Count; k++)
        {
            if (NegationWords.Contains(words[k]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The lower-case words of a comment: runs of letters, with an apostrophe inside a word kept ("don't").</summary>
    private static List<string> Words(string comment)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= comment.Length; i++)
        {
            var c = i < comment.Length ? comment[i] : ' ';
            var inWord = char.IsLetter(c)
                || (c is '\'' or '\u2019' && start >= 0 && i + 1 < comment.Length && char.IsLetter(comment[i + 1]));
            if (inWord)
            {
                if (start < 0)
                {
                    start = i;
                }
            }
            else if (start >= 0)
            {
                words.Add(comment.Substring(start, i - start).Replace('\u2019', '\'').ToLowerInvariant());
                start = -1;
            }
        }

        return words;
    }
}
