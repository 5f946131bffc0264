using System.Net;

namespace Gyre.Sources.Buckets;

/// <summary>How to reach an Azure Blob container: Bucket spec.endpoint/insecure/bucketName and the Secret's accountKey or sasKey.</summary>
public sealed record AzureBlobClientOptions
{
    /// <summary>
    /// spec.endpoint: <c>https://&lt;account&gt;.blob.core.windows.net</c> (the scheme may be left out), or a local
    /// emulator with the account as the first path segment (<c>http://127.0.0.1:10000/devstoreaccount1</c>).
    /// </summary>
    public required string Endpoint { get; init; }

    /// <summary>spec.bucketName: the container.</summary>
    public required string Container { get; init; }

    public bool Insecure { get; init; }

    /// <summary>The base64-decoded storage account key (Shared Key authorization).</summary>
    public byte[]? AccountKey { get; init; }

    /// <summary>A SAS token (query string, with or without the leading '?').</summary>
    public string? SasToken { get; init; }

    public byte[]? CaCertificate { get; init; }

    public byte[]? ClientCertificate { get; init; }

    public byte[]? ClientKey { get; init; }

    public IWebProxy? Proxy { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Never prints the key or the token.</summary>
    public override string ToString() => $"AzureBlobClientOptions {{ Endpoint = {Endpoint}, Container = {Container} }}";
}
