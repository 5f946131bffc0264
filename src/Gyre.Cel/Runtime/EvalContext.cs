using Gyre.Cel.Values;

namespace Gyre.Cel.Runtime;

/// <summary>
/// State of one evaluation: the bound variables, the comprehension scopes, and the step budget that bounds the cost of
/// an expression (cel-go's cost limit, counted here as nodes evaluated plus comprehension iterations).
/// </summary>
internal sealed class EvalContext(string expression, IReadOnlyDictionary<string, object> variables, long stepBudget, RegexCache regexes)
{
    private readonly long _budget = stepBudget;
    private readonly List<(string Name, object Value)> _scopes = [];
    private long _remaining = stepBudget;

    public string Expression { get; } = expression;

    /// <summary>Compiled patterns of the expression, kept across evaluations.</summary>
    public RegexCache Regexes { get; } = regexes;

    /// <summary>Counts one step; throws when the budget is spent so a hostile expression cannot hang the caller.</summary>
    public void Step(int position, long cost = 1)
    {
        _remaining -= cost;
        if (_remaining < 0)
        {
            throw new CelException(Expression, position + 1, $"evaluation exceeded the cost budget of {_budget} steps");
        }
    }

    public void Push(string name, object value) => _scopes.Add((name, value));

    public void Pop() => _scopes.RemoveAt(_scopes.Count - 1);

    public bool TryResolve(string name, out object value)
    {
        for (var i = _scopes.Count - 1; i >= 0; i--)
        {
            if (_scopes[i].Name == name)
            {
                value = _scopes[i].Value;
                return true;
            }
        }

        if (variables.TryGetValue(name, out value!))
        {
            return true;
        }

        if (CelType.FromIdentifier(name) is { } type)
        {
            value = type;
            return true;
        }

        return false;
    }
}
