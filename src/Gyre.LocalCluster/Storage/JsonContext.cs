using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gyre.LocalCluster.Storage;

/// <summary>The JSON settings of every response and stored object: compact, with HTML characters left alone as Go's encoder does for API objects.</summary>
internal static class JsonContext
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };
}
