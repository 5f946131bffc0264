namespace Gyre.Controllers.ImageRepositories;

/// <summary>A failure retrying may fix (the registry, a Secret not yet created): the controller backs off and retries.</summary>
internal sealed class ImageReconcileException(string message, Exception? inner) : Exception(message, inner);
