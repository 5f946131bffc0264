using System.Collections.Immutable;

namespace Gyre.Notifications.Pipeline;

/// <summary>
/// The routes the pipeline reads, kept by the Alert and Provider reconcilers: publishing reads an immutable snapshot,
/// so events never wait on a reconcile.
/// </summary>
public sealed class AlertRouteTable
{
    private ImmutableDictionary<string, AlertRoute> _routes = ImmutableDictionary.Create<string, AlertRoute>(StringComparer.Ordinal);

    public IEnumerable<AlertRoute> Routes => _routes.Values;

    public int Count => _routes.Count;

    /// <summary>Adds or replaces the route of an Alert.</summary>
    public void Set(AlertRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        ImmutableInterlocked.Update(ref _routes, r => r.SetItem(Key(route.Alert.Namespace, route.Alert.Name), route));
    }

    public void Remove(string alertNamespace, string alertName) =>
        ImmutableInterlocked.Update(ref _routes, r => r.Remove(Key(alertNamespace, alertName)));

    private static string Key(string ns, string name) => ns + "/" + name;
}
