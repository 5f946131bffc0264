namespace Gyre.Notifications.Receivers;

/// <summary>
/// The registry receivers Flux authenticates by the secret path alone and whose body it only decodes: quay
/// (docker_url, updated_tags), dockerhub (push_data.tag, repository.repo_url) and acr (action, target.repository,
/// target.tag); and harbor, whose Authorization header must equal the token.
/// </summary>
internal static class RegistryCheck
{
    public static ReceiverVerdict Quay(WebhookDelivery delivery) =>
        PayloadJson.Check(delivery.Body, ("docker_url", PayloadJson.String), ("updated_tags", PayloadJson.Array)) is { } error
            ? ReceiverVerdict.Refuse("cannot decode Quay webhook payload: " + error)
            : ReceiverVerdict.Accept($"handling Quay event from {PayloadJson.Text(delivery.Body, "docker_url")}", filterBody: delivery.Body);

    public static ReceiverVerdict DockerHub(WebhookDelivery delivery) =>
        PayloadJson.Check(delivery.Body, ("push_data.tag", PayloadJson.String), ("repository.repo_url", PayloadJson.String)) is { } error
            ? ReceiverVerdict.Refuse("cannot decode DockerHub webhook payload: " + error)
            : ReceiverVerdict.Accept(
                $"handling DockerHub event from {PayloadJson.Text(delivery.Body, "repository.repo_url")} for tag {PayloadJson.Text(delivery.Body, "push_data.tag")}",
                filterBody: delivery.Body);

    public static ReceiverVerdict Acr(WebhookDelivery delivery) =>
        PayloadJson.Check(delivery.Body, ("action", PayloadJson.String), ("target.repository", PayloadJson.String), ("target.tag", PayloadJson.String)) is { } error
            ? ReceiverVerdict.Refuse("cannot decode ACR webhook payload: " + error)
            : ReceiverVerdict.Accept(
                $"handling ACR event from {PayloadJson.Text(delivery.Body, "target.repository")} for tag {PayloadJson.Text(delivery.Body, "target.tag")}",
                filterBody: delivery.Body);

    public static ReceiverVerdict Harbor(string token, WebhookDelivery delivery) =>
        SecretComparison.Equal(delivery.Header("Authorization"), token)
            ? ReceiverVerdict.Accept("handling Harbor event", filterBody: delivery.Body)
            : ReceiverVerdict.Refuse("the Harbor Authorization header value does not match the receiver token");
}
