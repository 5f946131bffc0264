using System.Text.Json.Nodes;
using Gyre.Api.Meta;

namespace Gyre.Api.Helm;

/// <summary>spec.install.crds / spec.upgrade.crds: what happens to the chart's crds/ directory.</summary>
public static class CrdsPolicy
{
    public const string Skip = "Skip";
    public const string Create = "Create";
    public const string CreateReplace = "CreateReplace";

    internal static string Read(SpecReader reader, JsonObject json, string path, string fallback, bool skipCrds)
    {
        var value = SpecReader.String(json["crds"]) ?? (skipCrds ? Skip : fallback);
        return value is Skip or Create or CreateReplace ? value : throw new ApiException(reader.Where, path, $"'{value}' is not Skip, Create or CreateReplace");
    }
}
