using Gyre.Helm.Rendering;

namespace Gyre.Helm.Tests;

public sealed class UninstallOrderTests
{
    [Fact]
    public void Uninstall_order_deletes_services_before_workloads_and_namespaces_last_keeping_unknown_kinds_last_by_name()
    {
        string[] kinds = ["Namespace", "ConfigMap", "Widget", "Deployment", "ServiceAccount", "Service", "Ingress", "Alpha", "Job", "ClusterRole"];

        var sorted = UninstallOrder.Sort(kinds, k => k);

        Assert.Equal(["Ingress", "Service", "Job", "Deployment", "ClusterRole", "ConfigMap", "ServiceAccount", "Namespace", "Alpha", "Widget"], sorted);
    }

    [Fact]
    public void Uninstall_order_is_stable_for_objects_of_the_same_kind()
    {
        (string Kind, string Name)[] objects = [("ConfigMap", "b"), ("Service", "x"), ("ConfigMap", "a"), ("Service", "w")];

        var sorted = UninstallOrder.Sort(objects, o => o.Kind);

        Assert.Equal(["x", "w", "b", "a"], sorted.Select(o => o.Name));
    }
}
