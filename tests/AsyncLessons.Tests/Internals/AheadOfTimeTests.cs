using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using AsyncLessons.Internals;
using Xunit;

namespace AsyncLessons.Tests.Internals;

/// <summary>
/// The package's precompiled (ReadyToRun) assembly is only as good as what crossgen2 can compile ahead of time: it
/// leaves out methods marked <c>AggressiveOptimization</c> (the runtime must compile those itself, optimized) and
/// <c>NoOptimization</c>, and code for the framework's generic collections over a struct of ours (that code lives in
/// the framework, not in our image). Each is compiled afresh in every compiler process. docs/performance.md.
/// </summary>
public class AheadOfTimeTests
{
    private static readonly Assembly Analyzers = typeof(RuleAnalyzer).Assembly;

    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void NoMethod_IsKeptFromAheadOfTimeCompilation()
    {
        var kept = Analyzers.GetTypes()
            .SelectMany(t => t.GetMethods(Everything).Cast<MethodBase>().Concat(t.GetConstructors(Everything)))
            .Where(m => (m.MethodImplementationFlags & (MethodImplAttributes.AggressiveOptimization | MethodImplAttributes.NoOptimization)) != 0)
            .Select(m => m.DeclaringType!.FullName + "." + m.Name)
            .ToArray();
        Assert.Empty(kept);
    }

    [Fact]
    public void NoStructOrEnumOfOurs_IsATypeArgumentOfFrameworkCode()
    {
        // Every type our code holds or passes (fields, locals, parameters, return types): a List<OurStruct>,
        // ImmutableArray<OurStruct> or Dictionary<..., OurEnum> there means framework code compiled in every process.
        var offending = new List<string>();
        foreach (var type in Analyzers.GetTypes())
        {
            foreach (var field in type.GetFields(Everything))
            {
                Check(field.FieldType, type.FullName + "." + field.Name);
            }

            foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
            {
                var where = type.FullName + "." + method.Name;
                foreach (var parameter in method.GetParameters())
                {
                    Check(parameter.ParameterType, where);
                }

                if (method is MethodInfo info)
                {
                    Check(info.ReturnType, where);
                }

                foreach (var local in method.GetMethodBody()?.LocalVariables ?? (IList<LocalVariableInfo>)System.Array.Empty<LocalVariableInfo>())
                {
                    Check(local.LocalType, where);
                }
            }
        }

        Assert.True(offending.Count == 0, string.Join("\n", offending.Distinct()));

        void Check(System.Type used, string where)
        {
            // Nullable<T> is exempt: crossgen2 compiles it into our image (the JIT logs list no Nullable<OurEnum> method).
            var element = used.HasElementType ? used.GetElementType()! : used;
            if (element.IsGenericType && element.Assembly != Analyzers && element.GetGenericTypeDefinition() != typeof(System.Nullable<>)
                && element.GetGenericArguments().Any(a => a.IsValueType && a.Assembly == Analyzers))
            {
                offending.Add(where + ": " + element);
            }
        }
    }

    /// <summary>
    /// What our code calls or creates (every method, constructor and field its IL refers to): framework generic code
    /// instantiated over a value type, ours or not (<c>ConcurrentDictionary&lt;Guid, T&gt;</c>,
    /// <c>Enum.TryParse&lt;OperationKind&gt;</c>), is in neither the framework's precompiled image (unless the
    /// framework happens to use that instantiation itself) nor ours, so every compiler process JIT-compiles it. The
    /// allowed ones are those the cold JIT logs show precompiled or the compiler already uses.
    /// </summary>
    [Fact]
    public void NoFrameworkGenericCode_IsInstantiatedOverAValueType()
    {
        var offending = new List<string>();
        foreach (var type in Analyzers.GetTypes())
        {
            foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
            {
                foreach (var member in MembersReferencedBy(method))
                {
                    if (member.DeclaringType is { } declaring && IsForeignOverAValueType(declaring))
                    {
                        offending.Add($"{type.FullName}.{method.Name}: {declaring}");
                    }

                    if (member is MethodInfo { IsGenericMethod: true } generic && generic.Module.Assembly != Analyzers
                        && generic.GetGenericArguments().Any(a => a.IsValueType && !PrecompiledArguments.Contains(a)))
                    {
                        offending.Add($"{type.FullName}.{method.Name}: {generic.DeclaringType}.{generic}");
                    }
                }
            }
        }

        Assert.True(offending.Count == 0, string.Join("\n", offending.Distinct().OrderBy(o => o, System.StringComparer.Ordinal)));
    }

    /// <summary>
    /// Primitive arguments: the compiler runs the framework's collections over them itself, so their code is compiled
    /// in the process whether we call it or not (the cold JIT log of Polly.Core without AsyncLessons has, for example,
    /// <c>ConcurrentDictionary&lt;__Canon, bool&gt;</c> and <c>HashSet&lt;int&gt;</c>; with it, none of ours).
    /// </summary>
    private static readonly HashSet<System.Type> PrecompiledArguments = new()
    {
        typeof(bool), typeof(int), typeof(char), typeof(byte), typeof(long),
    };

    /// <summary>
    /// Framework code the compiler itself runs over the same arguments, so that it is compiled (or precompiled) in the
    /// process whether we call it or not.
    /// </summary>
    private static readonly HashSet<System.Type> TheCompilersOwn = new()
    {
        typeof(System.Collections.Immutable.ImmutableDictionary<string, Microsoft.CodeAnalysis.ReportDiagnostic>),
    };

    /// <summary>
    /// A generic type of the framework whose code runs over a value-type argument. Delegates (their code is the
    /// runtime's) and interfaces (the code is the implementing class's) have none of their own; an argument that is
    /// a reference type shares the canonical code whatever its own arguments are.
    /// </summary>
    private static bool IsForeignOverAValueType(System.Type type)
    {
        var element = type.HasElementType ? type.GetElementType()! : type;
        return element.IsGenericType && element.Assembly != Analyzers && !element.IsInterface && !typeof(System.Delegate).IsAssignableFrom(element)
            && element.GetGenericTypeDefinition() != typeof(System.Nullable<>) && !TheCompilersOwn.Contains(element)
            && element.GetGenericArguments().Any(a => a.IsValueType && !PrecompiledArguments.Contains(a));
    }

    /// <summary>The methods, constructors and fields whose tokens <paramref name="method"/>'s IL holds.</summary>
    private static IEnumerable<MemberInfo> MembersReferencedBy(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return System.Array.Empty<MemberInfo>();
        }

        var members = new List<MemberInfo>();
        var typeArguments = method.DeclaringType!.IsGenericType ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            var opCode = il[i] == 0xFE ? TwoByte[il[i + 1]] : OneByte[il[i]];
            i += opCode.Size;
            if (opCode.OperandType is System.Reflection.Emit.OperandType.InlineMethod or System.Reflection.Emit.OperandType.InlineField or System.Reflection.Emit.OperandType.InlineTok)
            {
                try
                {
                    members.Add(method.Module.ResolveMember(System.BitConverter.ToInt32(il, i), typeArguments, methodArguments)!);
                }
                catch (System.ArgumentException)
                {
                    // a token of a kind ResolveMember does not take (a type in ldtoken)
                }
            }

            i += OperandSize(opCode, il, i);
        }

        return members;
    }

    private static int OperandSize(System.Reflection.Emit.OpCode opCode, byte[] il, int at) => opCode.OperandType switch
    {
        System.Reflection.Emit.OperandType.InlineNone => 0,
        System.Reflection.Emit.OperandType.ShortInlineBrTarget or System.Reflection.Emit.OperandType.ShortInlineI or System.Reflection.Emit.OperandType.ShortInlineVar => 1,
        System.Reflection.Emit.OperandType.InlineVar => 2,
        System.Reflection.Emit.OperandType.InlineI8 or System.Reflection.Emit.OperandType.InlineR => 8,
        System.Reflection.Emit.OperandType.InlineSwitch => 4 + (4 * System.BitConverter.ToInt32(il, at)),
        _ => 4,
    };

    private static readonly System.Reflection.Emit.OpCode[] OneByte = OpCodes(twoByte: false);

    private static readonly System.Reflection.Emit.OpCode[] TwoByte = OpCodes(twoByte: true);

    private static System.Reflection.Emit.OpCode[] OpCodes(bool twoByte)
    {
        var table = new System.Reflection.Emit.OpCode[256];
        foreach (var field in typeof(System.Reflection.Emit.OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var opCode = (System.Reflection.Emit.OpCode)field.GetValue(null)!;
            var value = (ushort)opCode.Value;
            if (twoByte ? opCode.Size == 2 : opCode.Size == 1)
            {
                table[value & 0xFF] = opCode;
            }
        }

        return table;
    }
}
