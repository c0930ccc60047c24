using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncLessons.CodeFixes.Internals;
using AsyncLessons.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace AsyncLessons.CodeFixes.Rules;

/// <summary>
/// AL0001 fix: start every call of the run, <c>await Task.WhenAll(...)</c>, then take each result with
/// <c>await xTask</c>. Calls whose results are unused (and that no used call follows) go straight into WhenAll.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SequentialAwaitsCodeFix)), Shared]
public sealed class SequentialAwaitsCodeFix : CodeFixProvider
{
    public const string RecommendedKey = RuleIds.SequentialAwaits + ".WhenAll";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.SequentialAwaits);

    public override FixAllProvider GetFixAllProvider() => FixerHelpers.FixAll(RecommendedKey, static (_, document, diagnostics, ct) => FixAsync(document, diagnostics, ct));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!FixerHelpers.IsFixable(diagnostic) || Run.Find(root, diagnostic) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Start together and await Task.WhenAll", ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), ct), RecommendedKey),
                diagnostic);
        }
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (semanticModel is null || root is null)
        {
            return document;
        }

        // Runs are rewritten per block (or per compilation unit for top-level code), so several runs of one block,
        // and runs nested in lambdas of other runs, all apply in one pass.
        var names = new Names(semanticModel);
        var runsByParent = new Dictionary<SyntaxNode, List<Run>>();
        foreach (var diagnostic in diagnostics)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Run.Find(root, diagnostic) is { } run)
            {
                if (!runsByParent.TryGetValue(run.Parent, out var runs))
                {
                    runsByParent.Add(run.Parent, runs = new List<Run>());
                }

                runs.Add(run);
            }
        }

        // Names are picked in document order, so the first run gets the plain names.
        var ordered = runsByParent.Values.SelectMany(static r => r).OrderBy(static r => r.OriginalStatements[0].SpanStart).ToList();
        foreach (var run in ordered)
        {
            run.AssignNames(names);
        }

        var newRoot = root.ReplaceNodes(runsByParent.Keys, (original, rewritten) => RewriteParent(rewritten, runsByParent[original], names));
        return await FixerHelpers.CleanupAsync(document, document.WithSyntaxRoot(newRoot), cancellationToken).ConfigureAwait(false);
    }

    private static SyntaxNode RewriteParent(SyntaxNode parent, List<Run> runs, Names names)
    {
        var isTopLevel = parent is CompilationUnitSyntax;
        var children = parent switch
        {
            BlockSyntax block => block.Statements.Cast<SyntaxNode>().ToList(),
            CompilationUnitSyntax unit => unit.Members.Cast<SyntaxNode>().ToList(),
            _ => null,
        };
        if (children is null)
        {
            return parent;
        }

        // Last run first, so the indices of the earlier ones still hold.
        runs.Sort(static (a, b) => b.Start.CompareTo(a.Start));
        var previousStart = int.MaxValue;
        foreach (var run in runs)
        {
            if (run.Start + run.Count > previousStart || run.Start + run.Count > children.Count)
            {
                continue;
            }

            previousStart = run.Start;
            var statements = new List<StatementSyntax>(run.Count);
            for (var i = 0; i < run.Count; i++)
            {
                statements.Add(children[run.Start + i] is GlobalStatementSyntax global ? global.Statement : (StatementSyntax)children[run.Start + i]);
            }

            var replacement = Rewrite(statements, run, names);
            if (replacement is null)
            {
                continue;
            }

            children.RemoveRange(run.Start, run.Count);
            children.InsertRange(run.Start, replacement.Select(s => isTopLevel ? SyntaxFactory.GlobalStatement(s) : (SyntaxNode)s));
        }

        return parent switch
        {
            BlockSyntax block => block.WithStatements(SyntaxFactory.List(children.Cast<StatementSyntax>())),
            CompilationUnitSyntax unit => unit.WithMembers(SyntaxFactory.List(children.Cast<MemberDeclarationSyntax>())),
            _ => parent,
        };
    }

    /// <summary>The statements that replace a run: task starts, <c>await Task.WhenAll(...)</c>, then the results in order.</summary>
    private static List<StatementSyntax>? Rewrite(List<StatementSyntax> statements, Run run, Names names)
    {
        var count = statements.Count;
        var awaits = new AwaitExpressionSyntax[count];
        var used = new bool[count];
        for (var i = 0; i < count; i++)
        {
            if (AwaitOf(statements[i]) is not { } await)
            {
                return null;
            }

            awaits[i] = await;
            used[i] = IsUsed(statements[i]);
        }

        if (StartAll(statements, awaits, used, run) is not { } inserted)
        {
            return null;
        }

        var remainder = LayOut(inserted, statements[0]);

        // Each statement whose result is used stays, awaiting its task (complete by then).
        for (var i = 0; i < count; i++)
        {
            if (!used[i])
            {
                continue;
            }

            var statement = statements[i];
            var result = FixerHelpers.Await(ConfigureAwait(SyntaxFactory.IdentifierName(run.TaskNames[i]!), run.ConfigureAwaitFalse))
                .WithTriviaFrom(awaits[i]);
            statement = statement.ReplaceNode(awaits[i], result);
            if (i == 0)
            {
                statement = statement.WithLeadingTrivia(remainder);
            }

            inserted.Add(statement);
        }

        return inserted;
    }

    /// <summary>
    /// The statements that start the run's operations together, in the original order: a task variable for each one
    /// whose result a later statement needs, then <c>await Task.WhenAll(...)</c>, which starts the others itself.
    /// Null when an operation that needs a variable has no free name.
    /// </summary>
    private static List<StatementSyntax>? StartAll(List<StatementSyntax> statements, AwaitExpressionSyntax[] awaits, bool[] used, Run run)
    {
        var lastUsed = LastKept(statements);
        var inserted = new List<StatementSyntax>();
        var whenAllArguments = new List<ArgumentSyntax>();
        var foldedTrivia = new List<SyntaxTrivia>();
        for (var i = 0; i < statements.Count; i++)
        {
            var statement = statements[i];
            var call = StartCall(CallOf(awaits[i]), run.Kinds[i] == 'V');
            if (!used[i] && i > lastUsed)
            {
                // Nothing after it needs a variable: start it inside WhenAll, still in the original order.
                whenAllArguments.Add(SyntaxFactory.Argument(call));
                foldedTrivia.AddRange(Comments(statement.GetLeadingTrivia()));
                foldedTrivia.AddRange(Comments(statement.GetTrailingTrivia()));
                continue;
            }

            if (run.TaskNames[i] is not { } name)
            {
                return null;
            }

            var declaration = TaskDeclaration(name, call);
            if (!used[i])
            {
                // The statement disappears (WhenAll awaits its task): its comments move to the task's start.
                declaration = declaration
                    .WithLeadingTrivia(Comments(statement.GetLeadingTrivia()))
                    .WithTrailingTrivia(TrailingComments(statement));
            }

            inserted.Add(declaration);
            whenAllArguments.Add(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(name)));
        }

        ExpressionSyntax whenAll = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, FixerHelpers.TaskType(), SyntaxFactory.IdentifierName("WhenAll")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(whenAllArguments, Commas(whenAllArguments.Count - 1))));
        inserted.Add(SyntaxFactory.ExpressionStatement(FixerHelpers.Await(ConfigureAwait(whenAll, run.ConfigureAwaitFalse)))
            .WithLeadingTrivia(foldedTrivia));
        return inserted;
    }

    /// <summary><c>var name = call;</c></summary>
    private static StatementSyntax TaskDeclaration(string name, ExpressionSyntax call) =>
        SyntaxFactory.LocalDeclarationStatement(
            SyntaxFactory.VariableDeclaration(
                SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(default, "var", SyntaxFactory.TriviaList(SyntaxFactory.Space))),
                SyntaxFactory.SingletonSeparatedList(
                    SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(name))
                        .WithInitializer(SyntaxFactory.EqualsValueClause(
                            SyntaxFactory.Token(SyntaxKind.EqualsToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
                            call)))));

    /// <summary>
    /// Lays the <paramref name="inserted"/> statements out where <paramref name="first"/> was, at its indentation and
    /// with its line ending; the blank lines before the run stay before it. Returns what else led
    /// <paramref name="first"/> (its comments and indentation), which it keeps if it stays.
    /// </summary>
    private static SyntaxTriviaList LayOut(List<StatementSyntax> inserted, StatementSyntax first)
    {
        var (blankLines, remainder) = SplitLeadingBlankLines(first.GetLeadingTrivia());
        var endOfLine = FixerHelpers.EndOfLineOf(first);
        var indentation = remainder.Count > 0 && remainder[remainder.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
            ? remainder[remainder.Count - 1]
            : default;
        for (var i = 0; i < inserted.Count; i++)
        {
            var statement = inserted[i];
            var own = Indent(statement.GetLeadingTrivia().Where(static t => !t.IsDirective && !t.HasAnnotation(SyntaxAnnotation.ElasticAnnotation)), indentation);
            var leading = i == 0 ? blankLines.Concat(own) : own;
            var trailing = statement.GetTrailingTrivia().Where(static t => !t.IsKind(SyntaxKind.EndOfLineTrivia) && !t.HasAnnotation(SyntaxAnnotation.ElasticAnnotation)).Concat(new[] { endOfLine });
            // Laid out here, not by the formatter: it would re-indent by its own rules (a block under a `case`) this
            // statement and the one after it, which the fix does not touch. Each call keeps the user's own layout.
            inserted[i] = WithoutElasticTrivia(statement).WithLeadingTrivia(leading).WithTrailingTrivia(trailing);
        }

        return remainder;
    }

    /// <summary>
    /// The last statement of the run that gets a task variable: the last one whose result is used, or the last of all
    /// when a call spans several lines (then each call keeps a statement of its own, as the user wrote it, rather than
    /// being folded into one long <c>Task.WhenAll(...)</c>).
    /// </summary>
    private static int LastKept(IReadOnlyList<StatementSyntax> statements)
    {
        var last = -1;
        for (var i = 0; i < statements.Count; i++)
        {
            if (IsUsed(statements[i]))
            {
                last = i;
            }

            if (AwaitOf(statements[i]) is { } await && CallOf(await).ToString().IndexOf('\n') >= 0)
            {
                return statements.Count - 1;
            }
        }

        return last;
    }

    /// <summary>
    /// The node with the elastic trivia of the tokens the fix built removed: a code action formats around elastic
    /// trivia, which would re-indent the statements next to the run.
    /// </summary>
    private static StatementSyntax WithoutElasticTrivia(StatementSyntax statement) =>
        statement.ReplaceTokens(
            statement.DescendantTokens(),
            static (_, token) => token
                .WithLeadingTrivia(token.LeadingTrivia.Where(static t => !t.HasAnnotation(SyntaxAnnotation.ElasticAnnotation)))
                .WithTrailingTrivia(token.TrailingTrivia.Where(static t => !t.HasAnnotation(SyntaxAnnotation.ElasticAnnotation))));

    /// <summary><c>, </c> separators.</summary>
    private static IEnumerable<SyntaxToken> Commas(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space);
        }
    }

    /// <summary>True when the statement keeps the awaited result (a declaration or an assignment).</summary>
    private static bool IsUsed(StatementSyntax statement) => statement is not ExpressionStatementSyntax { Expression: AwaitExpressionSyntax };

    private static AwaitExpressionSyntax? AwaitOf(StatementSyntax statement) => statement switch
    {
        ExpressionStatementSyntax { Expression: AwaitExpressionSyntax await } => await,
        ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Right: AwaitExpressionSyntax await } } => await,
        LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables } when variables[0].Initializer?.Value is AwaitExpressionSyntax await => await,
        _ => null,
    };

    private static ExpressionSyntax CallOf(AwaitExpressionSyntax await) =>
        await.Expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } member }
            ? member.Expression
            : await.Expression;

    /// <summary>Puts the run's indentation before each comment line and before the statement itself, so the formatter lays out multi-line calls from the right column.</summary>
    private static IEnumerable<SyntaxTrivia> Indent(IEnumerable<SyntaxTrivia> trivia, SyntaxTrivia indentation)
    {
        var hasIndentation = indentation.IsKind(SyntaxKind.WhitespaceTrivia);
        var atLineStart = true;
        foreach (var item in trivia)
        {
            if (atLineStart && hasIndentation && !item.IsKind(SyntaxKind.WhitespaceTrivia) && !item.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                yield return indentation;
            }

            yield return item;
            atLineStart = item.IsKind(SyntaxKind.EndOfLineTrivia);
        }

        if (atLineStart && hasIndentation)
        {
            yield return indentation;
        }
    }

    private static ExpressionSyntax StartCall(ExpressionSyntax call, bool isValueTask)
    {
        call = call.WithoutTrivia();
        return isValueTask
            ? SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, call, SyntaxFactory.IdentifierName("AsTask")))
            : call;
    }

    private static ExpressionSyntax ConfigureAwait(ExpressionSyntax awaited, bool configureAwaitFalse) =>
        configureAwaitFalse ? ConfigureAwaitConvention.Configure(awaited) : awaited;

    /// <summary><c>user</c> → <c>userTask</c>; <c>_orders</c> → <c>ordersTask</c>; <c>await SendAsync()</c> → <c>sendTask</c>.</summary>
    private static string BaseName(StatementSyntax statement, ExpressionSyntax call)
    {
        var name = statement switch
        {
            LocalDeclarationStatementSyntax declaration => declaration.Declaration.Variables[0].Identifier.ValueText,
            ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: var left } } => left switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                _ => "",
            },
            _ => MethodName(call),
        };
        name = name.TrimStart('_');
        if (name.Length == 0 || !SyntaxFacts.IsIdentifierStartCharacter(name[0]))
        {
            return "task";
        }

        return char.ToLowerInvariant(name[0]) + name.Substring(1) + "Task";
    }

    private static string MethodName(ExpressionSyntax call)
    {
        var target = call is InvocationExpressionSyntax invocation ? invocation.Expression : call;
        var name = target switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => "",
        };
        return name.EndsWith("Async", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Async".Length) : name;
    }

    private static IEnumerable<SyntaxTrivia> Comments(SyntaxTriviaList trivia)
    {
        var endOfLine = SyntaxFactory.EndOfLine("\n");
        foreach (var item in trivia)
        {
            if (item.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                endOfLine = item;
                break;
            }
        }

        foreach (var item in trivia)
        {
            if (item.IsKind(SyntaxKind.SingleLineCommentTrivia) || item.IsKind(SyntaxKind.MultiLineCommentTrivia))
            {
                yield return item;
                yield return endOfLine;
            }
        }
    }

    private static IEnumerable<SyntaxTrivia> TrailingComments(StatementSyntax statement)
    {
        var comments = Comments(statement.GetTrailingTrivia()).ToList();
        return comments.Count == 0 ? comments : new[] { SyntaxFactory.Space }.Concat(comments);
    }

    private static (SyntaxTriviaList BlankLines, SyntaxTriviaList Remainder) SplitLeadingBlankLines(SyntaxTriviaList trivia)
    {
        var lastEndOfLine = -1;
        for (var i = 0; i < trivia.Count; i++)
        {
            if (trivia[i].IsKind(SyntaxKind.EndOfLineTrivia))
            {
                lastEndOfLine = i;
            }
            else if (!trivia[i].IsKind(SyntaxKind.WhitespaceTrivia))
            {
                break;
            }
        }

        return (SyntaxFactory.TriviaList(trivia.Take(lastEndOfLine + 1)), SyntaxFactory.TriviaList(trivia.Skip(lastEndOfLine + 1)));
    }

    /// <summary>Where one diagnostic's run sits: its block (or compilation unit), the index of its first statement, and what the analyzer learned.</summary>
    private sealed class Run
    {
        private Run(SyntaxNode parent, int start, List<StatementSyntax> originalStatements, string kinds, bool configureAwaitFalse)
        {
            Parent = parent;
            Start = start;
            OriginalStatements = originalStatements;
            Kinds = kinds;
            ConfigureAwaitFalse = configureAwaitFalse;
            TaskNames = new string?[originalStatements.Count];
        }

        public SyntaxNode Parent { get; }
        public int Start { get; }
        public int Count => OriginalStatements.Count;
        public List<StatementSyntax> OriginalStatements { get; }

        /// <summary>The task variable of each statement, or null where the call goes straight into WhenAll.</summary>
        public string?[] TaskNames { get; }
        public string Kinds { get; }
        public bool ConfigureAwaitFalse { get; }

        public static Run? Find(SyntaxNode root, Diagnostic diagnostic)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.AwaitedKinds, out var kinds)
                || kinds is null
                || kinds.Length != diagnostic.AdditionalLocations.Count + 1)
            {
                return null;
            }

            SyntaxNode? parent = null;
            var start = -1;
            var statements = new List<StatementSyntax>(kinds.Length);
            for (var i = 0; i < kinds.Length; i++)
            {
                var location = i == 0 ? diagnostic.Location : diagnostic.AdditionalLocations[i - 1];
                if (root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) is not AwaitExpressionSyntax await
                    || StatementOf(await) is not { } statement
                    || statement.ContainsDirectives
                    || AwaitOf(statement) != await)
                {
                    return null;
                }

                var node = statement.Parent is GlobalStatementSyntax global ? global : (SyntaxNode)statement;
                var index = IndexIn(node.Parent, node);
                if (i == 0)
                {
                    parent = node.Parent;
                    start = index;
                }
                else if (node.Parent != parent || index != start + i)
                {
                    // The run must still be consecutive statements of one block.
                    return null;
                }

                statements.Add(statement);
            }

            return parent is BlockSyntax or CompilationUnitSyntax && start >= 0
                ? new Run(parent, start, statements, kinds, diagnostic.Properties.ContainsKey(DiagnosticProperties.ConfigureAwaitFalse))
                : null;
        }

        /// <summary>Names a task variable for every statement whose result is used, or that a used one follows.</summary>
        public void AssignNames(Names names)
        {
            var lastUsed = LastKept(OriginalStatements);
            for (var i = 0; i <= lastUsed; i++)
            {
                if (AwaitOf(OriginalStatements[i]) is { } await)
                {
                    TaskNames[i] = names.Reserve(OriginalStatements[0], BaseName(OriginalStatements[i], CallOf(await)));
                }
            }
        }

        private static StatementSyntax? StatementOf(AwaitExpressionSyntax await) => await.Parent switch
        {
            ExpressionStatementSyntax statement => statement,
            AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax statement } => statement,
            EqualsValueClauseSyntax { Parent.Parent.Parent: LocalDeclarationStatementSyntax statement } => statement,
            _ => null,
        };

        private static int IndexIn(SyntaxNode? parent, SyntaxNode node) => parent switch
        {
            BlockSyntax block => block.Statements.IndexOf((StatementSyntax)node),
            CompilationUnitSyntax unit when node is MemberDeclarationSyntax member => unit.Members.IndexOf(member),
            _ => -1,
        };
    }

    /// <summary>Picks task variable names that collide with nothing in scope, nor with each other across one Fix All pass.</summary>
    private sealed class Names
    {
        private readonly SemanticModel _semanticModel;
        private readonly Dictionary<SyntaxNode, HashSet<string>> _taken = new();

        public Names(SemanticModel semanticModel) => _semanticModel = semanticModel;

        public string Reserve(StatementSyntax statement, string baseName)
        {
            var scope = statement.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? (SyntaxNode)statement.SyntaxTree.GetRoot();
            if (!_taken.TryGetValue(scope, out var taken))
            {
                taken = new HashSet<string>(System.StringComparer.Ordinal);
                foreach (var token in scope.DescendantTokens())
                {
                    if (token.IsKind(SyntaxKind.IdentifierToken))
                    {
                        taken.Add(token.ValueText);
                    }
                }

                _taken.Add(scope, taken);
            }

            var name = baseName;
            for (var suffix = 2; taken.Contains(name) || SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || _semanticModel.LookupSymbols(statement.SpanStart, name: name).Length > 0; suffix++)
            {
                name = baseName + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            taken.Add(name);
            return name;
        }
    }
}
