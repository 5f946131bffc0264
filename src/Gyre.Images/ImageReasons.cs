namespace Gyre.Images;

/// <summary>image-reflector-controller's condition reasons (api/v1 condition_types.go) and the generic ones it uses.</summary>
public static class ImageReasons
{
    public const string Succeeded = "Succeeded";
    public const string ImageUrlInvalid = "ImageURLInvalid";
    public const string AuthenticationFailed = "AuthenticationFailed";
    public const string ReadOperationFailed = "ReadOperationFailed";
    public const string DependencyNotReady = "DependencyNotReady";
    public const string AccessDenied = "AccessDenied";
    public const string IntervalNotConfigured = "IntervalNotConfigured";
    public const string InvalidPolicy = "InvalidPolicy";
}
