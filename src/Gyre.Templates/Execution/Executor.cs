using System.Globalization;
using System.Text;
using Gyre.Templates.Formatting;
using Gyre.Templates.Functions;
using Gyre.Templates.Parse;

namespace Gyre.Templates.Execution;

/// <summary>
/// Walks a parsed template the way Go's text/template exec.go does (Go 1.19): the same evaluation order, the same
/// missing-value and nil rules, and the same error texts with "file:line:col" and the failing node.
/// </summary>
internal sealed partial class Executor
{
    private static readonly object MissingVal = new();

    private readonly TemplateSet _set;
    private readonly Tree _tmpl;
    private readonly StringBuilder _out;
    private readonly ExecutionBudget _budget;
    private readonly int _depth;
    private readonly List<Variable> _vars = [];
    private Node? _node;

    private Executor(TemplateSet set, Tree tmpl, StringBuilder output, ExecutionBudget budget, int depth)
    {
        _set = set;
        _tmpl = tmpl;
        _out = output;
        _budget = budget;
        _depth = depth;
    }

    private enum Flow
    {
        Normal,
        Break,
        Continue,
    }

    private readonly record struct Variable(string Name, object? Value, bool Iface);

    public static void Execute(TemplateSet set, Tree tmpl, object? data, StringBuilder output, ExecutionBudget budget)
    {
        var value = Normalize(data);
        var state = new Executor(set, tmpl, output, budget, 0);
        state._vars.Add(new Variable("$", value, false));
        if (tmpl.Root == null)
        {
            throw TemplateException.Plain("template: " + tmpl.Name + ": " + GoQuote.Quote(tmpl.Name) + " is an incomplete or empty template");
        }
        state.Walk(value, false, tmpl.Root);
    }

    // reflect.ValueOf(nil) is the invalid value.
    private static object? Normalize(object? data) => data ?? NoValue.Instance;

    private TemplateException Errorf(string message, string? functionError = null)
    {
        if (_node == null)
        {
            return TemplateException.Exec("template: " + _tmpl.Name + ": " + message, _tmpl.Name, null, null, null, functionError);
        }
        var location = _node.Tree.Location(_node.Pos);
        var (line, col) = _node.Tree.LineColumn(_node.Pos);
        var text = "template: " + location + ": executing " + GoQuote.Quote(_tmpl.Name) + " at <" + _node + ">: " + message;
        return TemplateException.Exec(text, _tmpl.Name, _node.Tree.ParseName, line, col, functionError);
    }

    private void Write(string s)
    {
        _budget.AddOutput(s.Length);
        _out.Append(s);
    }

    private Flow Walk(object? dot, bool dotIface, Node node)
    {
        _node = node;
        switch (node)
        {
            case ActionNode a:
                var val = EvalPipeline(dot, dotIface, a.Pipe);
                if (a.Pipe.Decl.Count == 0)
                {
                    PrintValue(a, val);
                }
                return Flow.Normal;
            case BreakNode:
                return Flow.Break;
            case ContinueNode:
                return Flow.Continue;
            case CommentNode:
                return Flow.Normal;
            case BranchNode b when b.Kind == BranchKind.Range:
                return WalkRange(dot, dotIface, b);
            case BranchNode b:
                return WalkIfOrWith(dot, dotIface, b);
            case ListNode l:
                foreach (var n in l.Nodes)
                {
                    var flow = Walk(dot, dotIface, n);
                    if (flow != Flow.Normal)
                    {
                        return flow;
                    }
                }
                return Flow.Normal;
            case TemplateNode t:
                WalkTemplate(dot, dotIface, t);
                return Flow.Normal;
            case TextNode t:
                Write(t.Text);
                return Flow.Normal;
            default:
                throw Errorf("unknown node: " + node);
        }
    }

    private Flow WalkIfOrWith(object? dot, bool dotIface, BranchNode b)
    {
        var mark = _vars.Count;
        try
        {
            var val = EvalPipeline(dot, dotIface, b.Pipe);
            var (truth, _) = GoTypes.IsTrue(val);
            if (truth)
            {
                return b.Kind == BranchKind.With ? Walk(val, false, b.List) : Walk(dot, dotIface, b.List);
            }
            return b.ElseList != null ? Walk(dot, dotIface, b.ElseList) : Flow.Normal;
        }
        finally
        {
            _vars.RemoveRange(mark, _vars.Count - mark);
        }
    }

    private Flow WalkRange(object? dot, bool dotIface, BranchNode r)
    {
        _node = r;
        var outerMark = _vars.Count;
        try
        {
            var val = EvalPipeline(dot, dotIface, r.Pipe);
            var mark = _vars.Count;
            switch (val)
            {
                case List<object?> or string[] or long[]:
                    var count = GoTypes.Length(val);
                    if (count == 0)
                    {
                        break;
                    }
                    for (var i = 0; i < count; i++)
                    {
                        if (OneIteration(r, mark, (long)i, GoTypes.SliceAt(val!, i), val is List<object?>) == Flow.Break)
                        {
                            break;
                        }
                    }
                    return Flow.Normal;
                case Dictionary<string, object?> m:
                    if (m.Count == 0)
                    {
                        break;
                    }
                    foreach (var key in SortedKeys(m.Keys))
                    {
                        if (OneIteration(r, mark, key, m[key], true) == Flow.Break)
                        {
                            break;
                        }
                    }
                    return Flow.Normal;
                case Dictionary<string, string> ms:
                    if (ms.Count == 0)
                    {
                        break;
                    }
                    foreach (var key in SortedKeys(ms.Keys))
                    {
                        if (OneIteration(r, mark, key, ms[key], false) == Flow.Break)
                        {
                            break;
                        }
                    }
                    return Flow.Normal;
                case GoKeyedMap km:
                    if (km.Entries.Count == 0)
                    {
                        break;
                    }
                    foreach (var entry in km.Entries)
                    {
                        if (OneIteration(r, mark, entry.Key, entry.Value, false) == Flow.Break)
                        {
                            break;
                        }
                    }
                    return Flow.Normal;
                case NoValue:
                    break;
                default:
                    throw Errorf("range can't iterate over " + Sprintv(val));
            }
            return r.ElseList != null ? Walk(dot, dotIface, r.ElseList) : Flow.Normal;
        }
        finally
        {
            _vars.RemoveRange(outerMark, _vars.Count - outerMark);
        }
    }

    internal static string[] SortedKeys(IEnumerable<string> keys)
    {
        var sorted = keys.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }

    private Flow OneIteration(BranchNode r, int mark, object index, object? elem, bool elemIface)
    {
        if (r.Pipe.Decl.Count > 0)
        {
            _vars[^1] = _vars[^1] with { Value = elem, Iface = elemIface };
        }
        if (r.Pipe.Decl.Count > 1)
        {
            _vars[^2] = _vars[^2] with { Value = index, Iface = false };
        }
        try
        {
            var flow = Walk(elem, elemIface, r.List);
            return flow == Flow.Break ? Flow.Break : Flow.Normal;
        }
        finally
        {
            _vars.RemoveRange(mark, _vars.Count - mark);
        }
    }

    private void WalkTemplate(object? dot, bool dotIface, TemplateNode t)
    {
        _node = t;
        var tmpl = _set.Lookup(t.Name);
        if (tmpl == null)
        {
            throw Errorf("template " + GoQuote.Quote(t.Name) + " not defined");
        }
        if (_depth == _set.Options.MaxTemplateDepth)
        {
            throw Errorf("exceeded maximum template depth (" + _depth.ToString(CultureInfo.InvariantCulture) + ")");
        }
        var newDot = EvalPipeline(dot, dotIface, t.Pipe);
        var state = new Executor(_set, tmpl, _out, _budget, _depth + 1);
        state._vars.Add(new Variable("$", newDot, false));
        _budget.Nest(() => state.Walk(newDot, false, tmpl.Root!));
    }

    private object? EvalPipeline(object? dot, bool dotIface, PipeNode? pipe)
    {
        if (pipe == null)
        {
            return NoValue.Instance;
        }
        _node = pipe;
        var value = MissingVal;
        foreach (var cmd in pipe.Cmds)
        {
            value = EvalCommand(dot, dotIface, cmd, value);
            // A nil interface{} becomes the invalid value between stages, as in Go ("lovely!").
            value ??= NoValue.Instance;
        }
        foreach (var v in pipe.Decl)
        {
            if (pipe.IsAssign)
            {
                SetVar(v.Ident[0], value);
            }
            else
            {
                _vars.Add(new Variable(v.Ident[0], value, false));
            }
        }
        return value;
    }

    private void SetVar(string name, object? value)
    {
        for (var i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Name == name)
            {
                _vars[i] = new Variable(name, value, false);
                return;
            }
        }
        throw Errorf("undefined variable: " + name);
    }

    private Variable VarValue(string name)
    {
        for (var i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Name == name)
            {
                return _vars[i];
            }
        }
        throw Errorf("undefined variable: " + name);
    }

    private void NotAFunction(List<Node>? args, object? final)
    {
        if ((args != null && args.Count > 1) || final != MissingVal)
        {
            throw Errorf("can't give argument to non-function " + args![0]);
        }
    }

    private object? EvalCommand(object? dot, bool dotIface, CommandNode cmd, object? final)
    {
        var firstWord = cmd.Args[0];
        switch (firstWord)
        {
            case FieldNode f:
                return EvalFieldNode(dot, dotIface, f, cmd.Args, final);
            case ChainNode c:
                return EvalChainNode(dot, dotIface, c, cmd.Args, final);
            case IdentifierNode id:
                return EvalFunction(dot, dotIface, id, cmd, cmd.Args, final);
            case PipeNode p:
                NotAFunction(cmd.Args, final);
                return EvalPipeline(dot, dotIface, p);
            case VariableNode v:
                return EvalVariableNode(dot, dotIface, v, cmd.Args, final);
        }
        _node = firstWord;
        NotAFunction(cmd.Args, final);
        return firstWord switch
        {
            BoolNode b => b.Value,
            DotNode => dot,
            NilNode => throw Errorf("nil is not a command"),
            NumberNode n => IdealConstant(n),
            StringNode s => s.Text,
            _ => throw Errorf("can't evaluate command " + GoQuote.Quote(firstWord.ToString())),
        };
    }

    private object? IdealConstant(NumberNode constant)
    {
        _node = constant;
        var text = constant.Text;
        var isHexInt = text.Length > 2 && text[0] == '0' && (text[1] is 'x' or 'X') && text.AsSpan().IndexOfAny("pP") < 0;
        var isRuneInt = text.Length > 0 && text[0] == '\'';
        if (constant.IsFloat && !isHexInt && !isRuneInt && text.AsSpan().IndexOfAny(".eEpP") >= 0)
        {
            return constant.Float64;
        }
        if (constant.IsInt)
        {
            return constant.Int64;
        }
        if (constant.IsUint)
        {
            throw Errorf(text + " overflows int");
        }
        return NoValue.Instance;
    }

    private void PrintValue(Node n, object? v)
    {
        _node = n;
        if (v is NoValue)
        {
            Write("<no value>");
            return;
        }
        if (v is string s)
        {
            Write(s);
            return;
        }
        if (v is TemplateFunction)
        {
            throw Errorf("can't print " + n + " of type func");
        }
        var sb = new StringBuilder();
        GoPrinter.AppendValue(sb, v);
        Write(sb.ToString());
    }

    internal static string Sprintv(object? v)
    {
        var sb = new StringBuilder();
        GoPrinter.AppendValue(sb, v is NoValue ? null : v);
        return sb.ToString();
    }
}
