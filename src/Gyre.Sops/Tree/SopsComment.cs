namespace Gyre.Sops.Tree;

/// <summary>A comment line kept in the tree (without its '#' or ';'), as sops keeps them so they can be encrypted.</summary>
public sealed record SopsComment(string Value);
