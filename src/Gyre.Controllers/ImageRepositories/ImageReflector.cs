using Gyre.Api.Image;
using Gyre.Controllers.Common;
using Gyre.Controllers.ImagePolicies;
using Gyre.Controllers.OciRepositories;
using Gyre.Images.Scanning;
using Gyre.Kube;
using Gyre.Kube.Informers;
using Gyre.Notifications.Pipeline;
using Gyre.Runtime.Metrics;
using Gyre.Runtime.Reconcile;
using Gyre.Sources.Oci;
using Microsoft.Extensions.Logging;

namespace Gyre.Controllers.ImageRepositories;

/// <summary>
/// Controller "image-reflector" (Flux's image-reflector-controller): the ImageRepository and ImagePolicy controllers
/// sharing one tag store, kept where Flux's filesystem store keeps it (<c>&lt;storage&gt;/imagerepository/&lt;ns&gt;/&lt;name&gt;/tags.txt</c>).
/// </summary>
internal static class ImageReflector
{
    public const string Name = "image-reflector-controller";

    public static async Task<IReadOnlyList<Controller>> ControllersAsync(KubeClient client, SharedInformerFactory informers, ReconcileMetrics metrics,
        GyreControllersOptions options, ILoggerFactory loggers, TimeProvider time, INotificationSink? notifications, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(Name);
        var store = new TagStore(Path.Combine(options.StoragePath, "imagerepository"));
        var status = new ImageStatus(new EventRecorder(client, Name, time, logger, notifications), time, logger);
        var settings = new OciClientSettings(client, new RegistryTokenCache(time));
        var repositories = new Controller(new ImageRepositoryReconciler(client, store, settings, status, time),
            new ControllerOptions { Kind = ImageRepositorySpec.Kind, Name = Name, Workers = options.Concurrent }, metrics, logger, time);
        var policies = new Controller(new ImagePolicyReconciler(client, store, new RepositoryAccess(client, options.NoCrossNamespaceRefs), new DigestReflection(settings), status),
            new ControllerOptions { Kind = ImagePolicySpec.Kind, Name = Name, Workers = options.Concurrent }, metrics, logger, time);
        var repositoryInformer = await informers.GetOrCreateAsync(ImageRepositorySpec.ApiVersion, ImageRepositorySpec.Kind, null, cancellationToken).ConfigureAwait(false);
        var policyInformer = await informers.GetOrCreateAsync(ImagePolicySpec.ApiVersion, ImagePolicySpec.Kind, null, cancellationToken).ConfigureAwait(false);
        repositoryInformer.AddHandler(new RequeueHandler(repositories.Queue.Add));
        repositoryInformer.AddHandler(new ImagePolicyTriggers(policyInformer.Cache, policies.Queue.Add));
        policyInformer.AddHandler(new RequeueHandler(policies.Queue.Add));
        return [repositories, policies];
    }
}
