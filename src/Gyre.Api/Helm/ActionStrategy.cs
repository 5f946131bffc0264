using System.Text.Json.Nodes;
using Gyre.Api.Meta;

namespace Gyre.Api.Helm;

/// <summary>
/// spec.install.strategy / spec.upgrade.strategy (Flux 2.7): what a failed action leads to. RemediateOnFailure (the
/// default) applies the action's remediation (uninstall or rollback, then retry up to remediation.retries);
/// RetryOnFailure leaves the failed release as it is and tries again (as an upgrade) after retryInterval, without limit.
/// </summary>
public sealed record ActionStrategy
{
    public const string RemediateOnFailure = "RemediateOnFailure";
    public const string RetryOnFailure = "RetryOnFailure";

    public string Name { get; init; } = RemediateOnFailure;

    /// <summary>Time between attempts under RetryOnFailure (default 5m).</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromMinutes(5);

    public bool Retries => Name == RetryOnFailure;

    internal static ActionStrategy From(SpecReader reader, JsonObject action, string path)
    {
        if (action["strategy"] is not JsonObject json)
        {
            return new ActionStrategy();
        }

        var name = reader.Required(json, "name", path + ".name");
        if (name is not (RemediateOnFailure or RetryOnFailure))
        {
            throw new ApiException(reader.Where, path + ".name", $"'{name}' is not RemediateOnFailure or RetryOnFailure");
        }

        var interval = reader.Duration(json, "retryInterval", path + ".retryInterval");
        if (interval is not null && name == RemediateOnFailure)
        {
            throw new ApiException(reader.Where, path + ".retryInterval", "cannot be set when .name is 'RemediateOnFailure'");
        }

        return new ActionStrategy { Name = name, RetryInterval = interval ?? TimeSpan.FromMinutes(5) };
    }
}
