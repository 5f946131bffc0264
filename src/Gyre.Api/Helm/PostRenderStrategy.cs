using System.Text.Json.Nodes;
using Gyre.Api.Meta;

namespace Gyre.Api.Helm;

/// <summary>
/// spec.postRenderStrategy (Flux 2.9, Helm 4.2's post-render strategies): combined (the default) sends the chart's
/// templates and hooks through the post-renderers as one stream; separate runs the post-renderers twice, once on the
/// templates and once on the hooks; nohooks post-renders the templates only and leaves hooks as the chart renders them
/// (Helm 3's behaviour).
/// </summary>
public static class PostRenderStrategy
{
    public const string NoHooks = "nohooks";
    public const string Combined = "combined";
    public const string Separate = "separate";

    internal static string Read(SpecReader reader, JsonObject spec)
    {
        var name = SpecReader.String(spec["postRenderStrategy"]) is { Length: > 0 } n ? n : Combined;
        return name is NoHooks or Combined or Separate
            ? name
            : throw new ApiException(reader.Where, "spec.postRenderStrategy", $"'{name}' is not nohooks, combined or separate");
    }
}
