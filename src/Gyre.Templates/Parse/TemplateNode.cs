using System.Text;

namespace Gyre.Templates.Parse;

internal sealed class TemplateNode(int pos, Tree tree, int line, string name, PipeNode? pipe) : Node(pos, tree)
{
    public int Line { get; } = line;

    public string Name { get; } = name;

    public PipeNode? Pipe { get; } = pipe;

    public override void WriteTo(StringBuilder sb)
    {
        sb.Append("{{template ").Append(Gyre.Templates.Formatting.GoQuote.Quote(Name));
        if (Pipe != null)
        {
            sb.Append(' ');
            Pipe.WriteTo(sb);
        }
        sb.Append("}}");
    }
}
