namespace Gyre.LocalCluster.Api;

/// <summary>
/// The built-in kinds this server stores, with the scope, short names, categories and subresources kube-apiserver
/// v1.32 reports for them in discovery (`kubectl api-resources`).
/// </summary>
internal static class BuiltInResources
{
    private static readonly string[] All = ["all"];

    public static IReadOnlyList<ResourceInfo> Create() =>
    [
        Core("Namespace", "namespaces", false, ["ns"], status: true),
        Core("ConfigMap", "configmaps", true, ["cm"]),
        Core("Secret", "secrets", true, []),
        Core("Service", "services", true, ["svc"], All, status: true),
        Core("ServiceAccount", "serviceaccounts", true, ["sa"]),
        Core("Endpoints", "endpoints", true, ["ep"]),
        Core("Event", "events", true, ["ev"]),
        Core("Pod", "pods", true, ["po"], All, status: true),
        Core("PersistentVolumeClaim", "persistentvolumeclaims", true, ["pvc"], status: true),
        Core("PersistentVolume", "persistentvolumes", false, ["pv"], status: true),
        Core("ResourceQuota", "resourcequotas", true, ["quota"], status: true),
        Core("LimitRange", "limitranges", true, ["limits"]),
        new("apps", "v1", "Deployment", "deployments", true, ["deploy"], All, true, true),
        new("apps", "v1", "ReplicaSet", "replicasets", true, ["rs"], All, true, true),
        new("apps", "v1", "StatefulSet", "statefulsets", true, ["sts"], All, true, true),
        new("apps", "v1", "DaemonSet", "daemonsets", true, ["ds"], All, true, false),
        new("batch", "v1", "Job", "jobs", true, [], All, true, false),
        new("batch", "v1", "CronJob", "cronjobs", true, ["cj"], All, true, false),
        new("networking.k8s.io", "v1", "Ingress", "ingresses", true, ["ing"], [], true, false),
        new("networking.k8s.io", "v1", "IngressClass", "ingressclasses", false, [], [], false, false),
        new("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, ["netpol"], [], false, false),
        new("rbac.authorization.k8s.io", "v1", "Role", "roles", true, [], [], false, false),
        new("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true, [], [], false, false),
        new("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false, [], [], false, false),
        new("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false, [], [], false, false),
        new("coordination.k8s.io", "v1", "Lease", "leases", true, [], [], false, false),
        new("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false, ["crd", "crds"], [], true, false),
        new("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", false, ["pc"], [], false, false),
        new("storage.k8s.io", "v1", "StorageClass", "storageclasses", false, ["sc"], [], false, false),
        new("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, ["pdb"], [], true, false),
        new("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, ["hpa"], All, true, false),
        new("autoscaling", "v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, ["hpa"], All, true, false) { Storage = false },
        new("events.k8s.io", "v1", "Event", "events", true, ["ev"], [], false, false),
        new("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", false, [], ["api-extensions"], false, false),
        new("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", false, [], ["api-extensions"], false, false),
        new("authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", false, [], [], false, false) { IsReview = true },
        new("authorization.k8s.io", "v1", "SubjectAccessReview", "subjectaccessreviews", false, [], [], false, false) { IsReview = true },
        new("authentication.k8s.io", "v1", "SelfSubjectReview", "selfsubjectreviews", false, [], [], false, false) { IsReview = true },
    ];

    private static ResourceInfo Core(string kind, string plural, bool namespaced, string[] shortNames, string[]? categories = null, bool status = false) =>
        new(string.Empty, "v1", kind, plural, namespaced, shortNames, categories ?? [], status, false);
}
