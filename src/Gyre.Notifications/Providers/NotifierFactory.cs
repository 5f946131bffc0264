using Gyre.Notifications.Providers.Alerting;
using Gyre.Notifications.Providers.Chat;
using Gyre.Notifications.Providers.CommitStatus;

namespace Gyre.Notifications.Providers;

/// <summary>Creates the notifier for a Provider's type, validating its settings (a missing token or address is an error now, not at delivery).</summary>
public static class NotifierFactory
{
    public static INotifier Create(ProviderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Type switch
        {
            ProviderTypes.Generic => new GenericNotifier(settings, hmac: false),
            ProviderTypes.GenericHmac => new GenericNotifier(settings, hmac: true),
            ProviderTypes.Slack or ProviderTypes.Rocket or ProviderTypes.Mattermost => new SlackNotifier(settings),

            // Discord webhooks take Slack's payload at <webhook>/slack, which is how Flux posts to them.
            ProviderTypes.Discord => new SlackNotifier(settings, "/slack"),
            ProviderTypes.MsTeams => new MsTeamsNotifier(settings),
            ProviderTypes.GoogleChat => new GoogleChatNotifier(settings),
            ProviderTypes.Matrix => new MatrixNotifier(settings),
            ProviderTypes.Telegram => new TelegramNotifier(settings),
            ProviderTypes.Lark => new LarkNotifier(settings),
            ProviderTypes.Webex => new WebexNotifier(settings),
            ProviderTypes.PagerDuty => new PagerDutyNotifier(settings),
            ProviderTypes.Opsgenie => new OpsgenieNotifier(settings),
            ProviderTypes.Alertmanager => new AlertmanagerNotifier(settings),
            ProviderTypes.Grafana => new GrafanaNotifier(settings),
            ProviderTypes.Datadog => new DatadogNotifier(settings),
            ProviderTypes.Sentry => new SentryNotifier(settings),
            ProviderTypes.GitHub => new GitHubNotifier(settings),
            ProviderTypes.GitLab => new GitLabNotifier(settings),
            ProviderTypes.Gitea => new GiteaNotifier(settings),
            ProviderTypes.Bitbucket => new BitbucketNotifier(settings),
            ProviderTypes.GitHubDispatch => new GitHubDispatchNotifier(settings),
            ProviderTypes.AzureDevOps => new AzureDevOpsNotifier(settings),
            _ => throw new NotificationException(settings.Where, $"provider type '{settings.Type}' is not supported by Gyre"),
        };
    }
}
