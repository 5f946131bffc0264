namespace Gyre.LocalCluster.Protobuf;

/// <summary>
/// Field numbers of the Kubernetes protobuf messages kubectl's typed commands send (`kubectl create namespace|
/// configmap|secret|serviceaccount|service|deployment|role|rolebinding|...`, `kubectl auth can-i`), as fixed by the
/// `protobuf:"..."` tags of k8s.io/api. Written as `number name type` entries; `[]` marks repeated fields, `map:V`
/// a string-keyed map. Types: s string, i32, i64, b bool, bytes (base64 in JSON), Time, IntOrString, Quantity, or a
/// message name; a `*` suffix marks a pointer field whose zero value is kept (others drop it, as Go's omitempty does). A field not listed makes the decoder refuse the body rather than drop data.
/// </summary>
internal static class ProtoSchemas
{
    public static readonly IReadOnlyDictionary<string, string> Messages = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ObjectMeta"] = "1 name s;2 generateName s;3 namespace s;4 selfLink s;5 uid s;6 resourceVersion s;7 generation i64;8 creationTimestamp Time;9 deletionTimestamp Time;10 deletionGracePeriodSeconds i64*;11 labels map:s;12 annotations map:s;13 ownerReferences []OwnerReference;14 finalizers []s;17 managedFields []ManagedFieldsEntry",
        ["OwnerReference"] = "1 kind s;3 name s;4 uid s;5 apiVersion s;6 controller b*;7 blockOwnerDeletion b*",
        ["ManagedFieldsEntry"] = "1 manager s;2 operation s;3 apiVersion s;4 time Time;6 fieldsType s;7 fieldsV1 FieldsV1;8 subresource s",
        ["FieldsV1"] = "1 Raw bytes",
        ["ConfigMap"] = "1 metadata ObjectMeta;2 data map:s;3 binaryData map:bytes;4 immutable b*",
        ["Secret"] = "1 metadata ObjectMeta;2 data map:bytes;3 type s;4 stringData map:s;5 immutable b*",
        ["Namespace"] = "1 metadata ObjectMeta;2 spec NamespaceSpec;3 status NamespaceStatus",
        ["NamespaceSpec"] = "1 finalizers []s",
        ["NamespaceStatus"] = "1 phase s",
        ["ServiceAccount"] = "1 metadata ObjectMeta;2 secrets []ObjectReference;3 imagePullSecrets []LocalObjectReference;4 automountServiceAccountToken b*",
        ["ObjectReference"] = "1 kind s;2 namespace s;3 name s;4 uid s;5 apiVersion s;6 resourceVersion s;7 fieldPath s",
        ["LocalObjectReference"] = "1 name s",
        ["Service"] = "1 metadata ObjectMeta;2 spec ServiceSpec;3 status ServiceStatus",
        ["ServiceSpec"] = "1 ports []ServicePort;2 selector map:s;3 clusterIP s;4 type s;5 externalIPs []s;7 sessionAffinity s;8 loadBalancerIP s;9 loadBalancerSourceRanges []s;10 externalName s;11 externalTrafficPolicy s;12 healthCheckNodePort i32;13 publishNotReadyAddresses b;17 ipFamilyPolicy s;18 clusterIPs []s;19 ipFamilies []s;20 allocateLoadBalancerNodePorts b*;21 loadBalancerClass s;22 internalTrafficPolicy s",
        ["ServicePort"] = "1 name s;2 protocol s;3 port i32;4 targetPort IntOrString;5 nodePort i32;6 appProtocol s",
        ["ServiceStatus"] = "1 loadBalancer LoadBalancerStatus",
        ["LoadBalancerStatus"] = "1 ingress []LoadBalancerIngress",
        ["LoadBalancerIngress"] = "1 ip s;2 hostname s",
        ["Deployment"] = "1 metadata ObjectMeta;2 spec DeploymentSpec;3 status DeploymentStatus",
        ["DeploymentSpec"] = "1 replicas i32*;2 selector LabelSelector;3 template PodTemplateSpec;4 strategy DeploymentStrategy;5 minReadySeconds i32;6 revisionHistoryLimit i32*;7 paused b;9 progressDeadlineSeconds i32*",
        ["DeploymentStrategy"] = "1 type s;2 rollingUpdate RollingUpdateDeployment",
        ["RollingUpdateDeployment"] = "1 maxUnavailable IntOrString;2 maxSurge IntOrString",
        ["DeploymentStatus"] = "1 observedGeneration i64;2 replicas i32*;3 updatedReplicas i32;4 availableReplicas i32;5 unavailableReplicas i32;7 readyReplicas i32",
        ["LabelSelector"] = "1 matchLabels map:s;2 matchExpressions []LabelSelectorRequirement",
        ["LabelSelectorRequirement"] = "1 key s;2 operator s;3 values []s",
        ["PodTemplateSpec"] = "1 metadata ObjectMeta;2 spec PodSpec",
        ["PodSpec"] = "1 volumes []Volume;2 containers []Container;3 restartPolicy s;4 terminationGracePeriodSeconds i64*;5 activeDeadlineSeconds i64*;6 dnsPolicy s;7 nodeSelector map:s;8 serviceAccountName s;9 serviceAccount s;10 nodeName s;11 hostNetwork b;12 hostPID b;13 hostIPC b;14 securityContext PodSecurityContext;15 imagePullSecrets []LocalObjectReference;16 hostname s;17 subdomain s;19 schedulerName s;20 initContainers []Container;21 automountServiceAccountToken b*;24 priorityClassName s;25 priority i32*;27 shareProcessNamespace b*;29 runtimeClassName s;30 enableServiceLinks b*;31 preemptionPolicy s;34 setHostnameAsFQDN b*;36 hostUsers b*",
        ["PodSecurityContext"] = "2 runAsUser i64*;3 runAsNonRoot b*;5 fsGroup i64*;6 runAsGroup i64*;9 fsGroupChangePolicy s",
        ["Container"] = "1 name s;2 image s;3 command []s;4 args []s;5 workingDir s;6 ports []ContainerPort;7 env []EnvVar;8 resources ResourceRequirements;9 volumeMounts []VolumeMount;13 terminationMessagePath s;14 imagePullPolicy s;16 stdin b;17 stdinOnce b;18 tty b;20 terminationMessagePolicy s",
        ["ContainerPort"] = "1 name s;2 hostPort i32;3 containerPort i32;4 protocol s;5 hostIP s",
        ["EnvVar"] = "1 name s;2 value s",
        ["ResourceRequirements"] = "1 limits map:Quantity;2 requests map:Quantity",
        ["VolumeMount"] = "1 name s;2 readOnly b;3 mountPath s;4 subPath s",
        ["Volume"] = "1 name s",
        ["Job"] = "1 metadata ObjectMeta;2 spec JobSpec;3 status JobStatus",
        ["JobSpec"] = "1 parallelism i32*;2 completions i32*;3 activeDeadlineSeconds i64*;4 selector LabelSelector;5 manualSelector b*;6 template PodTemplateSpec;7 backoffLimit i32*;8 ttlSecondsAfterFinished i32*;9 completionMode s;10 suspend b*",
        ["JobStatus"] = "",
        ["CronJob"] = "1 metadata ObjectMeta;2 spec CronJobSpec;3 status CronJobStatus",
        ["CronJobSpec"] = "1 schedule s;2 startingDeadlineSeconds i64*;3 concurrencyPolicy s;4 suspend b*;5 jobTemplate JobTemplateSpec;6 successfulJobsHistoryLimit i32*;7 failedJobsHistoryLimit i32*;8 timeZone s",
        ["JobTemplateSpec"] = "1 metadata ObjectMeta;2 spec JobSpec",
        ["CronJobStatus"] = "",
        ["Role"] = "1 metadata ObjectMeta;2 rules []PolicyRule",
        ["ClusterRole"] = "1 metadata ObjectMeta;2 rules []PolicyRule",
        ["PolicyRule"] = "1 verbs []s;2 apiGroups []s;3 resources []s;4 resourceNames []s;5 nonResourceURLs []s",
        ["RoleBinding"] = "1 metadata ObjectMeta;2 subjects []Subject;3 roleRef RoleRef",
        ["ClusterRoleBinding"] = "1 metadata ObjectMeta;2 subjects []Subject;3 roleRef RoleRef",
        ["Subject"] = "1 kind s;2 apiGroup s;3 name s;4 namespace s",
        ["RoleRef"] = "1 apiGroup s;2 kind s;3 name s",
        ["SelfSubjectAccessReview"] = "1 metadata ObjectMeta;2 spec SelfSubjectAccessReviewSpec;3 status SubjectAccessReviewStatus",
        ["SelfSubjectAccessReviewSpec"] = "1 resourceAttributes ResourceAttributes;2 nonResourceAttributes NonResourceAttributes",
        ["ResourceAttributes"] = "1 namespace s;2 verb s;3 group s;4 version s;5 resource s;6 subresource s;7 name s",
        ["NonResourceAttributes"] = "1 path s;2 verb s",
        ["SubjectAccessReviewStatus"] = "1 allowed b*;2 reason s;3 evaluationError s;4 denied b",
        ["SelfSubjectReview"] = "1 metadata ObjectMeta;2 status SelfSubjectReviewStatus",
        ["SelfSubjectReviewStatus"] = "1 userInfo UserInfo",
        ["UserInfo"] = "1 username s;2 uid s;3 groups []s",
        ["PriorityClass"] = "1 metadata ObjectMeta;2 value i32;3 globalDefault b;4 description s;5 preemptionPolicy s",
        ["ResourceQuota"] = "1 metadata ObjectMeta;2 spec ResourceQuotaSpec;3 status ResourceQuotaStatus",
        ["ResourceQuotaSpec"] = "1 hard map:Quantity;2 scopes []s",
        ["ResourceQuotaStatus"] = "1 hard map:Quantity;2 used map:Quantity",
        ["PodDisruptionBudget"] = "1 metadata ObjectMeta;2 spec PodDisruptionBudgetSpec;3 status PodDisruptionBudgetStatus",
        ["PodDisruptionBudgetSpec"] = "1 minAvailable IntOrString;2 selector LabelSelector;3 maxUnavailable IntOrString",
        ["PodDisruptionBudgetStatus"] = "",
    };
}
