using System.Text;

namespace Gyre.Templates.Parse;

internal sealed class NilNode(int pos, Tree tree) : Node(pos, tree)
{


    public override void WriteTo(StringBuilder sb)
    {
        sb.Append("nil");
    }
}
