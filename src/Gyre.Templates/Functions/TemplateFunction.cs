namespace Gyre.Templates.Functions;

/// <summary>
/// A function callable from templates, described by its Go signature so that argument checks and conversions
/// (and their error messages) match text/template's.
/// </summary>
public sealed class TemplateFunction
{
    /// <summary>Creates a function with fixed parameters and an optional variadic tail.</summary>
    public TemplateFunction(IReadOnlyList<ArgType> parameters, ArgType? variadic, Func<FunctionContext, object?[], object?> invoke)
    {
        Parameters = parameters;
        Variadic = variadic;
        Invoke = invoke;
    }

    /// <summary>The fixed parameters.</summary>
    public IReadOnlyList<ArgType> Parameters { get; }

    /// <summary>The element type of the variadic tail, or null.</summary>
    public ArgType? Variadic { get; }

    /// <summary>The implementation; throws <see cref="TemplateFunctionException"/> to fail the call.</summary>
    public Func<FunctionContext, object?[], object?> Invoke { get; }

    /// <summary>Go's typ.NumIn(): fixed parameters plus one for a variadic tail.</summary>
    public int NumIn => Parameters.Count + (Variadic.HasValue ? 1 : 0);

    /// <summary>Shorthand for a function of fixed parameters.</summary>
    public static TemplateFunction Of(Func<object?[], object?> invoke, params ArgType[] parameters) =>
        new(parameters, null, (_, a) => invoke(a));

    /// <summary>Shorthand for a variadic function.</summary>
    public static TemplateFunction OfVariadic(Func<object?[], object?> invoke, ArgType tail, params ArgType[] parameters) =>
        new(parameters, tail, (_, a) => invoke(a));

    internal static string TypeName(ArgType t) => t switch
    {
        ArgType.Any => "interface {}",
        ArgType.Value => "reflect.Value",
        ArgType.String => "string",
        ArgType.Int => "int",
        ArgType.Int64 => "int64",
        ArgType.Float64 => "float64",
        ArgType.Bool => "bool",
        ArgType.Map => "map[string]interface {}",
        ArgType.List => "[]interface {}",
        ArgType.StringList => "[]string",
        ArgType.Time => "time.Time",
        ArgType.Uint32 => "uint32",
        ArgType.Certificate => "sprig.certificate",
        _ => "?",
    };
}
