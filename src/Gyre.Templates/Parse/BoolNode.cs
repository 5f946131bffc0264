using System.Text;

namespace Gyre.Templates.Parse;

internal sealed class BoolNode(int pos, Tree tree, bool value) : Node(pos, tree)
{
    public bool Value { get; } = value;

    public override void WriteTo(StringBuilder sb)
    {
        sb.Append(Value ? "true" : "false");
    }
}
