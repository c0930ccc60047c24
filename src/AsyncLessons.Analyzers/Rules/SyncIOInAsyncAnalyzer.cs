using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncLessons.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLessons.Rules;

/// <summary>
/// AL0005: a synchronous call inside async code when the same type offers an async counterpart
/// (<c>File.ReadAllText</c> → <c>await File.ReadAllTextAsync</c>), and <c>using</c> over an <c>IAsyncDisposable</c>
/// resource (→ <c>await using</c>). The <c>aiofiles</c> lesson: in async code, I/O goes through the async API.
/// </summary>
public sealed class SyncIOInAsyncAnalyzer : RuleAnalyzer
{
    /// <summary>The .editorconfig option listing methods never to report (a method list read by <see cref="ConfiguredSymbols"/>).</summary>
    public const string ExcludedMethodsOption = "async_lessons.AL0005.excluded_methods";

    /// <summary>The .editorconfig option listing in-memory types (a type list read by <see cref="ConfiguredSymbols"/>) whose async methods only add overhead; derived types count.</summary>
    public const string InMemoryTypesOption = "async_lessons.AL0005.in_memory_types";

    /// <summary>The default in-memory types.</summary>
    public const string DefaultInMemoryTypes = "System.IO.MemoryStream, System.IO.StringReader, System.IO.StringWriter";

    public static readonly DiagnosticDescriptor Rule = new(
        id: RuleIds.SyncIOInAsync,
        title: "Use the async counterpart of synchronous I/O in async code",
        messageFormat: "'{0}' blocks the thread inside async code; use '{1}' instead",
        category: RuleIds.PerformanceCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A synchronous I/O call holds the thread until the operating system answers. Inside async code, call the async counterpart that the same type offers and await it, so the thread serves other work while the I/O is in flight. Likewise, 'using' over an IAsyncDisposable resource disposes (flushes, closes) synchronously; 'await using' calls DisposeAsync.",
        helpLinkUri: RuleIds.HelpLink(RuleIds.SyncIOInAsync));

    public SyncIOInAsyncAnalyzer()
        : base(Rule)
    {
    }

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var analysis = Deferred(context.Compilation, context.Options, static (compilation, options) => CreateAnalysis(compilation, options));
        RegisterOperationAction(context, analysis, static (a, c) => a.AnalyzeInvocation(c), OperationKind.Invocation);
        RegisterOperationAction(context, analysis, static (a, c) => a.AnalyzeUsing(c), OperationKind.Using, OperationKind.UsingDeclaration);
    }

    /// <summary>What the rule needs from the compilation, or null when the compilation lacks it.</summary>
    private static Analysis? CreateAnalysis(Compilation compilation, AnalyzerOptions options)
    {
        var types = KnownTypes.Get(compilation);
        if (types.Task is null || types.TaskOfT is null)
        {
            return null;
        }

        var analysis = new Analysis(compilation, types, options.AnalyzerConfigOptionsProvider, TestCode.For(compilation, options, RuleIds.SyncIOInAsync));
        return analysis;
    }

    private sealed class Analysis
    {
        private readonly Compilation _compilation;
        private readonly KnownTypes _types;
        private readonly AsyncCounterparts _counterparts;
        private readonly ConfiguredSymbols.Reader _excludedMethods;
        private readonly ConfiguredSymbols.Reader _inMemoryTypes;

        /// <summary>Its <c>Cancel</c> runs the registered callbacks, no I/O; <c>CancelAsync</c> only moves them off the thread.</summary>
        private readonly INamedTypeSymbol? _cancellationTokenSource;

        /// <summary>Stream, TextReader, TextWriter, BinaryReader and BinaryWriter: what wraps an in-memory buffer and stays in memory.</summary>
        private readonly ImmutableArray<INamedTypeSymbol> _ioWrappers;

        /// <summary>Disposing these asynchronously means something else (Timer.DisposeAsync waits for callbacks), so <c>using</c> stays.</summary>
        private readonly ImmutableArray<INamedTypeSymbol> _notForAwaitUsing;

        /// <summary>Types whose own <c>DisposeAsync</c> only calls <c>Dispose</c> (<see cref="SyncIOPolicy.DisposeAsyncCallsDispose"/>).</summary>
        private readonly ImmutableArray<INamedTypeSymbol> _disposeAsyncCallsDispose;

        private readonly INamedTypeSymbol? _fileAccess;
        private readonly INamedTypeSymbol? _file;
        private readonly INamedTypeSymbol? _fileInfo;

        /// <summary>System.IO.Pipelines' in-memory pipe: its Reader and Writer complete without I/O.</summary>
        private readonly INamedTypeSymbol? _pipe;

        private readonly ServiceScopes? _scopes;
        private readonly EntityFrameworkQueries? _queries;
        private readonly INamedTypeSymbol? _host;

        private readonly TestCode? _testCode;

        /// <summary>Comments that say a call, or a <c>using</c>, is synchronous on purpose: reported without a fix.</summary>
        private readonly IntentComments _callIntent = IntentComments.SyncCalls();
        private readonly IntentComments _usingIntent = IntentComments.SyncUsings();

        public Analysis(Compilation compilation, KnownTypes types, AnalyzerConfigOptionsProvider options, TestCode? testCode)
        {
            _testCode = testCode;
            _compilation = compilation;
            _excludedMethods = new ConfiguredSymbols.Reader(compilation, options, ExcludedMethodsOption, methods: true);
            _inMemoryTypes = new ConfiguredSymbols.Reader(compilation, options, InMemoryTypesOption, methods: false, DefaultInMemoryTypes);
            _types = types;
            _counterparts = AsyncCounterparts.Get(compilation);
            _notForAwaitUsing = types.AllNamed(SyncIOPolicy.NotForAwaitUsing);
            _disposeAsyncCallsDispose = types.AllNamed(SyncIOPolicy.DisposeAsyncCallsDispose);
            _ioWrappers = types.AllNamed("System.IO.Stream", "System.IO.TextReader", "System.IO.TextWriter", "System.IO.BinaryReader", "System.IO.BinaryWriter");
            _cancellationTokenSource = types.Named("System.Threading.CancellationTokenSource");
            _fileAccess = types.Named("System.IO.FileAccess");
            _file = types.Named("System.IO.File");
            _fileInfo = types.Named("System.IO.FileInfo");
            _pipe = types.Named("System.IO.Pipelines.Pipe");
            _scopes = ServiceScopes.Resolve(compilation);
            _queries = EntityFrameworkQueries.Create(compilation);
            _host = types.Named("Microsoft.Extensions.Hosting.IHost");
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (method.ReturnsVoid is false && _types.IsTaskLike(method.ReturnType))
            {
                return;
            }

            if (_testCode?.Skips(invocation.Syntax.SyntaxTree) == true)
            {
                return;
            }

            // Every finding is in async code: the walk to the enclosing function is cheaper than the counterpart look-ups.
            var asyncContext = AsyncContext.Of(invocation, context.ContainingSymbol);
            if (!asyncContext.IsAsync)
            {
                return;
            }

            var counterpart = _counterparts.Find(method);
            var isQuery = false;
            if (counterpart is null && _queries is not null && method.IsStatic && _queries.Find(invocation) is { } query)
            {
                // An EF Core query run by a LINQ operator: its counterpart is on EntityFrameworkQueryableExtensions.
                counterpart = query;
                isQuery = true;
            }

            if (counterpart is null)
            {
                if (_scopes is not null && method.Name == ServiceScopes.CreateScope)
                {
                    AnalyzeCreateScope(context, invocation, asyncContext);
                    return;
                }

                // An extension-method counterpart needs a lookup at the call.
                if (method.IsStatic || _counterparts.FindExtension(invocation, context.CancellationToken) is not { } extension)
                {
                    return;
                }

                counterpart = extension;
            }

            if (asyncContext.Function?.Name == counterpart.Name
                || context.ContainingSymbol.Name == counterpart.Name
                || IsCounterpartItself(context.ContainingSymbol, counterpart)
                || !IsAccessible(counterpart, context.ContainingSymbol))
            {
                return;
            }

            if (!IsExempt(context, invocation, counterpart))
            {
                Report(context, invocation, counterpart, asyncContext, isQuery);
            }
        }

        /// <summary>
        /// True when a sync call that has an async counterpart is still not worth reporting: in-memory streams and
        /// readers, namespaces and types whose sync side does no I/O, teardown on an error path, zero timeouts, a
        /// counterpart whose constraints the call's type arguments miss, a sync call paired with its awaited
        /// counterpart, the sync side of a dual-mode function, a host's main loop, or the options' exclusions.
        /// </summary>
        private bool IsExempt(OperationAnalysisContext context, IInvocationOperation invocation, Counterpart counterpart)
        {
            var method = invocation.TargetMethod;
            var receiver = Receiver(invocation);
            return IsInMemory(receiver, context)
                || (receiver is null && StreamArgumentsAreInMemory(invocation, context))
                || method.ContainingType.IsEqualTo(_cancellationTokenSource)
                || (receiver?.Type is { } receiverType && SyncIOPolicy.IsExcludedNamespace(receiverType.ContainingNamespace))
                || (counterpart.Name == "DisposeAsync" && receiver?.Type is { } disposed && (TypeHierarchy.DerivesFromAny(disposed, _notForAwaitUsing) || !DisposeDoesAsyncWork(disposed) || IsReadOnlyFileStream(receiver)))
                || (SyncIOPolicy.IsTeardown(counterpart.Name) && IsOnErrorPath(invocation, receiver))
                || HasZeroTimeout(invocation)
                || !SatisfiesConstraints(method, counterpart)
                || IsPairedWithAwaitedCounterpart(invocation, receiver, counterpart.Name)
                || AsyncContext.IsInSynchronousBranch(invocation)
                || IsHostMainLoop(invocation, receiver, context.ContainingSymbol)
                || IsExcludedByOption(method, context);
        }

        /// <summary>Reports the call, with what the fix needs: the counterpart's name and type, the token to pass, and why there is no fix when there is none.</summary>
        private void Report(OperationAnalysisContext context, IInvocationOperation invocation, Counterpart counterpart, AsyncContext asyncContext, bool isQuery)
        {
            var method = invocation.TargetMethod;
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties.Add(DiagnosticProperties.AsyncMethodName, counterpart.Name);
            if (isQuery)
            {
                properties.Add(DiagnosticProperties.CounterpartType, EntityFrameworkQueries.ExtensionsTypeName);
            }

            var token = _types.CancellationToken is null ? null : asyncContext.FindCancellationTokenParameter(_types.CancellationToken, context.ContainingSymbol);
            AddNoFix(properties, asyncContext, invocation);
            if (!properties.ContainsKey(DiagnosticProperties.NoFix)
                && invocation.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax or IdentifierNameSyntax or GenericNameSyntax })
            {
                properties.Add(DiagnosticProperties.NoFix, "form");
            }

            AddIntentNoFix(properties, _callIntent, invocation.Syntax);
            if (counterpart.WithToken is { } withToken && (token is not null || counterpart.Exact is null))
            {
                var tokenParameter = withToken.Parameters[withToken.Parameters.Length - 1];
                properties.Add(DiagnosticProperties.CancellationTokenParameterName, tokenParameter.Name);
                if (token is not null)
                {
                    properties.Add(DiagnosticProperties.CancellationTokenName, token.Name);
                }
                else if (!tokenParameter.IsOptional)
                {
                    properties.Add(DiagnosticProperties.PassNoneToken, "true");
                }
            }

            // An extension M whose counterpart is an instance MAsync of the receiver's type: name the type that has it.
            var counterpartType = isQuery ? counterpart.All[0].ContainingType
                : method.IsExtensionMethod && counterpart.All[0] is { IsStatic: false } instanceCounterpart ? instanceCounterpart.ContainingType
                : method.ContainingType;
            context.ReportDiagnostic(Diagnostic.Create(
                Rule,
                invocation.Syntax.GetLocation(),
                properties.ToImmutable(),
                Display(method),
                "await " + Display(counterpartType, counterpart.Name)));
        }

        /// <summary>
        /// <c>app.Run()</c> / <c>host.Run()</c> as the last statement of top-level code or of <c>Main</c>: the host's main
        /// loop. It holds the main thread until shutdown, and so does <c>await app.RunAsync()</c>: nothing else waits
        /// for that thread, so there is nothing to give back.
        /// </summary>
        private bool IsHostMainLoop(IInvocationOperation invocation, IOperation? receiver, ISymbol containingSymbol)
        {
            if (_host is null || invocation.TargetMethod.Name != "Run"
                || receiver?.Type is not { } receiverType || !TypeHierarchy.Implements(receiverType, _host)
                || containingSymbol is not IMethodSymbol { IsStatic: true, Name: "Main" or WellKnownMemberNames.TopLevelStatementsEntryPointMethodName }
                || invocation.Parent is not IExpressionStatementOperation { Syntax: ExpressionStatementSyntax statement })
            {
                return false;
            }

            switch (statement.Parent)
            {
                case GlobalStatementSyntax global when global.Parent is CompilationUnitSyntax unit:
                    foreach (var member in unit.Members)
                    {
                        if (member is GlobalStatementSyntax && member.SpanStart > global.SpanStart)
                        {
                            return false;
                        }
                    }

                    return true;
                case BlockSyntax { Parent: MethodDeclarationSyntax } block:
                    return block.Statements[block.Statements.Count - 1] == statement;
                default:
                    return false;
            }
        }

        /// <summary>No fix inside <c>lock</c>; none in a dual-mode function, where an <c>await</c> would make the synchronous callers' path asynchronous.</summary>
        private static void AddNoFix(ImmutableDictionary<string, string?>.Builder properties, AsyncContext asyncContext, IOperation operation)
        {
            if (asyncContext.InsideLock)
            {
                properties.Add(DiagnosticProperties.NoFix, "lock");
            }
            else if (AsyncContext.IsInDualModeFunction(operation))
            {
                properties.Add(DiagnosticProperties.NoFix, "dual-mode");
            }
        }

        /// <summary>
        /// No fix where a comment says the synchronous form is intended (<see cref="IntentComments"/>); read last, and
        /// only when no other reason already withholds the fix.
        /// </summary>
        private static void AddIntentNoFix(ImmutableDictionary<string, string?>.Builder properties, IntentComments intent, SyntaxNode node)
        {
            if (!properties.ContainsKey(DiagnosticProperties.NoFix) && intent.IsMarked(node))
            {
                properties.Add(DiagnosticProperties.NoFix, "intent");
            }
        }

        /// <summary>
        /// <c>using var scope = services.CreateScope();</c> in async code: disposing the scope synchronously blocks on (or
        /// throws for) services that are only asynchronously disposable; <c>await using var scope = services.CreateAsyncScope();</c>.
        /// </summary>
        private void AnalyzeCreateScope(OperationAnalysisContext context, IInvocationOperation invocation, AsyncContext asyncContext)
        {
            if (!_scopes!.IsCreateScope(invocation.TargetMethod)
                || ServiceScopes.EnclosingSyncUsing(invocation) is not { } usingOperation
                || !ResolvesServiceDisposedAsynchronously(usingOperation))
            {
                return;
            }

            if (AsyncContext.IsInSynchronousBranch(invocation) || IsExcludedByOption(invocation.TargetMethod, context))
            {
                return;
            }

            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties.Add(DiagnosticProperties.AsyncMethodName, ServiceScopes.CreateAsyncScope);
            properties.Add(DiagnosticProperties.AsyncScope, "true");
            AddNoFix(properties, asyncContext, invocation);
            if (!properties.ContainsKey(DiagnosticProperties.NoFix) && !ServiceScopes.IsFixableShape(usingOperation, invocation))
            {
                properties.Add(DiagnosticProperties.NoFix, "form");
            }

            AddIntentNoFix(properties, _callIntent, invocation.Syntax);
            var receiverType = invocation.TargetMethod.IsExtensionMethod ? invocation.TargetMethod.Parameters[0].Type : invocation.TargetMethod.ContainingType;
            context.ReportDiagnostic(Diagnostic.Create(
                Rule,
                invocation.Syntax.GetLocation(),
                properties.ToImmutable(),
                receiverType.Name + "." + ServiceScopes.CreateScope,
                "await using ... " + ServiceScopes.CreateAsyncScope + "()"));
        }

        /// <summary>
        /// True when the scope's code resolves (<c>GetRequiredService&lt;T&gt;()</c>, <c>GetService&lt;T&gt;()</c>,
        /// <c>GetServices&lt;T&gt;()</c>, keyed forms) a service whose <c>DisposeAsync</c> does asynchronous work (a
        /// DbContext, say): the scope's synchronous <c>Dispose</c> skips that work, or throws for a service that is only
        /// <c>IAsyncDisposable</c>. A scope whose services are all disposed synchronously anyway, or are resolved out of
        /// sight (in a helper), is not reported.
        /// </summary>
        private bool ResolvesServiceDisposedAsynchronously(IOperation usingOperation)
        {
            foreach (var operation in ServiceScopes.ScopeRegion(usingOperation))
            {
                foreach (var descendant in operation.DescendantsAndSelf())
                {
                    if (descendant is IInvocationOperation { TargetMethod: { Name: "GetService" or "GetRequiredService" or "GetServices" or "GetKeyedService" or "GetRequiredKeyedService", IsGenericMethod: true } resolve }
                        && IsDisposedAsynchronously(resolve.TypeArguments[0]))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private bool IsDisposedAsynchronously(ITypeSymbol service)
        {
            if (service is ITypeParameterSymbol parameter)
            {
                foreach (var constraint in parameter.ConstraintTypes)
                {
                    if (IsDisposedAsynchronously(constraint))
                    {
                        return true;
                    }
                }

                return false;
            }

            return TypeHierarchy.Implements(service, _types.AsyncDisposable) && DisposeDoesAsyncWork(service);
        }

        public void AnalyzeUsing(OperationAnalysisContext context)
        {
            if (_types.AsyncDisposable is null)
            {
                return;
            }

            IOperation? resources;
            SyntaxToken usingKeyword;
            switch (context.Operation)
            {
                case IUsingOperation { IsAsynchronous: false, Syntax: UsingStatementSyntax statement } usingOperation:
                    resources = usingOperation.Resources;
                    usingKeyword = statement.UsingKeyword;
                    break;
                case IUsingDeclarationOperation { IsAsynchronous: false, Syntax: LocalDeclarationStatementSyntax declaration } usingDeclaration:
                    resources = usingDeclaration.DeclarationGroup;
                    usingKeyword = declaration.UsingKeyword;
                    break;
                default:
                    return;
            }

            var asyncContext = AsyncContext.Of(context.Operation, context.ContainingSymbol);
            if (!asyncContext.IsAsync || resources is null || _testCode?.Skips(context.Operation.Syntax.SyntaxTree) == true)
            {
                return;
            }

            if (!AnyWorthAwaiting(resources, context.Operation.Syntax.SyntaxTree)
                || AsyncContext.IsInSynchronousBranch(context.Operation)
                || NothingLeftToFlush(context.Operation, resources))
            {
                return;
            }

            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            AddNoFix(properties, asyncContext, context.Operation);
            AddIntentNoFix(properties, _usingIntent, context.Operation.Syntax);

            context.ReportDiagnostic(Diagnostic.Create(
                Rule,
                usingKeyword.GetLocation(),
                properties.ToImmutable(),
                "using",
                "await using"));
        }

        /// <summary>
        /// True when every resource's <c>Dispose</c> does asynchronous work (its type has a <c>DisposeAsync</c> of its
        /// own, outside the excluded namespaces) and at least one of them is not known to live in memory.
        /// </summary>
        private bool AnyWorthAwaiting(IOperation resources, SyntaxTree tree)
        {
            // Each resource with its value: the declarator's initializer, or the using statement's expression.
            // (Two lists, not one of tuples: a List<(ITypeSymbol, IOperation?)> is compiled in every process.)
            var types = new List<ITypeSymbol>();
            var values = new List<IOperation?>();
            if (resources is IVariableDeclarationGroupOperation group)
            {
                foreach (var declaration in group.Declarations)
                {
                    foreach (var declarator in declaration.Declarators)
                    {
                        types.Add(declarator.Symbol.Type);
                        values.Add(declarator.Initializer?.Value ?? declaration.Initializer?.Value);
                    }
                }
            }
            else if (Unwrap(resources) is { Type: { } expressionType } expression)
            {
                types.Add(expressionType);
                values.Add(expression);
            }

            var inMemoryTypes = InMemoryTypes(tree);
            var anyWorthAwaiting = false;
            for (var i = 0; i < types.Count; i++)
            {
                var type = types[i];
                var value = values[i];
                if (!DisposeDoesAsyncWork(type) || TypeHierarchy.DerivesFromAny(type, _notForAwaitUsing) || SyncIOPolicy.IsExcludedNamespace(type.ContainingNamespace))
                {
                    return false;
                }

                anyWorthAwaiting |= !TypeHierarchy.DerivesFromAny(type, inMemoryTypes)
                    && (value is null || (!IsInMemoryValue(value, inMemoryTypes, _ioWrappers, depth: 0) && !IsReadOnlyFileStream(value)));
            }

            return anyWorthAwaiting;
        }

        private static IOperation Unwrap(IOperation operation)
        {
            operation = operation.WalkDownImplicitConversions();

            return operation;
        }

        /// <summary>
        /// What the call is made on: the instance (through <c>x?.M()</c>), or an extension method's first argument;
        /// null for a static call.
        /// </summary>
        private static IOperation? Receiver(IInvocationOperation invocation)
        {
            if (invocation.Instance is IConditionalAccessInstanceOperation)
            {
                for (var current = invocation.Parent; current is not null; current = current.Parent)
                {
                    if (current is IConditionalAccessOperation conditionalAccess)
                    {
                        return Unwrap(conditionalAccess.Operation);
                    }
                }

                return null;
            }

            if (invocation.Instance is { } instance)
            {
                return Unwrap(instance);
            }

            if (invocation.TargetMethod.IsExtensionMethod)
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter is { Ordinal: 0 })
                    {
                        return Unwrap(argument.Value);
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// True when <c>await using</c> over (or <c>DisposeAsync</c> of) a value of static type <paramref name="type"/>
        /// does asynchronous work: its most derived <c>DisposeAsync</c> (the interface's or the pattern's) is not the base
        /// one that only calls <c>Dispose</c> (<see cref="SyncIOPolicy.DisposeAsyncCallsDispose"/>), nor one declared in
        /// source that neither awaits nor calls anything asynchronous. An interface counts as doing the work; a type
        /// parameter, unknown, does not.
        /// </summary>
        private bool DisposeDoesAsyncWork(ITypeSymbol type)
        {
            if (type.TypeKind == TypeKind.Interface)
            {
                return TypeHierarchy.Implements(type, _types.AsyncDisposable);
            }

            if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named)
            {
                return false;
            }

            var disposeAsync = MostDerivedDisposeAsync(named);
            if (disposeAsync is null)
            {
                return false;
            }

            foreach (var shim in _disposeAsyncCallsDispose)
            {
                if (disposeAsync.ContainingType.OriginalDefinition.IsEqualTo(shim))
                {
                    return false;
                }
            }

            return !IsSynchronousShim(disposeAsync);
        }
        /// <summary>
        /// The <c>DisposeAsync()</c> that runs for <paramref name="type"/>: the nearest declaration up the base types (an
        /// override, or the pattern's accessible instance method returning an awaitable), else the interface's implementation.
        /// </summary>
        private IMethodSymbol? MostDerivedDisposeAsync(INamedTypeSymbol type)
        {
            var implementsInterface = TypeHierarchy.Implements(type, _types.AsyncDisposable);
            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers("DisposeAsync"))
                {
                    if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 0, Arity: 0 } method
                        && (implementsInterface || (method.DeclaredAccessibility == Accessibility.Public && _types.IsTaskLike(method.ReturnType))))
                    {
                        return method;
                    }
                }
            }

            if (implementsInterface && _types.AsyncDisposable is { } asyncDisposable)
            {
                foreach (var member in asyncDisposable.GetMembers("DisposeAsync"))
                {
                    if (type.FindImplementationForInterfaceMember(member) is IMethodSymbol implementation)
                    {
                        return implementation;
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// A <c>DisposeAsync</c> declared in source that is not <c>async</c> and calls nothing asynchronous
        /// (<c>{ Dispose(); return default; }</c>): it does its work synchronously, so <c>await using</c> changes nothing.
        /// </summary>
        private static bool IsSynchronousShim(IMethodSymbol method)
        {
            var references = method.DeclaringSyntaxReferences;
            if (references.Length != 1 || references[0].GetSyntax() is not MethodDeclarationSyntax declaration)
            {
                return false;
            }

            foreach (var modifier in declaration.Modifiers)
            {
                if (modifier.IsKind(SyntaxKind.AsyncKeyword) || modifier.IsKind(SyntaxKind.AbstractKeyword) || modifier.IsKind(SyntaxKind.ExternKeyword))
                {
                    return false;
                }
            }

            SyntaxNode? body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody;
            if (body is null)
            {
                return false;
            }

            foreach (var node in body.DescendantNodes())
            {
                switch (node)
                {
                    case AwaitExpressionSyntax:
                        return false;
                    case InvocationExpressionSyntax { Expression: var callee }:
                        var name = callee switch
                        {
                            MemberAccessExpressionSyntax memberAccess => memberAccess.Name.Identifier.ValueText,
                            MemberBindingExpressionSyntax memberBinding => memberBinding.Name.Identifier.ValueText,
                            SimpleNameSyntax simpleName => simpleName.Identifier.ValueText,
                            _ => null,
                        };
                        if (name is null || name.EndsWith("Async", StringComparison.Ordinal))
                        {
                            return false;
                        }

                        break;
                }
            }

            return true;
        }

        /// <summary>
        /// A file stream opened for reading only (<c>File.OpenRead</c>, <c>FileInfo.OpenRead</c>, or a <c>FileAccess.Read</c>
        /// argument), directly or as a local's initial value: it has nothing to flush, so its disposal does no I/O worth awaiting.
        /// </summary>
        private bool IsReadOnlyFileStream(IOperation? value)
        {
            if (value is null)
            {
                return false;
            }

            value = Unwrap(value);
            if (value is ILocalReferenceOperation && InitialValue(value) is { } initial)
            {
                value = initial;
            }

            ImmutableArray<IArgumentOperation> arguments;
            switch (value)
            {
                case IInvocationOperation { TargetMethod.Name: "OpenRead" } openRead
                    when openRead.TargetMethod.ContainingType.IsEqualTo(_file)
                        || openRead.TargetMethod.ContainingType.IsEqualTo(_fileInfo):
                    return true;
                case IInvocationOperation invocation:
                    arguments = invocation.Arguments;
                    break;
                case IObjectCreationOperation creation:
                    arguments = creation.Arguments;
                    break;
                default:
                    return false;
            }

            if (_fileAccess is null)
            {
                return false;
            }

            foreach (var argument in arguments)
            {
                if ((argument.Parameter?.Type).IsEqualTo(_fileAccess))
                {
                    // FileAccess.Read is 1.
                    return argument.Value.ConstantValue is { HasValue: true, Value: 1 };
                }
            }

            return false;
        }

        /// <summary>
        /// Teardown on an error path: inside a <c>catch</c>, or in a <c>finally</c> that disposes a local the <c>try</c>
        /// sets to null once it has handed the resource on (<c>try { ...; stream = null; } finally { stream?.Dispose(); }</c>).
        /// </summary>
        private static bool IsOnErrorPath(IOperation operation, IOperation? receiver)
        {
            var child = operation;
            for (var current = operation.Parent; current is not null; child = current, current = current.Parent)
            {
                switch (current)
                {
                    case IAnonymousFunctionOperation or ILocalFunctionOperation:
                        return false;
                    case ICatchClauseOperation:
                        return true;
                    case ITryOperation { Finally: { } finallyBlock } tryOperation when child == finallyBlock:
                        if (receiver is ILocalReferenceOperation { Local: { } local } && AssignsNull(tryOperation.Body, local))
                        {
                            return true;
                        }

                        break;
                }
            }

            return false;
        }

        private static bool AssignsNull(IOperation operation, ILocalSymbol local)
        {
            foreach (var descendant in operation.Descendants())
            {
                if (descendant is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target, Value: var assigned }
                    && target.Local.IsEqualTo(local)
                    && Unwrap(assigned).ConstantValue is { HasValue: true, Value: null })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A wait with a zero timeout returns at once: <c>semaphore.Wait(0)</c>, <c>Wait(TimeSpan.Zero, token)</c>, or a
        /// constant or readonly field that holds zero.
        /// </summary>
        private bool HasZeroTimeout(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter
                    && parameter.Name.IndexOf("timeout", StringComparison.OrdinalIgnoreCase) >= 0
                    && (parameter.Type.SpecialType == SpecialType.System_Int32 || parameter.Type.IsEqualTo(_types.TimeSpan))
                    && IsZero(argument.Value, depth: 0))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsZero(IOperation value, int depth)
        {
            value = Unwrap(value);
            if (value.ConstantValue is { HasValue: true, Value: 0 })
            {
                return true;
            }

            switch (value)
            {
                case IFieldReferenceOperation { Field: { Name: "Zero", IsStatic: true } zero } when zero.ContainingType.IsEqualTo(_types.TimeSpan):
                    return true;
                case IDefaultValueOperation when value.Type.IsEqualTo(_types.TimeSpan):
                    return true;
                case IInvocationOperation { TargetMethod.Name: "FromMilliseconds" or "FromSeconds" or "FromTicks", Arguments.Length: 1 } from
                    when from.TargetMethod.ContainingType.IsEqualTo(_types.TimeSpan):
                    return Unwrap(from.Arguments[0].Value).ConstantValue is { HasValue: true, Value: 0 or 0L or 0d };
                case IFieldReferenceOperation { Field.IsReadOnly: true } when depth < 2:
                    return InitialValue(value) is { } initial && IsZero(initial, depth + 1);
                default:
                    return false;
            }
        }

        /// <summary>
        /// False when the call's type arguments do not satisfy the generic constraints of any counterpart: then there is no
        /// <c>MAsync&lt;T&gt;</c> this call could become.
        /// </summary>
        private bool SatisfiesConstraints(IMethodSymbol method, Counterpart counterpart)
        {
            var typeArguments = method.TypeArguments;
            if (typeArguments.IsEmpty)
            {
                return true;
            }

            foreach (var candidate in counterpart.All)
            {
                if (GenericConstraints.AreSatisfied(_compilation, candidate, typeArguments))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Hooks that come in pairs: the statement just before or after awaits <c>MAsync</c> on the same receiver with the same arguments
        /// (<c>hooks.BeforeExecute(c); await hooks.BeforeExecuteAsync(c, token);</c>), so both are called on purpose.
        /// </summary>
        private static bool IsPairedWithAwaitedCounterpart(IInvocationOperation invocation, IOperation? receiver, string asyncName)
        {
            IOperation statement = invocation;
            while (statement.Parent is { } parent and not IBlockOperation)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }

                statement = parent;
            }

            if (statement.Parent is not IBlockOperation block)
            {
                return false;
            }

            var operations = block.Operations;
            var index = operations.IndexOf(statement);
            for (var i = index - 1; i <= index + 1; i += 2)
            {
                // Only a statement that is itself the paired call (`await x.MAsync(...);`, `n += await x.MAsync(...);`),
                // not one that holds it in a branch or a loop.
                if (i < 0 || i >= operations.Length || receiver is null
                    || operations[i] is not (IExpressionStatementOperation or IVariableDeclarationGroupOperation))
                {
                    continue;
                }

                foreach (var awaited in AwaitsOf(operations[i]))
                {
                    if (AwaitedInvocation(awaited.Operation) is { TargetMethod.Name: var name } other
                        && name == asyncName
                        && SameReceiver(receiver, Receiver(other))
                        && SameArguments(invocation, other))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The awaits of a statement, outside nested functions (<c>await x;</c>, <c>notes += await x;</c>).</summary>
        private static IEnumerable<IAwaitOperation> AwaitsOf(IOperation statement)
        {
            var pending = new Stack<IOperation>();
            pending.Push(statement);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                if (current is IAwaitOperation await)
                {
                    yield return await;
                }

                foreach (var child in current.ChildOperations)
                {
                    if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                    {
                        pending.Push(child);
                    }
                }
            }
        }

        /// <summary>
        /// A <c>using</c> whose resource has nothing left to flush when it is disposed: it is never used (<c>using (new
        /// FileStream(path, FileMode.Create)) { }</c> creates an empty file), or the last statement that uses it awaits its
        /// <c>FlushAsync</c>.
        /// </summary>
        private static bool NothingLeftToFlush(IOperation usingOperation, IOperation resources)
        {
            ILocalSymbol? local = null;
            if (resources is IVariableDeclarationGroupOperation group)
            {
                if (group.Declarations.Length != 1 || group.Declarations[0].Declarators.Length != 1)
                {
                    return false;
                }

                local = group.Declarations[0].Declarators[0].Symbol;
            }

            if (ScopeOf(usingOperation) is not { } scope)
            {
                return false;
            }

            if (local is null)
            {
                // `using (new FileStream(...))`: nothing can write to a resource that has no name.
                return resources is IObjectCreationOperation or IConversionOperation { Operand: IObjectCreationOperation };
            }

            var lastUse = LastUse(scope, local);
            if (lastUse is null)
            {
                return true;
            }

            foreach (var awaited in AwaitsOf(lastUse))
            {
                if (AwaitedInvocation(awaited.Operation) is { TargetMethod.Name: "FlushAsync" } flush
                    && Receiver(flush) is ILocalReferenceOperation flushed
                    && flushed.Local.IsEqualTo(local))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The statements that run while the resource of <paramref name="usingOperation"/> is alive; null when they are not known.</summary>
        private static IEnumerable<IOperation>? ScopeOf(IOperation usingOperation)
        {
            switch (usingOperation)
            {
                case IUsingOperation { Body: var body }:
                    return body is IBlockOperation block ? block.Operations : new[] { body };
                case IUsingDeclarationOperation { Parent: IBlockOperation enclosing } declaration:
                    var rest = new List<IOperation>();
                    var after = false;
                    foreach (var statement in enclosing.Operations)
                    {
                        if (after)
                        {
                            rest.Add(statement);
                        }

                        after |= statement == declaration;
                    }

                    return rest;
                default:
                    return null;
            }
        }

        /// <summary>The last statement of <paramref name="scope"/> that mentions <paramref name="local"/>, if any.</summary>
        private static IOperation? LastUse(IEnumerable<IOperation> scope, ILocalSymbol local)
        {
            IOperation? lastUse = null;
            foreach (var statement in scope)
            {
                foreach (var descendant in statement.DescendantsAndSelf())
                {
                    if (descendant is ILocalReferenceOperation reference && reference.Local.IsEqualTo(local))
                    {
                        lastUse = statement;
                        break;
                    }
                }
            }

            return lastUse;
        }

        /// <summary>The call under an <c>await</c>, through <c>.ConfigureAwait(...)</c> and conversions.</summary>
        private static IInvocationOperation? AwaitedInvocation(IOperation awaited)
        {
            awaited = Unwrap(awaited);
            if (awaited is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
            {
                awaited = Unwrap(configured);
            }

            return awaited as IInvocationOperation;
        }

        /// <summary>Each argument of the sync call is, in the async call, the same variable or constant (the async one may add a token).</summary>
        private static bool SameArguments(IInvocationOperation sync, IInvocationOperation async)
        {
            var skipped = sync.TargetMethod.IsExtensionMethod && sync.Instance is null ? 1 : 0;
            var asyncSkipped = async.TargetMethod.IsExtensionMethod && async.Instance is null ? 1 : 0;
            if (async.Arguments.Length - asyncSkipped < sync.Arguments.Length - skipped)
            {
                return false;
            }

            for (var i = skipped; i < sync.Arguments.Length; i++)
            {
                var first = Unwrap(sync.Arguments[i].Value);
                var second = Unwrap(async.Arguments[i - skipped + asyncSkipped].Value);
                var same = first.ConstantValue.HasValue
                    ? second.ConstantValue.HasValue && Equals(first.ConstantValue.Value, second.ConstantValue.Value)
                    : SameReceiver(first, second) && first is not IInstanceReferenceOperation || first is IInstanceReferenceOperation && second is IInstanceReferenceOperation;
                if (!same)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool SameReceiver(IOperation? first, IOperation? second) => (first, second) switch
        {
            (null, null) => true,
            (IInstanceReferenceOperation, IInstanceReferenceOperation) => true,
            (ILocalReferenceOperation a, ILocalReferenceOperation b) => a.Local.IsEqualTo(b.Local),
            (IParameterReferenceOperation a, IParameterReferenceOperation b) => a.Parameter.IsEqualTo(b.Parameter),
            (IFieldReferenceOperation a, IFieldReferenceOperation b) => a.Field.IsEqualTo(b.Field) && SameReceiver(a.Instance, b.Instance),
            (IPropertyReferenceOperation a, IPropertyReferenceOperation b) => a.Property.IsEqualTo(b.Property) && SameReceiver(a.Instance, b.Instance),
            _ => false,
        };

        /// <summary>Inside <c>override async Task&lt;int&gt; ReadAsync(...)</c>, calling <c>Read</c> is the implementation, not a mistake.</summary>
        private static bool IsCounterpartItself(ISymbol containingSymbol, Counterpart counterpart)
        {
            if (containingSymbol is not IMethodSymbol containing)
            {
                return false;
            }

            for (var overridden = containing.OriginalDefinition; overridden is not null; overridden = overridden.OverriddenMethod)
            {
                foreach (var candidate in counterpart.All)
                {
                    if (overridden.OriginalDefinition.IsEqualTo(candidate.OriginalDefinition))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private bool IsAccessible(Counterpart counterpart, ISymbol containingSymbol)
        {
            ISymbol within = (ISymbol?)containingSymbol.ContainingType ?? _compilation.Assembly;
            foreach (var candidate in counterpart.All)
            {
                // Public members of public types (nearly every counterpart: File, Stream, DbContext) are accessible
                // from anywhere; only the rest needs the compiler's accessibility check.
                if (!IsPublicAllTheWay(candidate) && !_compilation.IsSymbolAccessibleWithin(candidate, within))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsPublicAllTheWay(ISymbol symbol)
        {
            for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
            {
                if (current.DeclaredAccessibility != Accessibility.Public)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Receivers whose async methods only add overhead: the in-memory types, and <c>Console.Out</c>/<c>Console.Error</c>
        /// (a synchronized writer whose async methods run synchronously anyway).
        /// </summary>
        private bool IsInMemory(IOperation? instance, OperationAnalysisContext context)
        {
            if (instance is null)
            {
                return false;
            }

            instance = Unwrap(instance);
            if (instance is IPropertyReferenceOperation { Instance: null, Property.Name: "Out" or "Error" or "In" } property
                && property.Property.ContainingType is { Name: "Console", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
            {
                return true;
            }

            var inMemoryTypes = InMemoryTypes(context.Operation.Syntax.SyntaxTree);
            return IsInMemoryValue(instance, inMemoryTypes, _ioWrappers, depth: 0);
        }

        /// <summary>
        /// An in-memory value: one of the in-memory types; a null stream, reader or writer (<c>Stream.Null</c>,
        /// <c>TextWriter.Null</c>, <c>StreamReader.Null</c>); the reader or writer of a <c>System.IO.Pipelines.Pipe</c>; or
        /// a reader, writer or stream created (here, in the initializer of a local, or of a readonly field) over one
        /// (<c>new StreamReader(memoryStream)</c>, <c>new GZipStream(_buffer, ...)</c>).
        /// </summary>
        private bool IsInMemoryValue(IOperation value, ImmutableArray<INamedTypeSymbol> inMemoryTypes, ImmutableArray<INamedTypeSymbol> wrappers, int depth)
        {
            value = Unwrap(value);
            if (value.Type is { } type && TypeHierarchy.DerivesFromAny(type, inMemoryTypes))
            {
                return true;
            }

            switch (value)
            {
                case IFieldReferenceOperation { Field: { IsStatic: true, Name: "Null" } nullField } when TypeHierarchy.DerivesFromAny(nullField.ContainingType, wrappers):
                    return true;
                case IPropertyReferenceOperation { Property.Name: "Reader" or "Writer", Instance.Type: { } pipeType } when pipeType.IsEqualTo(_pipe):
                    return true;
            }

            if (depth >= 4)
            {
                return false;
            }

            if (InitialValue(value) is { } initial)
            {
                return IsInMemoryValue(initial, inMemoryTypes, wrappers, depth + 1);
            }

            // An object whose first constructor parameter is the stream or reader/writer it wraps (StreamReader(Stream, ...),
            // BinaryWriter(Stream), GZipStream(Stream, ...), ZipArchive(Stream)).
            if (value is not IObjectCreationOperation { Type: { } } creation)
            {
                return false;
            }

            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter is { Ordinal: 0, Type: { } parameterType } && TypeHierarchy.DerivesFromAny(parameterType, wrappers))
                {
                    return IsInMemoryValue(argument.Value, inMemoryTypes, wrappers, depth + 1);
                }
            }

            return false;
        }

        /// <summary>
        /// The value a local or a readonly field starts with, when its declaration has an initializer in this syntax tree
        /// (locals always do; a field declared in another file is not followed).
        /// </summary>
        private static IOperation? InitialValue(IOperation value)
        {
            ISymbol? variable = value switch
            {
                ILocalReferenceOperation local => local.Local,
                IFieldReferenceOperation { Field.IsReadOnly: true } field => field.Field,
                _ => null,
            };
            if (variable is null || value.SemanticModel is not { } model)
            {
                return null;
            }

            var references = variable.DeclaringSyntaxReferences;
            if (references.Length != 1
                || references[0].GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: { } initializer }
                || initializer.SyntaxTree != model.SyntaxTree
                || model.GetOperation(initializer) is not { } initial)
            {
                return null;
            }

            return Unwrap(initial);
        }

        /// <summary>
        /// A static call whose streams, readers and writers are all in memory
        /// (<c>JsonSerializer.Serialize(memoryStream, value)</c>); false when it takes none.
        /// </summary>
        private bool StreamArgumentsAreInMemory(IInvocationOperation invocation, OperationAnalysisContext context)
        {
            var any = false;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Type is { } parameterType && TypeHierarchy.DerivesFromAny(parameterType, _ioWrappers))
                {
                    if (!IsInMemory(argument.Value, context))
                    {
                        return false;
                    }

                    any = true;
                }
            }

            return any;
        }
        private ImmutableArray<INamedTypeSymbol> InMemoryTypes(SyntaxTree tree) => _inMemoryTypes.For(tree).Types;

        private bool IsExcludedByOption(IMethodSymbol method, OperationAnalysisContext context) =>
            _excludedMethods.For(context.Operation.Syntax.SyntaxTree).ContainsMethod(method);

        private static string Display(IMethodSymbol method) => Display(method.ContainingType, method.Name);

        private static string Display(INamedTypeSymbol type, string name) => type.Name + "." + name;
    }
}
