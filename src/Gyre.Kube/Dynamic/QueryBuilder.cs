using System.Text;

namespace Gyre.Kube.Dynamic;

/// <summary>Builds a URL query string, skipping unset values.</summary>
internal sealed class QueryBuilder
{
    private readonly StringBuilder _builder = new();

    public void Add(string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        _builder.Append(_builder.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }

    public override string ToString() => _builder.ToString();
}
