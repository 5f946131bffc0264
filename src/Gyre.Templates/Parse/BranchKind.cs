namespace Gyre.Templates.Parse;

/// <summary>The three branch actions.</summary>
internal enum BranchKind
{
    If,
    Range,
    With,
}
