using System.Collections.Immutable;
using AsyncLessons.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLessons.Rules;

/// <summary>
/// AL0004: <c>task.Result</c>, <c>task.Wait()</c>, <c>task.GetAwaiter().GetResult()</c>, <c>Task.WaitAll</c> and
/// <c>Task.WaitAny</c> inside async code (or directly in a synchronous <c>Main</c>) hold the thread until the task
/// finishes; <c>await</c> frees it (the event-loop lesson, and <c>asyncio.run(main())</c> for the entry point).
/// Silent when the task is already known to be complete.
/// </summary>
public sealed class BlockingWaitAnalyzer : RuleAnalyzer
{
    /// <summary>The values of <see cref="DiagnosticProperties.BlockingKind"/>.</summary>
    public static class Kinds
    {
        public const string Result = "Result";
        public const string GetResult = "GetResult";
        public const string Wait = "Wait";
        public const string WaitAll = "WaitAll";
        public const string WaitAny = "WaitAny";

        /// <summary><c>Task.WaitAny</c> whose index is used: <c>Array.IndexOf(tasks, await Task.WhenAny(tasks))</c> gives the same index.</summary>
        public const string WaitAnyIndex = "WaitAnyIndex";
    }

    public static readonly DiagnosticDescriptor Rule = new(
        id: RuleIds.BlockingWait,
        title: "Do not block on tasks in async code",
        messageFormat: "'{0}' blocks the thread until the task completes; {1}",
        category: RuleIds.UsageCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Result, Wait(), GetAwaiter().GetResult(), Task.WaitAll and Task.WaitAny hold a thread until the task finishes. In async code, await the task instead: the thread serves other work meanwhile, and there is no deadlock under a single-threaded SynchronizationContext. A synchronous Main that blocks on async work should itself be 'static async Task Main'.",
        helpLinkUri: RuleIds.HelpLink(RuleIds.BlockingWait));

    private const string AwaitAdvice = "await it instead";
    private const string EntryPointAdvice = "make the entry point async and await it";

    public BlockingWaitAnalyzer()
        : base(Rule)
    {
    }

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var analysis = Deferred(context.Compilation, context.Options, static (compilation, options) => CreateAnalysis(compilation, options));
        RegisterOperationAction(context, analysis, static (o) => ((IPropertyReferenceOperation)o).Property.Name == "Result", static (a, c) => a.AnalyzePropertyReference(c), OperationKind.PropertyReference);
        RegisterOperationAction(context, analysis, static (o) => ((IInvocationOperation)o).TargetMethod.Name is "Wait" or "GetResult" or "WaitAll" or "WaitAny", static (a, c) => a.AnalyzeInvocation(c), OperationKind.Invocation);
    }

    /// <summary>What the rule needs from the compilation, or null when the compilation lacks it.</summary>
    private static Analysis? CreateAnalysis(Compilation compilation, AnalyzerOptions options)
    {
        var types = KnownTypes.Get(compilation);
        if (types.Task is null || types.TaskOfT is null)
        {
            return null;
        }

        var analysis = new Analysis(types, HasWaitAsync(types.Task));
        return analysis;
    }

    /// <summary><c>Task.WaitAsync(CancellationToken)</c>, <c>(TimeSpan)</c> and <c>(TimeSpan, CancellationToken)</c> (.NET 6 and later).</summary>
    private static bool HasWaitAsync(INamedTypeSymbol task)
    {
        var count = 0;
        foreach (var member in task.GetMembers("WaitAsync"))
        {
            if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 1 or 2 })
            {
                count++;
            }
        }

        return count >= 3;
    }

    private sealed class Analysis
    {
        private readonly KnownTypes _types;
        private readonly bool _hasWaitAsync;
        private readonly TaskCompletionFacts _facts;
        private readonly IntentComments _intent = IntentComments.BlockingWaits();

        public Analysis(KnownTypes types, bool hasWaitAsync)
        {
            _types = types;
            _hasWaitAsync = hasWaitAsync;
            _facts = new TaskCompletionFacts(types);
        }

        public void AnalyzePropertyReference(OperationAnalysisContext context)
        {
            var reference = (IPropertyReferenceOperation)context.Operation;
            if (reference.Property is not { Name: "Result", IsStatic: false } property
                || reference.Instance is not { } instance
                || !IsGenericTaskOrValueTask(property.ContainingType)
                || IsInNameOf(reference))
            {
                return;
            }

            Report(context, reference, instance, Kinds.Result, "Result", fixable: reference.Syntax is MemberAccessExpressionSyntax);
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "Wait" when !method.IsStatic && invocation.Instance is { } task && method.ContainingType.IsEqualTo(_types.Task):
                    Report(context, invocation, task, Kinds.Wait, "Wait", IsWaitFixable(invocation));
                    break;
                case "GetResult" when invocation.Arguments.IsEmpty
                    && invocation.Instance is IInvocationOperation { TargetMethod.Name: "GetAwaiter", Arguments.IsEmpty: true, Instance: { } awaitable }
                    && _types.IsTaskOrConfiguredAwaitable(awaitable.Type):
                    Report(context, invocation, awaitable, Kinds.GetResult, "GetAwaiter().GetResult()", fixable: invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax } } });
                    break;
                case "WaitAll" or "WaitAny" when method.IsStatic && method.ContainingType.IsEqualTo(_types.Task):
                    var kind = method.Name == "WaitAll" ? Kinds.WaitAll : Kinds.WaitAny;
                    var fixable = IsWaitFixable(invocation);
                    if (!fixable && kind == Kinds.WaitAny && IsIndexReproducible(invocation))
                    {
                        kind = Kinds.WaitAnyIndex;
                        fixable = true;
                    }

                    Report(context, invocation, task: null, kind, "Task." + method.Name, fixable);
                    break;
            }
        }

        /// <summary>
        /// <c>Wait()</c>, <c>WaitAll(tasks)</c> and <c>WaitAny(tasks)</c> (result unused) always have a fix; a timeout or token
        /// needs <c>WaitAsync</c>, and a timeout's bool (or WaitAny's index) must be unused since <c>await</c> has no such result.
        /// </summary>
        private bool IsWaitFixable(IInvocationOperation invocation)
        {
            var hasExtra = false;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter && !IsTaskCollection(parameter.Type) && !argument.IsImplicit)
                {
                    hasExtra = true;
                }
            }

            var resultUnused = invocation.Type?.SpecialType == SpecialType.System_Void || invocation.Parent is IExpressionStatementOperation;
            if (!resultUnused)
            {
                return false;
            }

            var syntaxFits = invocation.TargetMethod.IsStatic
                ? invocation.Syntax is InvocationExpressionSyntax
                : invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax };
            return syntaxFits && (!hasExtra || _hasWaitAsync);
        }

        /// <summary>
        /// <c>Task.WaitAny(tasks)</c> or <c>Task.WaitAny(a, b)</c> with only variables as tasks and no timeout or token:
        /// WhenAny hands back the first completed task in array order, as WaitAny's index does, and reading the variables
        /// twice has no side effects.
        /// </summary>
        private static bool IsIndexReproducible(IInvocationOperation invocation)
        {
            if (invocation.Arguments.Length != 1
                || invocation.TargetMethod.Parameters.Length != 1
                || invocation.Syntax is not InvocationExpressionSyntax)
            {
                return false;
            }

            var argument = invocation.Arguments[0];
            if (!ParamsArguments.IsParams(argument))
            {
                return IsVariable(argument.Value);
            }

            // Task.WaitAny(a, b): a params array today, a params collection should WaitAny ever gain a span overload.
            var elements = ParamsArguments.Elements(argument);
            if (elements.IsDefaultOrEmpty)
            {
                return false;
            }

            foreach (var element in elements)
            {
                if (!IsVariable(element))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsVariable(IOperation operation)
        {
            operation = operation.WalkDownImplicitConversions();

            return operation is ILocalReferenceOperation or IParameterReferenceOperation { Parameter.RefKind: RefKind.None };
        }

        private bool IsTaskCollection(ITypeSymbol type) => type switch
        {
            IArrayTypeSymbol array => _types.IsTaskLike(array.ElementType),
            INamedTypeSymbol { TypeArguments.Length: 1 } named => _types.IsTaskLike(named.TypeArguments[0]),
            _ => false,
        };

        private void Report(OperationAnalysisContext context, IOperation blocking, IOperation? task, string kind, string display, bool fixable)
        {
            var asyncContext = AsyncContext.Of(blocking, context.ContainingSymbol);
            bool entryPoint;
            if (asyncContext.IsAsync)
            {
                if (AsyncContext.IsInSynchronousBranch(blocking))
                {
                    return;
                }

                entryPoint = false;
            }
            else if (asyncContext.IsSynchronousEntryPoint(context.Compilation, context.CancellationToken))
            {
                entryPoint = true;
            }
            else
            {
                return;
            }

            if (IsKnownComplete(blocking, task))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Rule,
                blocking.Syntax.GetLocation(),
                Properties(blocking, kind, fixable, entryPoint, in asyncContext),
                display,
                entryPoint ? EntryPointAdvice : AwaitAdvice));
        }

        /// <summary>What the fix needs: the kind of wait, and why no fix is offered or how <c>Main</c> becomes async.</summary>
        private ImmutableDictionary<string, string?> Properties(IOperation blocking, string kind, bool fixable, bool entryPoint, in AsyncContext asyncContext)
        {
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties.Add(DiagnosticProperties.BlockingKind, kind);
            if (asyncContext.InsideLock)
            {
                properties.Add(DiagnosticProperties.NoFix, "lock");
            }
            else if (!fixable)
            {
                properties.Add(DiagnosticProperties.NoFix, "form");
            }
            else if (_intent.IsMarked(blocking.Syntax))
            {
                // "// blocking on purpose", "// ReSharper disable once AsyncConverter.AsyncWait", "#pragma warning disable VSTHRD002".
                properties.Add(DiagnosticProperties.NoFix, "intent");
            }
            else if (entryPoint && asyncContext.Function is { } main && main.Name != WellKnownMemberNames.TopLevelStatementsEntryPointMethodName)
            {
                if (main.HasAttribute(_types.STAThreadAttribute))
                {
                    properties.Add(DiagnosticProperties.NoFix, "STAThread");
                }
                else
                {
                    properties.Add(DiagnosticProperties.MakeMainAsync, main.ReturnsVoid ? "Task" : "Task<int>");
                }
            }

            return properties.ToImmutable();
        }

        private bool IsKnownComplete(IOperation blocking, IOperation? task)
        {
            if (task is not null)
            {
                return _facts.IsKnownComplete(task, blocking);
            }

            // Task.WaitAll(a, b) after await Task.WhenAll(a, b): every listed task is complete. The list is a params array
            // (C# 12), a params ReadOnlySpan<Task> (C# 13 on .NET 9+), or written out: new[] { a, b } or [a, b].
            if (blocking is not IInvocationOperation invocation || TasksArgument(invocation) is not { } tasks)
            {
                return false;
            }

            // Task.WaitAll(tasks) after await Task.WhenAll(tasks), tasks an array, list or enumerable not written in between.
            var elements = ParamsArguments.Elements(tasks.Value);
            if (elements.IsDefault)
            {
                return _facts.IsContainerKnownComplete(tasks.Value, blocking);
            }

            if (elements.IsEmpty)
            {
                return false;
            }

            foreach (var element in elements)
            {
                var complete = ParamsArguments.SpreadOperand(element) is { } spread
                    ? _facts.IsContainerKnownComplete(spread, blocking)
                    : _facts.IsKnownComplete(element, blocking);
                if (!complete)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The argument for <c>Task.WaitAll</c>'s or <c>Task.WaitAny</c>'s first parameter, the tasks.</summary>
        private static IArgumentOperation? TasksArgument(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { Ordinal: 0 })
                {
                    return argument;
                }
            }

            return null;
        }

        private bool IsGenericTaskOrValueTask(INamedTypeSymbol type) =>
            type.OriginalDefinition.IsEqualTo(_types.TaskOfT)
            || type.OriginalDefinition.IsEqualTo(_types.ValueTaskOfT);

        private static bool IsInNameOf(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is INameOfOperation)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
