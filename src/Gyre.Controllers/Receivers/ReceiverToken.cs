using Gyre.Controllers.Common;
using Gyre.Kube;
using Gyre.Manifests;
using Gyre.Notifications.Receivers;

namespace Gyre.Controllers.Receivers;

/// <summary>Reads a Receiver's token: the <c>token</c> key of the Secret spec.secretRef names, in the Receiver's namespace.</summary>
internal static class ReceiverToken
{
    /// <summary>The token; throws <see cref="ReceiverTokenException"/> saying what is missing.</summary>
    public static async Task<string> ReadAsync(KubeClient client, KubeObject receiver, ReceiverSpec spec, CancellationToken cancellationToken)
    {
        var where = $"Receiver/{receiver.Namespace}/{receiver.Name}";
        var secret = await ObjectReader.GetAsync(client, "v1", "Secret", receiver.Namespace, spec.SecretName, cancellationToken).ConfigureAwait(false)
            ?? throw new ReceiverTokenException($"{where}: reading the token: Secret '{receiver.Namespace}/{spec.SecretName}' not found; create it with a 'token' key");
        return ObjectReader.SecretData(secret).TryGetValue("token", out var token)
            ? ObjectReader.Text(token)
            : throw new ReceiverTokenException($"{where}: reading the token: invalid '{receiver.Namespace}/{spec.SecretName}' secret data: required field 'token'");
    }
}
