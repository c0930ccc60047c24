using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AsyncLessons.Internals;

/// <summary>One use of a resource by an operation that AL0008 sees run together with others.</summary>
internal sealed class ResourceUse
{
    public ResourceUse(ImmutableArray<AccessStep> path, ITypeSymbol type, ResourceKind kind, ResourceAccess access, IOperation site, bool throughAnotherObject)
    {
        Path = path;
        Type = type;
        Kind = kind;
        Access = access;
        Site = site;
        ThroughAnotherObject = throughAnotherObject;
    }

    /// <summary>How the resource is reached: <c>this → _db</c>, <c>stream</c>, or a path constant for a file.</summary>
    public ImmutableArray<AccessStep> Path { get; }

    /// <summary>The resource's type (string for a file path).</summary>
    public ITypeSymbol Type { get; }

    public ResourceKind Kind { get; }

    public ResourceAccess Access { get; }

    /// <summary>The operation, among those that run together, that starts the use (a call site when the use is inside the called method).</summary>
    public IOperation Site { get; }

    /// <summary>
    /// True when a DbContext is reached through a member of another object (<c>_users</c> holding <c>_db</c>): scoped
    /// services share one context per scope, so two such uses of the same context type are one context.
    /// </summary>
    public bool ThroughAnotherObject { get; }

    /// <summary>True when this use and <paramref name="other"/> must not overlap.</summary>
    public bool CollidesWith(ResourceUse other, ExclusiveResources resources)
    {
        if (!SameResource(other, resources))
        {
            return false;
        }

        var kind = Kind == other.Kind ? Kind : ResourceKind.Exclusive;
        return kind switch
        {
            ResourceKind.Exclusive => true,
            ResourceKind.Seekable => Access is ResourceAccess.Read or ResourceAccess.Write && other.Access is ResourceAccess.Read or ResourceAccess.Write,
            ResourceKind.Duplex => Access is ResourceAccess.Read or ResourceAccess.Write && Access == other.Access,
            ResourceKind.File => Access is ResourceAccess.Read or ResourceAccess.Write && other.Access is ResourceAccess.Read or ResourceAccess.Write
                && (Access == ResourceAccess.Write || other.Access == ResourceAccess.Write),
            _ => false,
        };
    }

    private bool SameResource(ResourceUse other, ExclusiveResources resources)
    {
        if (ThroughAnotherObject && other.ThroughAnotherObject)
        {
            return Type.IsEqualTo(other.Type) && resources.IsDbContext(Type);
        }

        if (Path.Length != other.Path.Length || Path.IsEmpty)
        {
            return false;
        }

        for (var i = 0; i < Path.Length; i++)
        {
            if (!Path[i].SameKey(other.Path[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The resource as the message names it: <c>'_db'</c>, <c>'stream'</c>, <c>the file "example.txt"</c>.</summary>
    public string Display(ResourceUse other)
    {
        if (ThroughAnotherObject && !Path.IsEmpty && Path[Path.Length - 1].Type is { } type)
        {
            var owner = Text(Path, Path.Length - 1);
            var otherOwner = other.ThroughAnotherObject && !other.Path.IsEmpty ? Text(other.Path, other.Path.Length - 1) : owner;
            return otherOwner == owner
                ? $"the scoped {type.Name} behind '{owner}'"
                : $"the scoped {type.Name} behind '{otherOwner}' and '{owner}'";
        }

        var text = Text(Path, Path.Length);
        if (Path.Length == 1 && Path[0].Key is string)
        {
            // A constant path is quoted already.
            return "the file " + text;
        }

        return Kind == ResourceKind.File ? "the file '" + text + "'" : "'" + text + "'";
    }

    private static string Text(ImmutableArray<AccessStep> path, int length)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            switch (path[i].Key)
            {
                case ISymbol symbol:
                    if (builder.Length > 0)
                    {
                        builder.Append('.');
                    }

                    builder.Append(symbol.Name);
                    break;
                case string constant:
                    builder.Append('"').Append(constant, 1, constant.Length - 1).Append('"');
                    break;
            }
        }

        return builder.ToString();
    }
}

/// <summary>
/// Finds the resources an operation uses (AL0008): the exclusive resources its calls reach through variables, fields
/// and properties (<c>db.Customers.ToListAsync()</c> uses <c>db</c>), with what each call does to them (a read, a
/// write, any use), the files it names by path, and — one level down — what a method of the same file that it calls
/// does with its receiver's fields and its arguments. Variables declared inside the operation (a context created per
/// item) are its own and never shared; neither is anything used under a <c>lock</c> or after a semaphore wait.
/// </summary>
internal sealed class ResourceUses
{
    private readonly ExclusiveResources _resources;
    private readonly ConfiguredSymbols _listed;
    private readonly ImmutableArray<INamedTypeSymbol> _safeTypes;
    private readonly SemanticModel? _model;
    private readonly ConcurrentDictionary<ITypeSymbol, ITypeSymbol?> _heldContexts;
    private readonly CancellationToken _cancellationToken;

    public ResourceUses(
        ExclusiveResources resources,
        ConfiguredSymbols listed,
        ImmutableArray<INamedTypeSymbol> safeTypes,
        SemanticModel? model,
        ConcurrentDictionary<ITypeSymbol, ITypeSymbol?> heldContexts,
        CancellationToken cancellationToken)
    {
        _resources = resources;
        _listed = listed;
        _safeTypes = safeTypes;
        _model = model;
        _heldContexts = heldContexts;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// The uses of <paramref name="root"/>. Locals declared inside <paramref name="scope"/> and parameters of
    /// functions declared there belong to one run of the operation and are never shared.
    /// </summary>
    public List<ResourceUse> Of(IOperation root, TextSpan scope)
    {
        var uses = new List<ResourceUse>();
        if (HoldsALock(root))
        {
            return uses;
        }

        Collect(root, scope, mapping: null, uses);
        return uses;
    }

    /// <summary>The uses of a method passed as a group (<c>items.Select(SaveAsync)</c>): what its body does with its receiver's fields.</summary>
    public List<ResourceUse> OfMethodGroup(IMethodReferenceOperation reference)
    {
        var uses = new List<ResourceUse>();
        if (reference.Method is { } method && Body(method) is { } body && !HoldsALock(body))
        {
            Collect(body, body.Syntax.Span, new CallMapping(reference.Instance, default, reference), uses);
        }

        return uses;
    }

    private void Collect(IOperation root, TextSpan scope, CallMapping? mapping, List<ResourceUse> uses)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            _cancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IInvalidOperation:
                    uses.Clear();
                    return;
                case IInvocationOperation invocation:
                    AddFileUses(invocation, invocation.TargetMethod, invocation.Arguments, scope, mapping, uses);
                    if (mapping is null)
                    {
                        AddCalleeUses(invocation, scope, uses);
                    }

                    break;
                case IObjectCreationOperation { Constructor: { } constructor } creation:
                    AddFileUses(creation, constructor, creation.Arguments, scope, mapping, uses);
                    break;
                case ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation or IInstanceReferenceOperation
                    when IsChainTop(operation):
                    AddReferenceUse(operation, scope, mapping, uses);
                    break;
            }
        }
    }

    /// <summary>A use of the object a reference chain reaches, when a resource lies on the chain and a call consumes it.</summary>
    private void AddReferenceUse(IOperation reference, TextSpan scope, CallMapping? mapping, List<ResourceUse> uses)
    {
        if (reference is IInstanceReferenceOperation { ReferenceKind: not InstanceReferenceKind.ContainingTypeInstance })
        {
            return;
        }

        if (AccessPath.TryCreate(reference) is not { } path || InsideLock(reference))
        {
            return;
        }

        // The first object on the chain that is a resource: `this → _db → Users` uses `_db`.
        for (var index = 0; index < path.Steps.Length; index++)
        {
            var type = path.Steps[index].Type;
            var kind = _resources.KindOf(type, _listed, _safeTypes);
            if (kind == ResourceKind.None)
            {
                continue;
            }

            if (path.Steps[0].Key is ISymbol { ContainingType: var owner } && _resources.IsConsole(owner))
            {
                return;
            }

            var isWhole = index == path.Steps.Length - 1;
            var access = Consumer(reference, kind, isWhole);
            if (access is not { } known)
            {
                return;
            }

            var steps = path.Steps.RemoveRange(index + 1, path.Steps.Length - index - 1);
            if (Map(steps, scope, mapping, out var throughAnother) is { } mapped)
            {
                uses.Add(new ResourceUse(mapped, type!, kind, known, mapping?.Site ?? SiteOf(reference), throughAnother && _resources.IsDbContext(type)));
            }

            return;
        }
    }

    /// <summary>
    /// What the operation that takes <paramref name="reference"/> does with the resource; null when nothing consumes it
    /// (a property read, an assignment). Only the whole resource tells a read from a write (<c>stream.ReadAsync</c>);
    /// anything hanging off an exclusive resource is a use of it (<c>db.Users.ToListAsync()</c>).
    /// </summary>
    private ResourceAccess? Consumer(IOperation reference, ResourceKind kind, bool isWhole)
    {
        var child = reference;
        var parent = reference.Parent;
        while (parent is IConversionOperation)
        {
            child = parent;
            parent = parent.Parent;
        }

        var exclusive = kind == ResourceKind.Exclusive;
        switch (parent)
        {
            case IInvocationOperation invocation when invocation.Instance == child:
                return exclusive ? ResourceAccess.Any : isWhole ? VerbAccess(invocation.TargetMethod.Name) : null;
            case IArgumentOperation { Parent: IInvocationOperation invocation, Parameter: { } parameter }:
                if (_resources.KindOf(parameter.Type, _listed, _safeTypes) != ResourceKind.None && Body(invocation.TargetMethod) is not null)
                {
                    // A method of this file that takes the resource itself: what its body does with it decides (a lock
                    // there serializes it).
                    return null;
                }

                if (exclusive)
                {
                    return ResourceAccess.Any;
                }

                if (!isWhole)
                {
                    return null;
                }

                return invocation.TargetMethod.IsExtensionMethod && parameter.Ordinal == 0
                    ? VerbAccess(invocation.TargetMethod.Name)
                    : ArgumentAccess(invocation.TargetMethod.Name, parameter.Name);
            case IArgumentOperation { Parent: IObjectCreationOperation creation }:
                if (exclusive)
                {
                    return ResourceAccess.Any;
                }

                return !isWhole ? null
                    : TypeHierarchy.DerivesFrom(creation.Type, _resources.StreamReader) ? ResourceAccess.Read
                    : TypeHierarchy.DerivesFrom(creation.Type, _resources.StreamWriter) ? ResourceAccess.Write
                    : ResourceAccess.Unknown;
            case IForEachLoopOperation loop when loop.Collection == child:
                return exclusive ? ResourceAccess.Any : ResourceAccess.Unknown;
            default:
                return null;
        }
    }

    /// <summary>What a call on a stream, socket, reader or writer does, from its verb: <c>ReadAsync</c>, <c>SendAsync</c>, <c>FlushAsync</c>.</summary>
    private static ResourceAccess VerbAccess(string name) =>
        NameVerbs.StartsWithVerb(name, ReadingVerbs) ? ResourceAccess.Read
        : NameVerbs.StartsWithVerb(name, WritingVerbs) ? ResourceAccess.Write
        : ResourceAccess.Unknown;

    /// <summary>What a call does with a stream passed to it: <c>CopyToAsync(destination)</c> and <c>SerializeAsync(stream, ...)</c> write it.</summary>
    private static ResourceAccess ArgumentAccess(string method, string parameter)
    {
        if (NameVerbs.StartsWithVerb(method, CopyVerbs))
        {
            return parameter == "destination" ? ResourceAccess.Write : ResourceAccess.Unknown;
        }

        return NameVerbs.StartsWithVerb(method, SerializingVerbs) ? ResourceAccess.Write
            : NameVerbs.StartsWithVerb(method, DeserializingVerbs) ? ResourceAccess.Read
            : ResourceAccess.Unknown;
    }

    private static readonly string[] ReadingVerbs = { "Read", "Receive", "CopyTo", "Peek" };
    private static readonly string[] WritingVerbs = { "Write", "Send", "Flush" };
    private static readonly string[] CopyVerbs = { "CopyTo" };
    private static readonly string[] SerializingVerbs = { "Serialize", "Write", "Save", "Send" };
    private static readonly string[] DeserializingVerbs = { "Deserialize", "Read", "Load", "Receive", "Parse" };

    /// <summary>
    /// File uses: a path passed to <c>System.IO.File</c> (<c>WriteAllTextAsync(path, ...)</c> writes it,
    /// <c>ReadAllTextAsync(path)</c> reads it) or to a FileStream, StreamReader or StreamWriter constructor.
    /// </summary>
    private void AddFileUses(IOperation operation, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, TextSpan scope, CallMapping? mapping, List<ResourceUse> uses)
    {
        var containing = method.ContainingType;
        var isFile = method.IsStatic && TypeHierarchy.DerivesFrom(containing, _resources.File);
        var isCreation = method.MethodKind == MethodKind.Constructor
            && (TypeHierarchy.DerivesFrom(containing, _resources.FileStream) || TypeHierarchy.DerivesFrom(containing, _resources.StreamReader) || TypeHierarchy.DerivesFrom(containing, _resources.StreamWriter));
        if ((!isFile && !isCreation) || InsideLock(operation))
        {
            return;
        }

        foreach (var argument in arguments)
        {
            if (argument.Parameter is not { Type.SpecialType: SpecialType.System_String } parameter)
            {
                continue;
            }

            var access = parameter.Name switch
            {
                "path" => isFile ? FileMethodAccess(method.Name) : CreationAccess(containing, arguments),
                "sourceFileName" => method.Name == "Copy" ? ResourceAccess.Read : ResourceAccess.Write,
                "destFileName" or "destinationFileName" => ResourceAccess.Write,
                _ => (ResourceAccess?)null,
            };
            if (access is not { } known || known == ResourceAccess.Unknown)
            {
                continue;
            }

            if (PathKey(argument.Value) is { } key && Map(key, scope, mapping, out _) is { } mapped)
            {
                uses.Add(new ResourceUse(mapped, parameter.Type, ResourceKind.File, known, mapping?.Site ?? SiteOf(operation), throughAnotherObject: false));
            }
        }
    }

    private static ResourceAccess FileMethodAccess(string name) =>
        NameVerbs.StartsWithVerb(name, FileReadingVerbs) ? ResourceAccess.Read
        : NameVerbs.StartsWithVerb(name, FileWritingVerbs) ? ResourceAccess.Write
        : ResourceAccess.Unknown;

    private static readonly string[] FileReadingVerbs = { "Read", "OpenRead", "OpenText", "Exists", "GetAttributes", "GetLastWriteTime" };
    private static readonly string[] FileWritingVerbs = { "Write", "Append", "Create", "OpenWrite", "Delete", "Move", "Replace", "Encrypt", "Decrypt", "SetAttributes" };

    /// <summary>What opening a FileStream, StreamReader or StreamWriter on a path does: its FileAccess or FileMode says, else its type.</summary>
    private ResourceAccess CreationAccess(INamedTypeSymbol type, ImmutableArray<IArgumentOperation> arguments)
    {
        if (TypeHierarchy.DerivesFrom(type, _resources.StreamReader))
        {
            return ResourceAccess.Read;
        }

        if (TypeHierarchy.DerivesFrom(type, _resources.StreamWriter))
        {
            return ResourceAccess.Write;
        }

        ResourceAccess? byMode = null;
        foreach (var argument in arguments)
        {
            if (argument.Value.ConstantValue is not { HasValue: true, Value: int value })
            {
                continue;
            }

            var parameterType = argument.Parameter?.Type;
            if (TypeHierarchy.DerivesFrom(parameterType, _resources.FileAccess))
            {
                // FileAccess.Read = 1; Write = 2 and ReadWrite = 3 both write.
                return value == 1 ? ResourceAccess.Read : ResourceAccess.Write;
            }

            if (TypeHierarchy.DerivesFrom(parameterType, _resources.FileMode))
            {
                // FileMode.Open = 3 opens for reading and writing unless an access says otherwise; the others create or truncate.
                byMode = value is 3 or 4 ? ResourceAccess.Unknown : ResourceAccess.Write;
            }
        }

        return byMode ?? ResourceAccess.Unknown;
    }

    /// <summary>The key of a path argument: its variable, field or property chain, or its constant value.</summary>
    private static ImmutableArray<AccessStep>? PathKey(IOperation value)
    {
        value = value.WalkDownConversions();

        if (value.ConstantValue is { HasValue: true, Value: string text })
        {
            return ImmutableArray.Create(new AccessStep("\"" + text, value.Type));
        }

        return AccessPath.TryCreate(value)?.Steps;
    }

    /// <summary>
    /// The path as the combined operation sees it: variables declared inside <paramref name="scope"/> belong to one
    /// run (null); inside a called method, its parameters become the call's arguments and its <c>this</c> the call's receiver.
    /// </summary>
    private ImmutableArray<AccessStep>? Map(ImmutableArray<AccessStep> steps, TextSpan scope, CallMapping? mapping, out bool throughAnotherObject)
    {
        throughAnotherObject = false;
        if (mapping is not null)
        {
            if (MapIntoCaller(steps, mapping, ref throughAnotherObject) is not { } mapped)
            {
                return null;
            }

            steps = mapped;
        }

        var root = steps[0].Key;
        switch (root)
        {
            case ILocalSymbol local when DeclaredIn(local, scope):
                return null;
            case IParameterSymbol parameter when DeclaredIn(parameter.ContainingSymbol, scope):
                return null;
        }

        if (!throughAnotherObject)
        {
            // `_users._db`: the context of another object (a scoped service's).
            var first = root == CallFootprint.ThisRoot ? 1 : 0;
            throughAnotherObject = steps.Length - first > 1;
        }

        return steps;
    }

    /// <summary>
    /// The path of a callee's variable as the caller sees it (<paramref name="mapping"/>: parameters become the
    /// call's arguments, <c>this</c> the receiver); null for the callee's own variables, or when the caller's side is
    /// not known.
    /// </summary>
    private static ImmutableArray<AccessStep>? MapIntoCaller(ImmutableArray<AccessStep> steps, CallMapping mapping, ref bool throughAnotherObject)
    {
        var root = steps[0].Key;
        ImmutableArray<AccessStep>? prefix;
        switch (root)
        {
            case IParameterSymbol parameter when parameter.ContainingSymbol.IsEqualTo(mapping.Method):
                prefix = mapping.Argument(parameter);
                break;
            case IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } }:
                // A primary constructor's parameter, captured by the method: a field of the receiver.
                prefix = mapping.Receiver() is { } owner ? owner.Add(steps[0]) : null;
                if (prefix is { } captured && (captured[0].Key != CallFootprint.ThisRoot || captured.Length > 2))
                {
                    throughAnotherObject = true;
                }

                break;
            case object when root == CallFootprint.ThisRoot:
                prefix = mapping.Receiver();
                if (prefix is { } receiver && receiver[0].Key != CallFootprint.ThisRoot || prefix is { Length: > 1 })
                {
                    throughAnotherObject = true;
                }

                break;
            case ILocalSymbol local when DeclaredIn(local, mapping.CalleeSpan):
            case IParameterSymbol inner when DeclaredIn(inner, mapping.CalleeSpan):
                // The callee's own variables, and its lambdas' parameters.
                return null;
            default:
                prefix = ImmutableArray.Create(steps[0]);
                break;
        }

        return prefix is { } known ? known.AddRange(steps.RemoveAt(0)) : null;
    }

    private static bool DeclaredIn(ISymbol? symbol, TextSpan span)
    {
        if (symbol is null)
        {
            return false;
        }

        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (span.Contains(reference.Span))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// One level down: what a method declared in the same file does with its receiver's fields and its arguments
    /// (<c>LoadCustomersAsync()</c> querying <c>_db</c>). A method declared elsewhere is seen only through its
    /// receiver: a service that holds a DbContext uses it.
    /// </summary>
    private void AddCalleeUses(IInvocationOperation invocation, TextSpan scope, List<ResourceUse> uses)
    {
        var method = invocation.TargetMethod;
        if (Body(method) is { } body)
        {
            if (!HoldsALock(body))
            {
                Collect(body, scope, new CallMapping(invocation.Instance, invocation.Arguments, invocation), uses);
            }

            return;
        }

        if (method.IsStatic || invocation.Instance is not { Type: { } receiverType } instance
            || _resources.KindOf(receiverType, _listed, _safeTypes) != ResourceKind.None || InsideLock(invocation))
        {
            return;
        }

        if (HeldContext(receiverType) is { } context && PathOf(instance) is { } receiver
            && Map(receiver, scope, mapping: null, out _) is { } mapped)
        {
            // The steps end at the receiver; the context is the receiver's, reached through it.
            uses.Add(new ResourceUse(mapped.Add(new AccessStep(context, context)), context, ResourceKind.Exclusive, ResourceAccess.Any, SiteOf(invocation), throughAnotherObject: true));
        }
    }

    private ITypeSymbol? HeldContext(ITypeSymbol type) => _heldContexts.GetOrAdd(type, FindHeldContext);

    /// <summary>The DbContext type a service holds in an instance field or property, or takes in its constructor.</summary>
    private ITypeSymbol? FindHeldContext(ITypeSymbol type)
    {
        foreach (var member in type.GetMembers())
        {
            ITypeSymbol? held = member switch
            {
                IFieldSymbol { IsStatic: false } field => field.Type,
                IPropertySymbol { IsStatic: false } property => property.Type,
                _ => null,
            };
            if (held is not null && _resources.IsDbContext(held))
            {
                return held;
            }

            if (member is IMethodSymbol { MethodKind: MethodKind.Constructor, IsStatic: false } constructor)
            {
                foreach (var parameter in constructor.Parameters)
                {
                    if (_resources.IsDbContext(parameter.Type))
                    {
                        return parameter.Type;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The body of <paramref name="method"/> when it is declared in the file being analyzed.</summary>
    private IOperation? Body(IMethodSymbol method)
    {
        if (_model is null || method.IsExtern || method.IsAbstract)
        {
            return null;
        }

        var references = method.OriginalDefinition.DeclaringSyntaxReferences;
        if (references.Length != 1 || references[0].SyntaxTree != _model.SyntaxTree)
        {
            return null;
        }

        var operation = _model.GetOperation(references[0].GetSyntax(_cancellationToken), _cancellationToken);
        return operation is IMethodBodyOperation or ILocalFunctionOperation or IBlockOperation ? operation : null;
    }

    /// <summary>True when <paramref name="root"/> serializes its work: a <c>lock</c>, or a semaphore or async lock it waits for.</summary>
    private static bool HoldsALock(IOperation root)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case ILockOperation:
                    return true;
                case IInvocationOperation { TargetMethod.Name: "Wait" or "WaitAsync" or "LockAsync" or "EnterAsync" or "AcquireAsync" or "Enter" } invocation
                    when invocation.Instance is not null || invocation.TargetMethod.ContainingType?.Name == "Monitor":
                    return true;
            }
        }

        return false;
    }

    private static bool InsideLock(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is ILockOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The call a use starts in: the innermost invocation or creation around the reference.</summary>
    private static IOperation SiteOf(IOperation operation)
    {
        for (var current = operation; current is not null; current = current.Parent)
        {
            if (current is IInvocationOperation or IObjectCreationOperation)
            {
                return current;
            }
        }

        return operation;
    }

    private static ImmutableArray<AccessStep>? PathOf(IOperation value)
    {
        value = value.WalkDownConversions();

        return AccessPath.TryCreate(value)?.Steps;
    }

    private static bool IsChainTop(IOperation reference)
    {
        var parent = reference.Parent;
        while (parent is IConversionOperation conversion && conversion.Parent is IMemberReferenceOperation)
        {
            parent = conversion.Parent;
        }

        return parent is not IMemberReferenceOperation member || (member.Instance != reference && member.Instance != reference.Parent);
    }

    /// <summary>How a called method's parameters and <c>this</c> map to the call site.</summary>
    private sealed class CallMapping
    {
        private readonly IOperation? _instance;
        private readonly ImmutableArray<IArgumentOperation> _arguments;

        public CallMapping(IOperation? instance, ImmutableArray<IArgumentOperation> arguments, IOperation site)
        {
            _instance = instance;
            _arguments = arguments.IsDefault ? ImmutableArray<IArgumentOperation>.Empty : arguments;
            Site = site;
            Method = site switch
            {
                IInvocationOperation invocation => invocation.TargetMethod.OriginalDefinition,
                IMethodReferenceOperation reference => reference.Method.OriginalDefinition,
                _ => null,
            };
            var references = Method?.DeclaringSyntaxReferences ?? ImmutableArray<SyntaxReference>.Empty;
            CalleeSpan = references.Length == 1 ? references[0].Span : default;
        }

        public IOperation Site { get; }

        public IMethodSymbol? Method { get; }

        public TextSpan CalleeSpan { get; }

        public ImmutableArray<AccessStep>? Receiver() => _instance is null ? null : PathOf(_instance);

        public ImmutableArray<AccessStep>? Argument(IParameterSymbol parameter)
        {
            foreach (var argument in _arguments)
            {
                if (argument.Parameter is { } bound && bound.Ordinal == parameter.Ordinal)
                {
                    return PathKey(argument.Value);
                }
            }

            return null;
        }
    }
}
