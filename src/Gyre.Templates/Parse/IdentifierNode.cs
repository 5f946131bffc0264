using System.Text;

namespace Gyre.Templates.Parse;

internal sealed class IdentifierNode(int pos, Tree tree, string name) : Node(pos, tree)
{
    public string Name { get; } = name;

    public override void WriteTo(StringBuilder sb)
    {
        sb.Append(Name);
    }
}
