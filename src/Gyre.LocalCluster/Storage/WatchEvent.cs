namespace Gyre.LocalCluster.Storage;

/// <summary>A change as watchers see it: ADDED, MODIFIED or DELETED with the object after (or at) the change.</summary>
internal sealed record WatchEvent(string Type, StoredObject Object)
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";
}
