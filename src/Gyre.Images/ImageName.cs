namespace Gyre.Images;

/// <summary>
/// An ImageRepository's spec.image split as go-containerregistry's name package does: the first path part is the
/// registry only when it holds a '.' or ':' (else Docker Hub, <c>index.docker.io</c>, with <c>library/</c> for
/// one-part names); <c>docker.io</c> is Docker Hub's alias. <see cref="Canonical"/> is status.canonicalImageName.
/// </summary>
public sealed record ImageName(string Registry, string Repository)
{
    public const string DockerHub = "index.docker.io";
    private const string RepositoryCharacters = "abcdefghijklmnopqrstuvwxyz0123456789_-./";

    /// <summary>registry/repository, e.g. index.docker.io/library/alpine or 127.0.0.1:5000/team/app.</summary>
    public string Canonical => Registry + "/" + Repository;

    public override string ToString() => Canonical;

    /// <summary>Parses spec.image, refusing a URL scheme, a tag or a digest as image-reflector-controller does.</summary>
    public static ImageName Parse(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var scheme = image.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            throw Invalid(image, $"spec.image must not start with a URL scheme; remove '{image[..scheme]}://'");
        }

        var registry = DockerHub;
        var repository = image;
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && image.AsSpan(0, slash).IndexOfAny('.', ':') >= 0)
        {
            registry = image[..slash];
            repository = image[(slash + 1)..];
        }

        if (registry == "docker.io")
        {
            registry = DockerHub;
        }

        var at = repository.IndexOf('@', StringComparison.Ordinal);
        var colon = repository.IndexOf(':', StringComparison.Ordinal);
        if (at >= 0 || colon >= 0)
        {
            var cut = at >= 0 && (colon < 0 || at < colon) ? at : colon;
            throw Invalid(image, $"spec.image must not contain a tag or digest; remove '{repository[cut..]}'");
        }

        if (repository.Length is 0 or > 255 || repository.Any(c => !RepositoryCharacters.Contains(c, StringComparison.Ordinal))
            || repository.StartsWith('/') || repository.EndsWith('/'))
        {
            throw Invalid(image, $"the repository '{repository}' must be 1 to 255 of the characters {RepositoryCharacters}");
        }

        if (registry.Length == 0 || registry.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']')))
        {
            throw Invalid(image, $"the registry '{registry}' is not a host name with an optional port");
        }

        if (registry == DockerHub && !repository.Contains('/', StringComparison.Ordinal))
        {
            repository = "library/" + repository;
        }

        return new ImageName(registry, repository);
    }

    private static ImageException Invalid(string image, string why) =>
        new($"image '{image}'", "invalid image name", why, ImageReasons.ImageUrlInvalid, "spec.image");
}
