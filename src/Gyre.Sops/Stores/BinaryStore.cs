using Gyre.Sops.Tree;

namespace Gyre.Sops.Stores;

/// <summary>sops's binary store: the whole file is one value under `data`, kept in sops's JSON wrapper when encrypted.</summary>
internal sealed class BinaryStore : ISopsStore
{
    private readonly JsonStore _json = new();

    public (List<SopsBranch> Documents, SopsBranch? Metadata) LoadEncrypted(byte[] data) => _json.LoadEncrypted(data);

    public List<SopsBranch> LoadPlain(byte[] data)
    {
        var text = TryUtf8(data);
        return [[new SopsItem("data", text is null ? data : text)]];
    }

    public byte[] EmitEncrypted(List<SopsBranch> documents, SopsBranch metadata) => _json.EmitEncrypted(documents, metadata);

    public byte[] EmitPlain(List<SopsBranch> documents)
    {
        var value = documents.Count > 0 ? documents[0].Get("data") : null;
        return value switch
        {
            string s => System.Text.Encoding.UTF8.GetBytes(s),
            byte[] b => b,
            _ => throw new SopsException("no binary data found in tree: the file has no 'data' value"),
        };
    }

    private static string? TryUtf8(byte[] data)
    {
        try
        {
            return new System.Text.UTF8Encoding(false, true).GetString(data);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return null;
        }
    }
}
