using Gyre.Templates.Functions;

namespace Gyre.Templates.Sprig;

/// <summary>sprig.TxtFuncMap() of Sprig 3.2.3, function by function.</summary>
public static class SprigFunctions
{
    /// <summary>The full Sprig map (including env/expandenv, which read nothing here: Gyre engines see no environment).</summary>
    public static Dictionary<string, TemplateFunction> Create(TemplateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var m = new Dictionary<string, TemplateFunction>(StringComparer.Ordinal);
        StringFunctions.Register(m);
        ConversionFunctions.Register(m);
        MathFunctions.Register(m);
        ListFunctions.Register(m);
        DictFunctions.Register(m);
        DefaultFunctions.Register(m);
        EncodingFunctions.Register(m);
        RegexFunctions.Register(m);
        SemverFunctions.Register(m);
        DateFunctions.Register(m, options);
        PathFunctions.Register(m);
        UrlFunctions.Register(m);
        CryptoFunctions.Register(m, options);
        return m;
    }

    internal static TemplateFunction F(Func<object?[], object?> f, params ArgType[] p) => TemplateFunction.Of(f, p);

    internal static TemplateFunction V(Func<object?[], object?> f, ArgType tail, params ArgType[] p) => TemplateFunction.OfVariadic(f, tail, p);

    internal static string S(object? v) => (string)v!;

    internal static int I(object? v) => (int)Math.Clamp((long)v!, int.MinValue, int.MaxValue);
}
