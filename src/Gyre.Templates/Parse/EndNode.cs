using System.Text;

namespace Gyre.Templates.Parse;

internal sealed class EndNode(int pos, Tree tree) : Node(pos, tree)
{


    public override void WriteTo(StringBuilder sb)
    {
        sb.Append("{{end}}");
    }
}
