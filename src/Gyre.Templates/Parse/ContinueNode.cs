using System.Text;

namespace Gyre.Templates.Parse;

internal sealed class ContinueNode(int pos, Tree tree, int line) : Node(pos, tree)
{
    public int Line { get; } = line;

    public override void WriteTo(StringBuilder sb)
    {
        sb.Append("{{continue}}");
    }
}
