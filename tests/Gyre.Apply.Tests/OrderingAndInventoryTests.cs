using Gyre.Apply.Inventory;
using Gyre.Apply.Ordering;
using Gyre.Manifests;

namespace Gyre.Apply.Tests;

public sealed class OrderingAndInventoryTests
{
    private static KubeObject Obj(string apiVersion, string kind, string name, string? ns = null)
    {
        var obj = KubeObject.Parse($"apiVersion: {apiVersion}\nkind: {kind}\nmetadata: {{name: {name}}}\n");
        obj.Namespace = ns;
        return obj;
    }

    [Fact]
    public void Objects_sort_in_flux_apply_order()
    {
        var sorted = ApplyOrder.Sort(
        [
            Obj("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", "hook"),
            Obj("apps/v1", "Deployment", "web", "apps"),
            Obj("example.io/v1", "Widget", "w", "apps"),
            Obj("v1", "Service", "web", "apps"),
            Obj("v1", "Namespace", "apps"),
            Obj("apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.example.io"),
            Obj("v1", "ConfigMap", "b", "apps"),
            Obj("v1", "ConfigMap", "a", "apps"),
        ]);
        Assert.Equal(
            ["CustomResourceDefinition/widgets.example.io", "Namespace/apps", "ConfigMap/apps/a", "ConfigMap/apps/b", "Service/apps/web", "Deployment/apps/web", "Widget/apps/w", "ValidatingWebhookConfiguration/hook"],
            sorted.Select(o => o.Ref.ToString()));
    }

    [Fact]
    public void Cluster_definitions_and_classes_get_their_own_stages()
    {
        var stages = ApplyStages.Split(
        [
            Obj("v1", "ConfigMap", "c", "apps"),
            Obj("storage.k8s.io/v1", "StorageClass", "fast"),
            Obj("rbac.authorization.k8s.io/v1", "ClusterRole", "reader"),
            Obj("v1", "Namespace", "apps"),
        ]);
        Assert.Equal([ApplyStage.ClusterDefinitions, ApplyStage.Classes, ApplyStage.Resources], stages.Select(s => s.Stage));
        Assert.Equal(["Namespace/apps", "ClusterRole/reader"], stages[0].Objects.Select(o => o.Ref.ToString()));
    }

    [Fact]
    public void The_removed_entries_are_what_left_the_source()
    {
        var before = ResourceInventory.From([Obj("v1", "ConfigMap", "a", "apps"), Obj("apps/v1", "Deployment", "web", "apps"), Obj("v1", "Namespace", "apps")]);
        var after = ResourceInventory.From([Obj("v1", "ConfigMap", "a", "apps"), Obj("v1", "Namespace", "apps")]);
        var removed = Assert.Single(before.Removed(after));
        Assert.Equal("apps_web_apps_Deployment", removed.Id);
        Assert.Equal("v1", removed.Version);
        Assert.Equal(new ObjectRef("apps", "Deployment", "apps", "web"), removed.Ref);
    }

    [Fact]
    public void Inventory_json_round_trips_in_fluxs_format()
    {
        var inventory = ResourceInventory.From([Obj("v1", "Namespace", "apps"), Obj("v1", "Service", "web", "apps")]);
        var json = inventory.ToJson();
        Assert.Equal("""{"entries":[{"id":"_apps__Namespace","v":"v1"},{"id":"apps_web__Service","v":"v1"}]}""", json.ToJsonString());
        Assert.Equal(inventory.Entries, ResourceInventory.Read(json).Entries);
    }
}
