using Gyre.Api.Image;
using Gyre.Controllers.Common;
using Gyre.ImageAutomation;
using Gyre.Kube;
using Gyre.Kube.Informers;
using Gyre.Notifications.Pipeline;
using Gyre.Runtime.Metrics;
using Gyre.Runtime.Reconcile;
using Gyre.Sources.Git;
using Microsoft.Extensions.Logging;

namespace Gyre.Controllers.ImageUpdateAutomations;

/// <summary>Wires image-automation-controller: the reconciler on the ImageUpdateAutomation informer, re-queued by ImagePolicy changes.</summary>
internal static class ImageUpdateAutomationController
{
    public const string Name = "image-automation-controller";

    public static async Task<Controller> CreateAsync(
        KubeClient client, SharedInformerFactory informers, ReconcileMetrics metrics, GyreControllersOptions options, ILoggerFactory loggers,
        TimeProvider time, INotificationSink? notifications, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(Name);
        var events = new EventRecorder(client, Name, time, logger, notifications);
        var runner = new ImageUpdateRunner(Path.Combine(options.WorkDirectory, "iua"), new SecretFileCache(Path.Combine(options.WorkDirectory, "secrets")), time);
        var reconciler = new ImageUpdateAutomationReconciler(client, runner,
            new AutomationInputs(client, options.NoCrossNamespaceRefs, options.AllowInsecureHttp), new AutomationStatus(events, time, logger));
        var controller = new Controller(reconciler, new ControllerOptions { Kind = ImageUpdateAutomationSpec.Kind, Name = Name, Workers = options.Concurrent },
            metrics, logger, time);
        var informer = await informers.GetOrCreateAsync(ImageUpdateAutomationSpec.ApiVersion, ImageUpdateAutomationSpec.Kind, null, cancellationToken).ConfigureAwait(false);
        informer.AddHandler(new RequeueHandler(controller.Queue.Add));
        var policies = await informers.GetOrCreateAsync(ImageUpdateAutomationSpec.ApiVersion, "ImagePolicy", null, cancellationToken).ConfigureAwait(false);
        policies.AddHandler(new PolicyChangeHandler(informer.Cache, controller.Queue.Add));
        return controller;
    }
}
