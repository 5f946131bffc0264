using System.Text;
using Gyre.Sops.Tree;
using Gyre.Sops.Yaml;

namespace Gyre.Sops.Stores;

/// <summary>sops's YAML store: multi-document, comments kept, printed by a go-yaml v3 compatible emitter.</summary>
internal sealed class YamlStore(int indent) : ISopsStore
{
    public (List<SopsBranch> Documents, SopsBranch? Metadata) LoadEncrypted(byte[] data)
    {
        var documents = LoadPlain(data);
        SopsBranch? metadata = null;
        foreach (var document in documents)
        {
            var item = document.Find("sops");
            if (item is not null)
            {
                metadata ??= item.Value as SopsBranch;
                document.Remove(item);
            }
        }

        return (documents, metadata);
    }

    public List<SopsBranch> LoadPlain(byte[] data) => YamlTreeReader.Read(Encoding.UTF8.GetString(data));

    public byte[] EmitEncrypted(List<SopsBranch> documents, SopsBranch metadata)
    {
        var withMetadata = documents.Select(d => new SopsBranch(d) { new SopsItem("sops", metadata) }).ToList();
        return Encoding.UTF8.GetBytes(YamlTreeWriter.Write(withMetadata, indent));
    }

    public byte[] EmitPlain(List<SopsBranch> documents) => Encoding.UTF8.GetBytes(YamlTreeWriter.Write(documents, indent));
}
