using Gyre.Kustomize.Build;
using Gyre.Kustomize.Config;
using Gyre.Kustomize.Resources;

namespace Gyre.Kustomize.Transformers;

/// <summary>Legacy `vars:`. Not implemented yet: a kustomization using vars fails clearly instead of building wrong output.</summary>
internal static class VarSubstitution
{
    public static void Apply(ResourceList resources, Kustomization kustomization, TransformerConfig config)
    {
        _ = resources;
        _ = config;
        if (kustomization.Get("vars") is { IsSequence: true } vars && vars.Content.Count > 0)
        {
            throw new KustomizeException(kustomization.File, null, "vars", "vars are not supported by Gyre's kustomize engine yet; use replacements");
        }
    }
}
