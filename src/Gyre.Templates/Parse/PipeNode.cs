using System.Text;

namespace Gyre.Templates.Parse;

internal sealed class PipeNode(int pos, Tree tree, int line) : Node(pos, tree)
{
    public int Line { get; } = line;

    public bool IsAssign { get; set; }

    public List<VariableNode> Decl { get; } = [];

    public List<CommandNode> Cmds { get; } = [];

    public override void WriteTo(StringBuilder sb)
    {
        for (var i = 0; i < Decl.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }
            Decl[i].WriteTo(sb);
        }
        if (Decl.Count > 0)
        {
            sb.Append(" := ");
        }
        for (var i = 0; i < Cmds.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(" | ");
            }
            Cmds[i].WriteTo(sb);
        }
    }
}
