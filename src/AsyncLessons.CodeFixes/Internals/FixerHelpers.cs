using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncLessons.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncLessons.CodeFixes.Internals;

/// <summary>Small pieces every AsyncLessons fixer needs.</summary>
internal static class FixerHelpers
{
    /// <summary>True when the analyzer said no fix may be offered for this diagnostic.</summary>
    public static bool IsFixable(Diagnostic diagnostic) => !diagnostic.Properties.ContainsKey(DiagnosticProperties.NoFix);

    /// <summary><c>global::System.Threading.Tasks.Task</c>, annotated so that it is simplified and its using added.</summary>
    public static TypeSyntax TaskType() =>
        SyntaxFactory.ParseTypeName("global::System.Threading.Tasks.Task")
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

    /// <summary>
    /// <c>await expression</c>, with one space after the keyword, marked as written by the fix: the clean-up adds
    /// <c>.ConfigureAwait(false)</c> where the code's convention asks for it (<see cref="ConfigureAwaitConvention"/>).
    /// </summary>
    public static AwaitExpressionSyntax Await(ExpressionSyntax expression) =>
        SyntaxFactory.AwaitExpression(
                SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space),
                expression)
            .WithAdditionalAnnotations(ConfigureAwaitConvention.NewAwait);

    /// <summary>
    /// <c>await <paramref name="operand"/></c> to stand where <paramref name="replaced"/> stands, with its trivia, in
    /// parentheses only where a primary expression is required (<c>(await reader.ReadLineAsync()).Length</c>). The
    /// choice is made here rather than left to the Simplifier, which drops a blank line above the statement together with
    /// parentheses it removes.
    /// </summary>
    public static ExpressionSyntax AwaitInPlaceOf(ExpressionSyntax replaced, ExpressionSyntax operand)
    {
        ExpressionSyntax awaited = Await(operand.WithoutTrivia());
        if (NeedsParentheses(replaced))
        {
            awaited = SyntaxFactory.ParenthesizedExpression(awaited);
        }

        return awaited.WithAdditionalAnnotations(Formatter.Annotation).WithTriviaFrom(replaced);
    }

    /// <summary>True where an <c>await</c> expression in place of <paramref name="expression"/> would bind differently without parentheses.</summary>
    private static bool NeedsParentheses(ExpressionSyntax expression) => expression.Parent switch
    {
        MemberAccessExpressionSyntax memberAccess => memberAccess.Expression == expression,
        ConditionalAccessExpressionSyntax conditionalAccess => conditionalAccess.Expression == expression,
        ElementAccessExpressionSyntax elementAccess => elementAccess.Expression == expression,
        InvocationExpressionSyntax invocation => invocation.Expression == expression,
        PostfixUnaryExpressionSyntax => true,
        _ => false,
    };

    /// <summary>The line ending <paramref name="node"/> already ends with (a CRLF file stays CRLF); LF when it has none.</summary>
    public static SyntaxTrivia EndOfLineOf(SyntaxNode node)
    {
        foreach (var trivia in node.GetTrailingTrivia())
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                return trivia;
            }
        }

        return SyntaxFactory.EndOfLine("\n");
    }

    /// <summary>An identifier for <paramref name="name"/>, escaped with <c>@</c> when it is a keyword.</summary>
    public static IdentifierNameSyntax Identifier(string name) =>
        SyntaxFactory.IdentifierName(SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name);

    /// <summary>True when <paramref name="node"/> sits in an <c>unsafe</c> block or member, where <c>await</c> is not allowed.</summary>
    public static bool IsInUnsafeBlock(SyntaxNode node) => AwaitPlacement.IsInUnsafeRegion(node);

    /// <summary>
    /// Applies <paramref name="edit"/> to each diagnostic's node in one <see cref="DocumentEditor"/> pass, then adds
    /// the usings, simplifies and formats what the edits annotated. Shared by the single fix and Fix All.
    /// </summary>
    public static async Task<Document> EditAsync(
        Document document,
        IEnumerable<Diagnostic> diagnostics,
        System.Action<DocumentEditor, Diagnostic, SyntaxNode> edit,
        CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var root = editor.OriginalRoot;
        foreach (var diagnostic in diagnostics)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            edit(editor, diagnostic, node);
        }

        return await CleanupAsync(document, editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Configures the new awaits where the code does, adds usings for, simplifies and formats the nodes a fix annotated,
    /// and writes the line endings of <paramref name="original"/>: a CRLF file stays CRLF, an LF file stays LF, whatever
    /// the fix or the formatter (which follows the machine's) wrote. A file that mixes both is left as the fix made it.
    /// </summary>
    public static async Task<Document> CleanupAsync(Document original, Document changed, CancellationToken cancellationToken)
    {
        var document = await ConfigureAwaitConvention.ApplyAsync(changed, cancellationToken).ConfigureAwait(false);
        document = await ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        document = await Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        document = await Formatter.FormatAsync(document, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        document = await KeepLineEndingsAsync(original, document, cancellationToken).ConfigureAwait(false);
        return await KeepCommentColumnsAsync(original, document, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A trailing comment that was aligned (more than one space before it) stays in its column on a line the fix made
    /// longer or shorter, as long as one space is left before it: <c>var text = File.ReadAllText(path);    // why</c>
    /// becomes <c>var text = await File.ReadAllTextAsync(path); // why</c>, not a comment pushed out of line with the others.
    /// </summary>
    private static async Task<Document> KeepCommentColumnsAsync(Document original, Document changed, CancellationToken cancellationToken)
    {
        var changes = (await changed.GetTextChangesAsync(original, cancellationToken).ConfigureAwait(false)).ToList();
        var oldRoot = await original.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var newRoot = await changed.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (changes.Count == 0 || oldRoot is null || newRoot is null)
        {
            return changed;
        }

        var oldText = await original.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var newText = await changed.GetTextAsync(cancellationToken).ConfigureAwait(false);
        changes.Sort(static (a, b) => a.Span.Start.CompareTo(b.Span.Start));
        var replacements = new Dictionary<SyntaxTrivia, SyntaxTrivia>();
        var delta = 0;
        foreach (var change in changes)
        {
            var newEnd = change.Span.Start + delta + (change.NewText?.Length ?? 0);
            delta += (change.NewText?.Length ?? 0) - change.Span.Length;
            var oldLine = oldText.Lines.GetLineFromPosition(change.Span.End);
            var newLine = newText.Lines.GetLineFromPosition(System.Math.Min(newEnd, newText.Length));
            if (TrailingComment(oldRoot, oldText, oldLine) is not { } oldComment
                || TrailingComment(newRoot, newText, newLine) is not { } newComment
                || oldComment.Comment.ToString() != newComment.Comment.ToString()
                || oldComment.Space.Span.Length < 2)
            {
                continue;
            }

            var shift = (newComment.Comment.SpanStart - newLine.Start) - (oldComment.Comment.SpanStart - oldLine.Start);
            var width = System.Math.Max(1, newComment.Space.Span.Length - shift);
            if (shift != 0 && width != newComment.Space.Span.Length)
            {
                replacements[newComment.Space] = SyntaxFactory.Whitespace(new string(' ', width));
            }
        }

        return replacements.Count == 0
            ? changed
            : changed.WithSyntaxRoot(newRoot.ReplaceTrivia(replacements.Keys, (originalTrivia, _) => replacements[originalTrivia]));
    }

    /// <summary>The <c>//</c> comment that ends <paramref name="line"/> after code, with the whitespace before it.</summary>
    private static (SyntaxTrivia Space, SyntaxTrivia Comment)? TrailingComment(SyntaxNode root, Microsoft.CodeAnalysis.Text.SourceText text, Microsoft.CodeAnalysis.Text.TextLine line)
    {
        var content = text.ToString(line.Span);
        for (var index = content.IndexOf("//", System.StringComparison.Ordinal); index > 0; index = content.IndexOf("//", index + 2, System.StringComparison.Ordinal))
        {
            var comment = root.FindTrivia(line.Start + index);
            if (!comment.IsKind(SyntaxKind.SingleLineCommentTrivia) || comment.SpanStart != line.Start + index)
            {
                continue;
            }

            var list = comment.Token.TrailingTrivia.Contains(comment) ? comment.Token.TrailingTrivia : default;
            var position = list.IndexOf(comment);
            if (position > 0 && list[position - 1].IsKind(SyntaxKind.WhitespaceTrivia) && content.Substring(0, index).Trim().Length > 0)
            {
                return (list[position - 1], comment);
            }

            return null;
        }

        return null;
    }

    private static async Task<Document> KeepLineEndingsAsync(Document original, Document changed, CancellationToken cancellationToken)
    {
        var text = (await original.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString();
        var crlf = CountCrlf(text);
        var lf = CountLf(text) - crlf;
        if ((crlf == 0) == (lf == 0))
        {
            return changed;
        }

        var endOfLine = crlf > 0 ? "\r\n" : "\n";
        var root = await changed.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return changed;
        }

        var wrong = root.DescendantTrivia(descendIntoTrivia: true).Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia) && t.ToString() != endOfLine).ToList();
        return wrong.Count == 0
            ? changed
            : changed.WithSyntaxRoot(root.ReplaceTrivia(wrong, (_, _) => SyntaxFactory.EndOfLine(endOfLine)));
    }

    private static int CountCrlf(string text)
    {
        var count = 0;
        for (var i = text.IndexOf("\r\n", System.StringComparison.Ordinal); i >= 0; i = text.IndexOf("\r\n", i + 2, System.StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static int CountLf(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            count += c == '\n' ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// The one Fix All shape every AsyncLessons fixer uses (document, project, solution): it applies only the kind of fix
    /// named by the Fix All's equivalence key, to the fixable diagnostics of each document. A Fix All without a key is
    /// how <c>dotnet format</c> asks when the first diagnostic it meets has no fix of its own (inside <c>lock</c>, say):
    /// it gets the rule's recommended fix, so that one run applies it everywhere it is offered. A key of another fixer
    /// changes nothing.
    /// </summary>
    /// <param name="recommendedKey">The key of the rule's recommended fix, shared by every shape the rule reports.</param>
    /// <param name="fixAsync">Applies the fix of the given key to a document's diagnostics; it re-checks each one as the single fix does.</param>
    /// <param name="alternativeKeys">The keys of the rule's other fixes.</param>
    public static FixAllProvider FixAll(
        string recommendedKey,
        System.Func<string, Document, ImmutableArray<Diagnostic>, CancellationToken, Task<Document>> fixAsync,
        params string[] alternativeKeys) =>
        FixAllProvider.Create(async (context, document, diagnostics) =>
        {
            var key = KeyOf(context, recommendedKey);
            if (key != recommendedKey && System.Array.IndexOf(alternativeKeys, key) < 0)
            {
                return document;
            }

            var fixable = diagnostics.Where(IsFixable).ToImmutableArray();
            return fixable.IsEmpty ? document : await fixAsync(key, document, fixable, context.CancellationToken).ConfigureAwait(false);
        });

    /// <summary>The Fix All's equivalence key; the recommended one when it has none (see <see cref="FixAll"/>).</summary>
    public static string KeyOf(FixAllContext context, string recommendedKey) => context.CodeActionEquivalenceKey ?? recommendedKey;
}
