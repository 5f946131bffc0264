namespace Gyre.Manifests;

/// <summary>metadata.ownerReferences[] entry.</summary>
public sealed record OwnerReference(string ApiVersion, string Kind, string Name, string Uid, bool? Controller = null, bool? BlockOwnerDeletion = null);
