using System.Text;

namespace Gyre.Templates.Parse;

internal sealed class ActionNode(int pos, Tree tree, int line, PipeNode pipe) : Node(pos, tree)
{
    public int Line { get; } = line;

    public PipeNode Pipe { get; } = pipe;

    public override void WriteTo(StringBuilder sb)
    {
        sb.Append("{{");
        Pipe.WriteTo(sb);
        sb.Append("}}");
    }
}
