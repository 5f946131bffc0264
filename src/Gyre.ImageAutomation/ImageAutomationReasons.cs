namespace Gyre.ImageAutomation;

/// <summary>Condition reasons as image-automation-controller reports them (api/v1/condition_types.go, fluxcd/pkg apis/meta).</summary>
public static class ImageAutomationReasons
{
    public const string Succeeded = "Succeeded";
    public const string InvalidUpdateStrategy = "InvalidUpdateStrategy";
    public const string InvalidSourceConfiguration = "InvalidSourceConfiguration";
    public const string SourceManagerFailed = "SourceManagerFailed";
    public const string GitOperationFailed = "GitOperationFailed";
    public const string UpdateFailed = "UpdateFailed";
    public const string InvalidPolicySelector = "InvalidPolicySelector";
    public const string RemovedTemplateField = "RemovedTemplateField";
    public const string AccessDenied = "AccessDenied";
}
