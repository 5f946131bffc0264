using System.Text.Json.Nodes;

namespace Gyre.Manifests.Tests;

public sealed class KubeObjectTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: prod
          generation: 3
          labels: {app: web}
          annotations: {note: "yes"}
          finalizers: [a/b]
          ownerReferences:
          - {apiVersion: v1, kind: ConfigMap, name: owner, uid: u-1, controller: true}
        spec: {replicas: 2}
        """;

    [Fact]
    public void Typed_accessors_read_the_standard_fields()
    {
        var obj = KubeObject.Parse(Deployment);
        Assert.Equal(new GroupVersionKind("apps", "v1", "Deployment"), obj.GroupVersionKind);
        Assert.Equal("web", obj.Name);
        Assert.Equal("prod", obj.Namespace);
        Assert.Equal(3, obj.Generation);
        Assert.Equal("web", obj.GetLabel("app"));
        Assert.Equal("yes", obj.GetAnnotation("note"));
        Assert.Equal(["a/b"], obj.Finalizers);
        var owner = Assert.Single(obj.OwnerReferences);
        Assert.Equal(new OwnerReference("v1", "ConfigMap", "owner", "u-1", true), owner);
        Assert.Equal("Deployment/prod/web", obj.Ref.ToString());
        Assert.Equal("prod_web_apps_Deployment", obj.Ref.InventoryId);
    }

    [Fact]
    public void Setters_write_through_to_the_json()
    {
        var obj = new KubeObject(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap" });
        obj.Name = "cm";
        obj.Namespace = "default";
        obj.SetLabel("a", "1");
        obj.SetAnnotation("b", "2");
        obj.SetLabel("a", null);
        Assert.Equal("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"annotations":{"b":"2"},"labels":{},"name":"cm","namespace":"default"}}""", obj.ToJson());
    }

    [Fact]
    public void Inventory_ids_round_trip_and_reject_garbage()
    {
        var id = new ObjectRef("apps", "Deployment", "prod", "web").InventoryId;
        Assert.Equal(new ObjectRef("apps", "Deployment", "prod", "web"), ObjectRef.FromInventoryId(id));
        Assert.Equal(new ObjectRef(string.Empty, "Namespace", string.Empty, "prod"), ObjectRef.FromInventoryId("_prod__Namespace"));
        Assert.Throws<ManifestException>(() => ObjectRef.FromInventoryId("not-an-id"));
    }

    [Theory]
    [InlineData("v1", "", "v1")]
    [InlineData("apps/v1", "apps", "v1")]
    [InlineData("kustomize.toolkit.fluxcd.io/v1", "kustomize.toolkit.fluxcd.io", "v1")]
    public void ApiVersion_splits_into_group_and_version(string apiVersion, string group, string version)
    {
        var gvk = GroupVersionKind.From(apiVersion, "K");
        Assert.Equal(group, gvk.Group);
        Assert.Equal(version, gvk.Version);
        Assert.Equal(apiVersion, gvk.ApiVersion);
    }

    [Fact]
    public void Validation_names_the_missing_field_and_the_file()
    {
        var ex = Assert.Throws<ManifestException>(() => KubeObject.Parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n").Validate("cm.yaml"));
        Assert.Equal("metadata.name", ex.FieldPath);
        Assert.Equal("cm.yaml: ConfigMap/: metadata.name: metadata.name is required", ex.Message);
    }

    [Fact]
    public void A_document_that_is_not_a_mapping_is_refused_with_its_position()
    {
        var ex = Assert.Throws<ManifestException>(() => KubeObject.ParseStream("apiVersion: v1\nkind: A\nmetadata: {name: a}\n---\n- just\n- a list\n", "x.yaml"));
        Assert.Equal("x.yaml", ex.File);
        Assert.Contains("document 2 is not a Kubernetes object", ex.Message, StringComparison.Ordinal);
    }
}
