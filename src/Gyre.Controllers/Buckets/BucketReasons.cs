namespace Gyre.Controllers.Buckets;

/// <summary>source-controller's reasons for Bucket configurations it cannot use (api/v1 condition_types.go).</summary>
internal static class BucketReasons
{
    public const string InvalidProviderConfiguration = "InvalidProviderConfiguration";

    public const string InvalidStsConfiguration = "InvalidSTSConfiguration";
}
