using Gyre.Templates.Execution;
using Gyre.Templates.Functions;

namespace Gyre.Templates.Sprig;

/// <summary>Sprig's certificate struct: PEM-encoded Cert and Key, reached in templates as .Cert and .Key.</summary>
internal sealed class SprigCertificate(string cert, string key) : IGoValue
{
    public string Cert { get; } = cert;

    public string Key { get; } = key;

    public string GoType => "sprig.certificate";

    public GoKind Kind => GoKind.Struct;

    // fmt's %v of a struct: its fields in braces, separated by a space.
    public string Format() => "{" + Cert + " " + Key + "}";

    public TemplateFunction? Method(string name) => name switch
    {
        "Cert" => TemplateFunction.Of(_ => Cert),
        "Key" => TemplateFunction.Of(_ => Key),
        _ => null,
    };
}
