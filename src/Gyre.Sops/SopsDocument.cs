using Gyre.Sops.Metadata;
using Gyre.Sops.Tree;

namespace Gyre.Sops;

/// <summary>A decrypted file: its plaintext documents, its metadata and the data key (kept only in memory).</summary>
internal sealed record SopsDocument(List<SopsBranch> Documents, SopsMetadata Metadata, byte[] DataKey);
