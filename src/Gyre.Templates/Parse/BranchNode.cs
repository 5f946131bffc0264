using System.Text;

namespace Gyre.Templates.Parse;

internal sealed class BranchNode(int pos, Tree tree, int line, BranchKind kind, PipeNode pipe, ListNode list, ListNode? elseList) : Node(pos, tree)
{
    public int Line { get; } = line;

    public BranchKind Kind { get; } = kind;

    public PipeNode Pipe { get; } = pipe;

    public ListNode List { get; } = list;

    public ListNode? ElseList { get; } = elseList;

    public override void WriteTo(StringBuilder sb)
    {
        sb.Append("{{").Append(Kind switch { BranchKind.If => "if", BranchKind.Range => "range", _ => "with" }).Append(' ');
        Pipe.WriteTo(sb);
        sb.Append("}}");
        List.WriteTo(sb);
        if (ElseList != null)
        {
            sb.Append("{{else}}");
            ElseList.WriteTo(sb);
        }
        sb.Append("{{end}}");
    }
}
