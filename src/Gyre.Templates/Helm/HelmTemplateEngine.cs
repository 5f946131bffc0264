using System.Text.RegularExpressions;
using Gyre.Templates.Formatting;
using Gyre.Templates.Functions;
using Gyre.Templates.Sprig;

namespace Gyre.Templates.Helm;

/// <summary>
/// Helm's template engine setup around a <see cref="TemplateSet"/> (helm pkg/engine, Helm 3): Sprig minus env/expandenv
/// plus Helm's functions, missingkey=zero (error when strict), Helm's parse order, include/tpl bound to the set,
/// "&lt;no value&gt;" removal and Helm's error cleanup.
/// </summary>
public sealed partial class HelmTemplateEngine
{
    private const string RootName = "gotpl";
    private const int IncludeDepthLimit = 1000;
    private const string ErrStart = "HELM_ERR_START";
    private const string ErrEnd = "HELM_ERR_END";

    private readonly TemplateOptions _options;
    private readonly bool _keepNoValue;

    /// <summary>Creates an engine; <paramref name="options"/> should already carry missingkey=zero (or error when strict).</summary>
    public HelmTemplateEngine(TemplateOptions options, bool strict, bool keepNoValue)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        Strict = strict;
        _keepNoValue = keepNoValue;
    }

    /// <summary>What <c>lookup</c> returns (apiVersion, kind, namespace, name); null keeps Helm's template-mode empty map.</summary>
    public Func<string, string, string, string, Dictionary<string, object?>>? Lookup { get; init; }

    /// <summary>Whether missing keys fail (helm lint --strict).</summary>
    public bool Strict { get; }

    [GeneratedRegex("HELM_ERR_START((?s).*)HELM_ERR_END", RegexOptions.CultureInvariant)]
    private static partial Regex ErrMarked();

    /// <summary>The function map Helm gives templates, with include/tpl bound to <paramref name="set"/> later.</summary>
    public Dictionary<string, TemplateFunction> Functions()
    {
        var f = SprigFunctions.Create(_options);
        f.Remove("env");
        f.Remove("expandenv");
        HelmFunctions.Register(f);
        if (Lookup is { } lookup)
        {
            f["lookup"] = TemplateFunction.Of(a => lookup((string)a[0]!, (string)a[1]!, (string)a[2]!, (string)a[3]!), ArgType.String, ArgType.String, ArgType.String, ArgType.String);
        }
        f["include"] = new([ArgType.String, ArgType.Any], null, (_, _) => throw new TemplateFunctionException("include not bound"));
        f["tpl"] = new([ArgType.String, ArgType.Any], null, (_, _) => throw new TemplateFunctionException("tpl not bound"));
        return f;
    }

    /// <summary>Parses every template in Helm's order and executes <paramref name="entry"/>; returns output, error and Helm's cleaned error.</summary>
    public (string Output, string Error, string? HelmError) Render(IReadOnlyDictionary<string, string> templates, string entry, object? data)
    {
        ArgumentNullException.ThrowIfNull(templates);
        TemplateSet set;
        try
        {
            set = Parse(templates);
        }
        catch (TemplateException e)
        {
            return ("", e.Message, ParseErrorText(e.File ?? "", e.Message));
        }
        try
        {
            return (Execute(set, entry, data), "", null);
        }
        catch (TemplateException e)
        {
            return ("", e.Message, ExecErrorText(entry, e));
        }
    }

    /// <summary>Parses the templates of a chart (and its subcharts) into one set, in Helm's order.</summary>
    /// <exception cref="TemplateException">A template does not parse.</exception>
    public TemplateSet Parse(IReadOnlyDictionary<string, string> templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var set = new TemplateSet(RootName, Functions(), _options);
        Bind(set);
        foreach (var name in ParseOrder(templates.Keys))
        {
            set.Parse(name, templates[name]);
        }
        return set;
    }

    /// <summary>Renders one template of a parsed set, deleting "&lt;no value&gt;" as Helm does.</summary>
    /// <exception cref="TemplateException">Execution failed.</exception>
    public string Execute(TemplateSet set, string entry, object? data)
    {
        ArgumentNullException.ThrowIfNull(set);
        return StripNoValue(set.Execute(entry, data));
    }

    /// <summary>Helm's parse order: deeper paths first, then descending lexical order (a parent's define wins).</summary>
    public static IEnumerable<string> ParseOrder(IEnumerable<string> names) =>
        names.OrderByDescending(n => n.Count(c => c == '/')).ThenByDescending(n => n, StringComparer.Ordinal);

    /// <summary>Helm's toYaml (sigs.k8s.io/yaml, trailing newline trimmed); "" when the value cannot be marshalled.</summary>
    public static string ToYaml(object? value) => HelmToYaml.TryToYaml(value) ?? "";

    /// <summary>The error text Helm shows for a failure of <paramref name="entry"/> (parse or execution), cleaned as Helm does.</summary>
    public static string HelmErrorText(string entry, TemplateException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.IsParseError ? ParseErrorText(error.File ?? entry, error.Message) : ExecErrorText(entry, error);
    }

    private void Bind(TemplateSet set)
    {
        set.SetFunction("include", new([ArgType.String, ArgType.Any], null, (ctx, a) => Include(ctx, set, (string)a[0]!, a[1])));
        set.SetFunction("tpl", new([ArgType.String, ArgType.Any], null, (ctx, a) => Tpl(ctx, set, (string)a[0]!, a[1])));
    }

    private static string Include(FunctionContext ctx, TemplateSet set, string name, object? data)
    {
        var depth = ctx.Budget.IncludeDepth;
        depth.TryGetValue(name, out var n);
        if (n > IncludeDepthLimit)
        {
            throw new TemplateFunctionException("rendering template has a nested reference name: " + name + ": unable to execute template");
        }
        depth[name] = n + 1;
        string failure;
        try
        {
            return ctx.ExecuteNested(set, name, data);
        }
        catch (TemplateException e)
        {
            failure = e.Message;
        }
        finally
        {
            depth[name] = n;
        }
        throw new TemplateFunctionException(failure);
    }

    private string Tpl(FunctionContext ctx, TemplateSet set, string text, object? data)
    {
        var clone = set.Clone(_options with { MissingKey = Strict ? MissingKeyAction.Error : MissingKeyAction.Zero });
        Bind(clone);
        string failure;
        try
        {
            clone.Parse(RootName, text);
            return StripNoValue(ctx.ExecuteNested(clone, RootName, data));
        }
        catch (TemplateException e)
        {
            failure = e.IsParseError
                ? "cannot parse template " + GoQuote.Quote(text) + ": " + e.Message
                : "error during tpl function execution for " + GoQuote.Quote(text) + ": " + e.Message;
        }
        throw new TemplateFunctionException(failure);
    }

    private string StripNoValue(string s) => _keepNoValue ? s : s.Replace("<no value>", "", StringComparison.Ordinal);

    private static string ParseErrorText(string name, string message)
    {
        var parts = message.Split(": ");
        return parts.Length == 1 ? "parse error in (" + name + "): " + message : "parse error at (" + parts[1] + "): " + parts[^1];
    }

    private static string ExecErrorText(string name, TemplateException e)
    {
        if (e.IsParseError || e.TemplateName == null)
        {
            return e.Message;
        }
        var parts = e.Message.Split(": ", 3);
        if (parts.Length != 3)
        {
            return "execution error in (" + name + "): " + e.Message;
        }
        var m = ErrMarked().Match(parts[2]);
        return m.Success ? "execution error at (" + parts[1] + "): " + m.Groups[1].Value : e.Message;
    }

    internal static string Mark(string message) => ErrStart + message + ErrEnd;
}
