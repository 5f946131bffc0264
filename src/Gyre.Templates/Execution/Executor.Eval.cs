using Gyre.Templates.Formatting;
using Gyre.Templates.Functions;
using Gyre.Templates.Parse;

namespace Gyre.Templates.Execution;

/// <summary>Field, variable and function evaluation (exec.go evalField/evalCall/evalArg).</summary>
internal sealed partial class Executor
{
    private object? EvalFieldNode(object? dot, bool dotIface, FieldNode field, List<Node>? args, object? final)
    {
        _node = field;
        return EvalFieldChain(dot, dot, dotIface, field, field.Ident, 0, args, final);
    }

    private object? EvalChainNode(object? dot, bool dotIface, ChainNode chain, List<Node>? args, object? final)
    {
        _node = chain;
        if (chain.Node is NilNode)
        {
            throw Errorf("indirection through explicit nil in " + chain);
        }
        var pipe = EvalArg(dot, dotIface, null, chain.Node);
        return EvalFieldChain(dot, pipe, false, chain, chain.Field.ToArray(), 0, args, final);
    }

    private object? EvalVariableNode(object? dot, bool dotIface, VariableNode variable, List<Node>? args, object? final)
    {
        _node = variable;
        var value = VarValue(variable.Ident[0]);
        if (variable.Ident.Length == 1)
        {
            NotAFunction(args, final);
            return value.Value;
        }
        return EvalFieldChain(dot, value.Value, value.Iface, variable, variable.Ident, 1, args, final);
    }

    private object? EvalFieldChain(object? dot, object? receiver, bool receiverIface, Node node, string[] ident, int from, List<Node>? args, object? final)
    {
        var n = ident.Length;
        for (var i = from; i < n - 1; i++)
        {
            (receiver, receiverIface) = EvalField(dot, ident[i], node, null, MissingVal, receiver, receiverIface);
        }
        return EvalField(dot, ident[n - 1], node, args, final, receiver, receiverIface).Value;
    }

    private (object? Value, bool Iface) EvalField(object? dot, string fieldName, Node node, List<Node>? args, object? final, object? receiver, bool receiverIface)
    {
        if (receiver is NoValue)
        {
            if (_set.Options.MissingKey == MissingKeyAction.Error)
            {
                throw Errorf("nil data; no entry for key " + GoQuote.Quote(fieldName));
            }
            return (NoValue.Instance, false);
        }
        var typ = receiverIface ? GoTypes.Interface : GoTypes.TypeName(receiver);
        if (receiver == null)
        {
            throw Errorf("nil pointer evaluating " + typ + "." + fieldName);
        }
        if (receiver is IGoValue g && g.Method(fieldName) is { } method)
        {
            return (EvalCall(dot, false, method, false, node, fieldName, args, final), false);
        }
        if (receiver is GoObject o && o.Methods.TryGetValue(fieldName, out var objectMethod))
        {
            return (EvalCall(dot, false, objectMethod, false, node, fieldName, args, final), false);
        }
        var hasArgs = (args != null && args.Count > 1) || final != MissingVal;
        switch (receiver)
        {
            case Dictionary<string, object?> m:
                if (hasArgs)
                {
                    throw Errorf(fieldName + " is not a method but has arguments");
                }
                if (m.TryGetValue(fieldName, out var v))
                {
                    return (v, true);
                }
                return _set.Options.MissingKey switch
                {
                    MissingKeyAction.Zero => (null, true),
                    MissingKeyAction.Error => throw Errorf("map has no entry for key " + GoQuote.Quote(fieldName)),
                    _ => (NoValue.Instance, false),
                };
            case Dictionary<string, string> ms:
                if (hasArgs)
                {
                    throw Errorf(fieldName + " is not a method but has arguments");
                }
                if (ms.TryGetValue(fieldName, out var sv))
                {
                    return (sv, false);
                }
                return _set.Options.MissingKey switch
                {
                    MissingKeyAction.Zero => ("", false),
                    MissingKeyAction.Error => throw Errorf("map has no entry for key " + GoQuote.Quote(fieldName)),
                    _ => (NoValue.Instance, false),
                };
        }
        throw Errorf("can't evaluate field " + fieldName + " in type " + typ);
    }

    private object? EvalFunction(object? dot, bool dotIface, IdentifierNode node, Node cmd, List<Node>? args, object? final)
    {
        _node = node;
        var name = node.Name;
        var function = _set.FindFunction(name, out var isBuiltin);
        if (function == null)
        {
            throw Errorf(GoQuote.Quote(name) + " is not a defined function");
        }
        return EvalCall(dot, dotIface, function, isBuiltin, cmd, name, args, final);
    }

    private object? EvalCall(object? dot, bool dotIface, TemplateFunction fn, bool isBuiltin, Node node, string name, List<Node>? allArgs, object? final)
    {
        var argCount = allArgs == null ? 0 : allArgs.Count - 1;
        var numIn = argCount + (final != MissingVal ? 1 : 0);
        var numFixed = argCount;
        if (fn.Variadic.HasValue)
        {
            numFixed = fn.Parameters.Count;
            if (numIn < numFixed)
            {
                throw Errorf("wrong number of args for " + name + ": want at least " + Inv(fn.Parameters.Count) + " got " + Inv(argCount));
            }
        }
        else if (numIn != fn.Parameters.Count)
        {
            throw Errorf("wrong number of args for " + name + ": want " + Inv(fn.Parameters.Count) + " got " + Inv(numIn));
        }
        if (isBuiltin && name is "and" or "or")
        {
            object? v = null;
            for (var k = 0; k < argCount; k++)
            {
                v = EvalArg(dot, dotIface, ArgType.Value, allArgs![k + 1]);
                if (Builtins.Truth(v) == (name == "or"))
                {
                    return v;
                }
            }
            if (final != MissingVal)
            {
                v = ValidateType(final, ArgType.Value);
            }
            return v;
        }
        var argv = new object?[numIn];
        var i = 0;
        for (; i < numFixed && i < argCount; i++)
        {
            argv[i] = EvalArg(dot, dotIface, fn.Parameters[i], allArgs![i + 1]);
        }
        if (fn.Variadic is { } tail)
        {
            for (; i < argCount; i++)
            {
                argv[i] = EvalArg(dot, dotIface, tail, allArgs![i + 1]);
            }
        }
        if (final != MissingVal)
        {
            ArgType t;
            if (fn.Variadic is { } vt)
            {
                t = numIn - 1 < numFixed ? fn.Parameters[numIn - 1] : vt;
            }
            else
            {
                t = fn.Parameters[^1];
            }
            argv[i] = ValidateType(final, t);
        }
        // The error is raised after the catch block: throwing inside a catch keeps the failing frames on the stack,
        // which deep include/tpl recursion cannot afford.
        string failure;
        try
        {
            return fn.Invoke(new FunctionContext(_set, _budget), argv);
        }
        catch (TemplateFunctionException e)
        {
            failure = e.Message;
        }
        _node = node;
        throw Errorf("error calling " + name + ": " + failure, failure);
    }

    private static string Inv(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private object? ValidateType(object? value, ArgType? typ)
    {
        if (value is NoValue)
        {
            if (typ is null or ArgType.Value)
            {
                return value;
            }
            if (typ is ArgType.Any or ArgType.Map or ArgType.List or ArgType.StringList)
            {
                return null;
            }
            throw Errorf("invalid value; expected " + TemplateFunction.TypeName(typ.Value));
        }
        if (typ is null or ArgType.Any or ArgType.Value)
        {
            return value;
        }
        var ok = typ switch
        {
            ArgType.String => value is string,
            ArgType.Int => value is long or int,
            ArgType.Int64 => value is GoInt64,
            ArgType.Float64 => value is double,
            ArgType.Bool => value is bool,
            ArgType.Map => value is Dictionary<string, object?>,
            ArgType.List => value is List<object?>,
            ArgType.StringList => value is string[],
            ArgType.Time => value is GoTime,
            ArgType.Certificate => value is Sprig.SprigCertificate,
            ArgType.Uint32 => value is ulong,
            _ => false,
        };
        if (ok)
        {
            return value is int iv ? (long)iv : value;
        }
        throw Errorf("wrong type for value; expected " + TemplateFunction.TypeName(typ.Value) + "; got " + GoTypes.TypeName(value));
    }

    private object? EvalArg(object? dot, bool dotIface, ArgType? typ, Node n)
    {
        _node = n;
        switch (n)
        {
            case DotNode:
                return ValidateType(dot, typ);
            case NilNode:
                if (typ is ArgType.Any or ArgType.Map or ArgType.List or ArgType.StringList)
                {
                    return null;
                }
                if (typ is ArgType.Value)
                {
                    return NoValue.Instance;
                }
                throw Errorf("cannot assign nil to " + TemplateFunction.TypeName(typ ?? ArgType.Any));
            case FieldNode f:
                return ValidateType(EvalFieldNode(dot, dotIface, f, [n], MissingVal), typ);
            case VariableNode v:
                return ValidateType(EvalVariableNode(dot, dotIface, v, null, MissingVal), typ);
            case PipeNode p:
                return ValidateType(EvalPipeline(dot, dotIface, p), typ);
            case IdentifierNode id:
                return ValidateType(EvalFunction(dot, dotIface, id, id, null, MissingVal), typ);
            case ChainNode c:
                return ValidateType(EvalChainNode(dot, dotIface, c, null, MissingVal), typ);
        }
        switch (typ)
        {
            case ArgType.Bool:
                return n is BoolNode b ? b.Value : throw Errorf("expected bool; found " + n);
            case ArgType.Float64:
                return n is NumberNode { IsFloat: true } f ? f.Float64 : throw Errorf("expected float; found " + n);
            case ArgType.Int:
                return n is NumberNode { IsInt: true } i ? i.Int64 : throw Errorf("expected integer; found " + n);
            case ArgType.Int64:
                return n is NumberNode { IsInt: true } i64 ? new GoInt64(i64.Int64) : throw Errorf("expected integer; found " + n);
            case ArgType.Uint32:
                return n is NumberNode { IsUint: true, Uint64: <= uint.MaxValue } u ? u.Uint64 : throw Errorf("expected unsigned integer; found " + n);
            case ArgType.String:
                return n is StringNode s ? s.Text : throw Errorf("expected string; found " + n);
            case ArgType.Any or ArgType.Value or null:
                return EvalEmptyInterface(dot, dotIface, n);
        }
        throw Errorf("can't handle " + n + " for arg of type " + TemplateFunction.TypeName(typ.Value));
    }

    private object? EvalEmptyInterface(object? dot, bool dotIface, Node n)
    {
        _node = n;
        return n switch
        {
            BoolNode b => b.Value,
            NumberNode num => IdealConstant(num),
            StringNode s => s.Text,
            _ => throw Errorf("can't handle assignment of " + n + " to empty interface argument"),
        };
    }
}
