using System.Text;
using Gyre.Templates.Execution;
using Gyre.Templates.Formatting;
using Gyre.Templates.Functions;
using Gyre.Templates.Parse;

namespace Gyre.Templates;

/// <summary>
/// A set of associated templates, like a Go <c>*template.Template</c> with its namespace: files are parsed into it
/// (defines included) and any named template is executed against data.
/// </summary>
/// <remarks>
/// Data uses Go's JSON-ish model: <see cref="Dictionary{TKey,TValue}"/> of string to object (map[string]interface{}),
/// <see cref="List{T}"/> of object (a []interface{}), string, <see cref="double"/> (float64), <see cref="long"/> (int),
/// <see cref="GoInt64"/> (int64), bool and null.
/// </remarks>
public sealed class TemplateSet
{
    private readonly Dictionary<string, Tree> _templates;
    private readonly Dictionary<string, TemplateFunction> _functions;

    /// <summary>Creates an empty set whose root template is named <paramref name="rootName"/>.</summary>
    public TemplateSet(string rootName, IReadOnlyDictionary<string, TemplateFunction>? functions = null, TemplateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rootName);
        Name = rootName;
        Options = options ?? new TemplateOptions();
        _templates = new Dictionary<string, Tree>(StringComparer.Ordinal);
        _functions = functions == null
            ? new Dictionary<string, TemplateFunction>(StringComparer.Ordinal)
            : new Dictionary<string, TemplateFunction>(functions, StringComparer.Ordinal);
    }

    private TemplateSet(TemplateSet other, TemplateOptions options)
    {
        Name = other.Name;
        Options = options;
        _templates = new Dictionary<string, Tree>(other._templates, StringComparer.Ordinal);
        _functions = new Dictionary<string, TemplateFunction>(other._functions, StringComparer.Ordinal);
    }

    /// <summary>The root template's name (Go's t.Name(); appears in "no template ... associated with" errors).</summary>
    public string Name { get; }

    /// <summary>The options this set executes with.</summary>
    public TemplateOptions Options { get; }

    /// <summary>The names of every template defined so far.</summary>
    public IEnumerable<string> TemplateNames => _templates.Keys;

    /// <summary>A copy sharing the parsed trees (Go's Clone), optionally with other options.</summary>
    public TemplateSet Clone(TemplateOptions? options = null) => new(this, options ?? Options);

    /// <summary>Adds or replaces a function (Helm rebinds include/tpl to a clone this way).</summary>
    public void SetFunction(string name, TemplateFunction function) => _functions[name] = function;

    /// <summary>Whether a template of that name exists.</summary>
    public bool Contains(string name) => _templates.ContainsKey(name);

    /// <summary>
    /// Parses <paramref name="text"/> as the template <paramref name="name"/> (Go's <c>root.New(name).Parse(text)</c>):
    /// its defines join the set, replacing earlier ones, except that an empty body never replaces a non-empty one.
    /// </summary>
    /// <exception cref="TemplateException">The text does not parse; Message is Go's error text.</exception>
    public void Parse(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(text);
        var trees = Parser.Parse(name, text, Options.LeftDelim, Options.RightDelim, HasFunction);
        foreach (var (treeName, tree) in trees)
        {
            if (_templates.TryGetValue(treeName, out var old) && Parser.IsEmptyTree(tree.Root) && old.Root != null)
            {
                continue;
            }
            _templates[treeName] = tree;
        }
    }

    /// <summary>Executes the named template with <paramref name="data"/> as dot and returns the output.</summary>
    /// <exception cref="TemplateException">Execution failed; Message is Go's error text.</exception>
    public string Execute(string name, object? data)
    {
        var budget = new ExecutionBudget(Options.MaxOutputChars);
        return ExecuteWithBudget(name, data, budget);
    }

    internal string ExecuteWithBudget(string name, object? data, ExecutionBudget budget)
    {
        ArgumentNullException.ThrowIfNull(name);
        var tree = Lookup(name) ?? throw TemplateException.Plain(
            "template: no template " + GoQuote.Quote(name) + " associated with template " + GoQuote.Quote(Name));
        var output = new StringBuilder();
        string failure;
        try
        {
            budget.Nest(() =>
            {
                Executor.Execute(this, tree, data, output, budget);
                return 0;
            });
            return output.ToString();
        }
        catch (OutputLimitException e)
        {
            failure = e.Message;
        }
        throw TemplateException.Plain("template: " + name + ": " + failure);
    }

    internal Tree? Lookup(string name) => _templates.TryGetValue(name, out var t) ? t : null;

    internal bool HasFunction(string name) => _functions.ContainsKey(name) || Builtins.Functions.ContainsKey(name);

    internal TemplateFunction? FindFunction(string name, out bool isBuiltin)
    {
        if (_functions.TryGetValue(name, out var f))
        {
            isBuiltin = false;
            return f;
        }
        isBuiltin = Builtins.Functions.TryGetValue(name, out f);
        return f;
    }
}
