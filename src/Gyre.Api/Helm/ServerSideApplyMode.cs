using System.Text.Json.Nodes;
using Gyre.Api.Meta;

namespace Gyre.Api.Helm;

/// <summary>
/// The serverSideApply knobs: spec.install.serverSideApply is a boolean (default true); spec.upgrade and
/// spec.rollback take enabled, disabled or auto (default: as the release's previous action did).
/// </summary>
public static class ServerSideApplyMode
{
    public const string Enabled = "enabled";
    public const string Disabled = "disabled";
    public const string Auto = "auto";

    internal static bool ReadInstall(SpecReader reader, JsonObject json)
    {
        return json["serverSideApply"] switch
        {
            null => true,
            JsonValue v when v.TryGetValue<bool>(out var b) => b,
            var other => throw new ApiException(reader.Where, "spec.install.serverSideApply", $"'{other.ToJsonString()}' is not a boolean"),
        };
    }

    internal static string Read(SpecReader reader, JsonObject json, string path)
    {
        var node = json["serverSideApply"];
        var value = node is null ? Auto : SpecReader.String(node) ?? node.ToJsonString();
        return value is Enabled or Disabled or Auto ? value : throw new ApiException(reader.Where, path, $"'{value}' is not enabled, disabled or auto");
    }
}
