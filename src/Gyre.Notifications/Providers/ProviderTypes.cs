namespace Gyre.Notifications.Providers;

/// <summary>The Provider spec.type values Gyre delivers (a subset of Flux's enum; others are refused by name).</summary>
public static class ProviderTypes
{
    public const string Generic = "generic";
    public const string GenericHmac = "generic-hmac";
    public const string Slack = "slack";
    public const string Discord = "discord";
    public const string MsTeams = "msteams";
    public const string GoogleChat = "googlechat";
    public const string Rocket = "rocket";
    public const string Mattermost = "mattermost";
    public const string Matrix = "matrix";
    public const string Telegram = "telegram";
    public const string Lark = "lark";
    public const string Webex = "webex";
    public const string PagerDuty = "pagerduty";
    public const string Opsgenie = "opsgenie";
    public const string Alertmanager = "alertmanager";
    public const string Grafana = "grafana";
    public const string Datadog = "datadog";
    public const string Sentry = "sentry";
    public const string GitHub = "github";
    public const string GitLab = "gitlab";
    public const string Gitea = "gitea";
    public const string Bitbucket = "bitbucket";
    public const string GitHubDispatch = "githubdispatch";
    public const string AzureDevOps = "azuredevops";

    /// <summary>Types that set Git commit statuses (they need a revision and only take the final event).</summary>
    public static bool IsCommitStatus(string type) => type is GitHub or GitLab or Gitea or Bitbucket or AzureDevOps;
}
