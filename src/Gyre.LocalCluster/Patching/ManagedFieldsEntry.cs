namespace Gyre.LocalCluster.Patching;

/// <summary>One metadata.managedFields entry: who (manager), how (Apply or Update), at which version and subresource, and which fields.</summary>
internal sealed record ManagedFieldsEntry(string Manager, string Operation, string ApiVersion, string Time, string? Subresource, FieldSet Fields);
