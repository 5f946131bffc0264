using Gyre.Sops.Tree;

namespace Gyre.Sops.Stores;

/// <summary>One file format: how a document is split into tree branches and the `sops` block, and how both are printed.</summary>
internal interface ISopsStore
{
    /// <summary>Parses an encrypted file: its documents (without metadata) and the `sops` block as a tree, null when absent.</summary>
    (List<SopsBranch> Documents, SopsBranch? Metadata) LoadEncrypted(byte[] data);

    /// <summary>Parses a plaintext file into documents.</summary>
    List<SopsBranch> LoadPlain(byte[] data);

    /// <summary>Prints an encrypted file: the documents with the `sops` block appended.</summary>
    byte[] EmitEncrypted(List<SopsBranch> documents, SopsBranch metadata);

    /// <summary>Prints plaintext exactly as sops decrypt does.</summary>
    byte[] EmitPlain(List<SopsBranch> documents);
}
