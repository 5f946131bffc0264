namespace Gyre.Templates.Functions;

/// <summary>What a function call can see of the running execution: the template set and the shared budget.</summary>
public sealed class FunctionContext
{
    internal FunctionContext(TemplateSet set, Execution.ExecutionBudget budget)
    {
        Set = set;
        Budget = budget;
    }

    /// <summary>The template set being executed (Helm's include/tpl execute named templates of it).</summary>
    public TemplateSet Set { get; }

    internal Execution.ExecutionBudget Budget { get; }

    /// <summary>Executes a named template of <paramref name="set"/> nested in this execution (sharing depth and output bounds).</summary>
    public string ExecuteNested(TemplateSet set, string name, object? data)
    {
        ArgumentNullException.ThrowIfNull(set);
        return set.ExecuteWithBudget(name, data, Budget);
    }
}
