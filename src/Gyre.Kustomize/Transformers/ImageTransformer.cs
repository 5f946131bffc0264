using System.Text.RegularExpressions;
using Gyre.Kustomize.Config;
using Gyre.Kustomize.Resources;
using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Transformers;

/// <summary>One `images:` entry.</summary>
internal sealed record ImageSpec(string Name, string? NewName, string? NewTag, string? Digest);

/// <summary>
/// `images:`. As kustomize's imagetag filters: every containers/initContainers list at any depth, plus configured
/// field specs; an image matches when it is the name optionally followed by @sha256 and a tag.
/// </summary>
internal static class ImageTransformer
{
    private static readonly string[] ContainerFields = ["containers", "initContainers"];

    public static void Apply(ResourceList resources, ImageSpec image, List<FieldSpec> specs)
    {
        var pattern = new Regex("^" + image.Name + "(@sha256)?(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$", RegexOptions.CultureInvariant);
        foreach (var resource in resources.Items)
        {
            WalkContainers(resource.Node, node => Update(node, "image", pattern, image));
            var id = resource.CurrentId;
            foreach (var spec in specs.Where(s => s.Selects(id)))
            {
                FieldPath.Visit(resource.Node, spec.Path, create: false, (mapping, key) => Update(mapping, key, pattern, image));
            }
        }
    }

    private static void WalkContainers(YamlNode node, Action<YamlNode> visitContainer)
    {
        if (node.IsSequence)
        {
            foreach (var item in node.Content)
            {
                WalkContainers(item, visitContainer);
            }

            return;
        }

        if (!node.IsMapping)
        {
            return;
        }

        foreach (var (key, value) in node.Pairs())
        {
            if (ContainerFields.Contains(key) && value.IsSequence)
            {
                foreach (var container in value.Content.Where(c => c.IsMapping))
                {
                    visitContainer(container);
                }
            }

            WalkContainers(value, visitContainer);
        }
    }

    private static void Update(YamlNode mapping, string key, Regex pattern, ImageSpec image)
    {
        var value = mapping.Get(key);
        if (value is null || !value.IsScalar || !pattern.IsMatch(value.Value))
        {
            return;
        }

        mapping.Set(key, YamlNode.String(NewImage(value.Value, image)));
    }

    private static string NewImage(string current, ImageSpec image)
    {
        var (name, tag, digest) = Split(current);
        if (!string.IsNullOrEmpty(image.NewName))
        {
            name = image.NewName;
        }

        if (!string.IsNullOrEmpty(image.NewTag) && !string.IsNullOrEmpty(image.Digest))
        {
            (tag, digest) = (image.NewTag, image.Digest);
        }
        else if (!string.IsNullOrEmpty(image.NewTag))
        {
            (tag, digest) = (image.NewTag, string.Empty);
        }
        else if (!string.IsNullOrEmpty(image.Digest))
        {
            (tag, digest) = (string.Empty, image.Digest);
        }

        if (tag.Length > 0)
        {
            name += ":" + tag;
        }

        if (digest.Length > 0)
        {
            name += "@" + digest;
        }

        return name;
    }

    /// <summary>name[:tag][@digest], ignoring a registry port before the first slash (kustomize's image.Split).</summary>
    public static (string Name, string Tag, string Digest) Split(string image)
    {
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        var offset = slash > 0 ? slash : 0;
        var search = image[offset..];
        var at = search.IndexOf('@', StringComparison.Ordinal);
        var colon = search.IndexOf(':', StringComparison.Ordinal);
        if (at < 0 && colon < 0)
        {
            return (image, string.Empty, string.Empty);
        }

        if (at >= 0 && (at < colon || colon < 0))
        {
            return (image[..(at + offset)], string.Empty, image[(at + offset + 1)..]);
        }

        if (at >= 0)
        {
            return (image[..(colon + offset)], image[(colon + offset + 1)..(at + offset)], image[(at + offset + 1)..]);
        }

        return (image[..(colon + offset)], image[(colon + offset + 1)..], string.Empty);
    }
}
