using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Storage;

/// <summary>
/// One stored object at one resourceVersion. <see cref="Object"/> is shared by readers and must never be mutated:
/// writers deep-clone it first.
/// </summary>
internal sealed record StoredObject(string Key, string Namespace, string Name, long ResourceVersion, JsonObject Object, byte[] Json);
