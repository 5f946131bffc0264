using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Gyre.LocalCluster.Objects;
using Gyre.LocalCluster.Storage;

namespace Gyre.LocalCluster.Simulator;

/// <summary>
/// Stands in for kubelets and workload controllers: after <see cref="LocalClusterOptions.SimulatorDelay"/> a changed
/// Deployment, ReplicaSet, StatefulSet, DaemonSet or Job gets the status a healthy cluster reports; LoadBalancer
/// Services get an ingress IP; PersistentVolumeClaims become Bound. The annotation
/// <c>gyre.io/simulate: fail</c> makes a workload fail (Progressing=False ProgressDeadlineExceeded, Job Failed) and
/// <c>gyre.io/simulate: never-ready</c> keeps it observed but never ready.
/// </summary>
internal sealed class WorkloadSimulator
{
    /// <summary>The annotation that changes what the simulator reports: "fail" or "never-ready".</summary>
    public const string Annotation = "gyre.io/simulate";

    private static readonly string[] Keys = ["deployments.apps", "replicasets.apps", "statefulsets.apps", "daemonsets.apps", "jobs.batch", "services", "persistentvolumeclaims"];
    private readonly ClusterState _state;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _firstSeen = new(StringComparer.Ordinal);

    public WorkloadSimulator(ClusterState state)
    {
        _state = state;
    }

    /// <summary>How long until the next pending object is due, or null when nothing waits.</summary>
    public TimeSpan? NextDue()
    {
        if (!_state.Options.EnableWorkloadSimulator || _firstSeen.IsEmpty)
        {
            return null;
        }

        var now = _state.Time.GetUtcNow();
        var next = _firstSeen.Values.Min() + _state.Options.SimulatorDelay - now;
        return next < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : next;
    }

    public bool Reconcile()
    {
        if (!_state.Options.EnableWorkloadSimulator)
        {
            return false;
        }

        var now = _state.Time.GetUtcNow();
        var pending = new List<StoredObject>();
        var live = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in Keys)
        {
            foreach (var obj in _state.Store.List(key, null).Items)
            {
                if (new ObjectMeta(obj.Object).IsDeleting || WorkloadStatus.Desired(obj.Key, obj.Object, now) is not { } desired || JsonNode.DeepEquals(desired, obj.Object["status"]))
                {
                    continue;
                }

                var id = $"{obj.Key}/{obj.Namespace}/{obj.Name}/{obj.ResourceVersion}";
                live.Add(id);
                var seen = _firstSeen.GetOrAdd(id, now);
                if (now - seen >= _state.Options.SimulatorDelay)
                {
                    pending.Add(obj);
                }
            }
        }

        foreach (var stale in _firstSeen.Keys.Where(k => !live.Contains(k)))
        {
            _firstSeen.TryRemove(stale, out _);
        }

        if (pending.Count == 0)
        {
            return false;
        }

        _state.Store.Write(tx =>
        {
            foreach (var obj in pending)
            {
                var current = tx.Get(obj.Key, obj.Namespace, obj.Name);
                if (current is null || current.ResourceVersion != obj.ResourceVersion)
                {
                    continue;
                }

                var updated = current.Object.DeepClone().AsObject();
                updated["status"] = WorkloadStatus.Desired(obj.Key, current.Object, now);
                tx.Put(obj.Key, obj.Namespace, obj.Name, updated, created: false);
            }

            return 0;
        });
        _state.NotifyChanged();
        return true;
    }
}
