using System.Text.Json.Nodes;
using Gyre.Cel.Ast;
using Gyre.Cel.Parsing;
using Gyre.Cel.Runtime;
using Gyre.Cel.Values;

namespace Gyre.Cel;

/// <summary>
/// A compiled CEL expression (cel-spec langdef.md): parse and check once with <see cref="Compile"/>, evaluate many
/// times against JSON data. Thread-safe; every evaluation is bounded by <see cref="StepBudget"/>.
/// </summary>
public sealed class CelExpression
{
    /// <summary>Default cost budget: nodes evaluated plus comprehension iterations plus size-proportional work.</summary>
    public const long DefaultStepBudget = 1_000_000;

    /// <summary>Longest accepted source, in characters (cel-go's default limit is 100,000 code points).</summary>
    public const int MaxLength = 100_000;

    private readonly Expr _root;
    private readonly RegexCache _regexes = new();

    private CelExpression(string text, Expr root, IReadOnlySet<string> variables, long stepBudget)
    {
        Text = text;
        _root = root;
        Variables = variables;
        StepBudget = stepBudget;
    }

    /// <summary>The source text.</summary>
    public string Text { get; }

    /// <summary>The variable names the expression may reference.</summary>
    public IReadOnlySet<string> Variables { get; }

    /// <summary>The cost budget of one evaluation.</summary>
    public long StepBudget { get; }

    /// <summary>
    /// Parses <paramref name="expression"/> and checks that it references only <paramref name="variables"/>.
    /// Throws <see cref="CelException"/> naming the column on a syntax error or an undeclared reference.
    /// </summary>
    public static CelExpression Compile(string expression, IEnumerable<string> variables, long stepBudget = DefaultStepBudget)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(variables);
        if (expression.Length > MaxLength)
        {
            throw new CelException(expression[..80] + "...", 0, $"expression is longer than {MaxLength} characters");
        }

        if (string.IsNullOrWhiteSpace(expression))
        {
            throw new CelException(expression, 0, "expression is empty");
        }

        var root = Parser.Parse(expression);
        var declared = new HashSet<string>(variables, StringComparer.Ordinal);
        if (DeclarationCheck.FindUndeclared(root, declared) is { } undeclared)
        {
            throw new CelException(expression, undeclared.Position + 1, $"undeclared reference to '{undeclared.Name}'");
        }

        return new CelExpression(expression, root, declared, stepBudget);
    }

    /// <summary>
    /// Evaluates with the given variables and returns the result as plain .NET values (long, ulong, double, bool,
    /// string, byte[], null, List, Dictionary, DateTimeOffset, TimeSpan). Throws <see cref="CelException"/> when the
    /// result is an error (no such key, overflow, no matching overload...) or the budget is spent.
    /// </summary>
    public object? Evaluate(IReadOnlyDictionary<string, JsonNode?> variables) =>
        JsonValues.ToDotNet(EvaluateOrThrow(Convert(variables)));

    /// <summary>Evaluates an expression that must produce a bool (a condition, a filter, a health rule).</summary>
    public bool EvaluateBoolean(IReadOnlyDictionary<string, JsonNode?> variables) => Boolean(EvaluateOrThrow(Convert(variables)));

    internal bool EvaluateBoolean(IReadOnlyDictionary<string, object> values) => Boolean(EvaluateOrThrow(values));

    /// <summary>The raw CEL value or <see cref="CelError"/>; budget exhaustion still throws.</summary>
    internal object EvaluateValue(IReadOnlyDictionary<string, object> values) =>
        _root.Eval(new EvalContext(Text, values, StepBudget, _regexes));

    internal static IReadOnlyDictionary<string, object> Convert(IReadOnlyDictionary<string, JsonNode?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var values = new Dictionary<string, object>(variables.Count, StringComparer.Ordinal);
        foreach (var (name, node) in variables)
        {
            values[name] = JsonValues.FromJson(node);
        }

        return values;
    }

    private object EvaluateOrThrow(IReadOnlyDictionary<string, object> values) => EvaluateValue(values) switch
    {
        CelError error => throw new CelException(Text, error.Position + 1, error.Message),
        var value => value,
    };

    private bool Boolean(object value) => value is bool b
        ? b
        : throw new CelException(Text, 0, $"expression must evaluate to a bool, got {CelTypes.Of(value).Name}");
}
