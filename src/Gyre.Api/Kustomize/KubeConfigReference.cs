namespace Gyre.Api.Kustomize;

/// <summary>spec.kubeConfig.secretRef: a Secret in the Kustomization's namespace holding a kubeconfig (key "value" or "value.yaml" unless named).</summary>
public sealed record KubeConfigReference(string SecretName, string? Key);
