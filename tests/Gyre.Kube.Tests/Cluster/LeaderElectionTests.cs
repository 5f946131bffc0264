using Gyre.Kube.LeaderElection;
using Gyre.Kube.Tests.Support;

namespace Gyre.Kube.Tests.Cluster;

[Collection(LocalClusterCollection.Name)]
public sealed class LeaderElectionTests(LocalClusterFixture cluster)
{
    private static LeaderElectionConfig Config(string ns, string identity) => new(ns, "gyre-leader", identity)
    {
        // Generous for a loaded 2-core CI box: a renewal may take a while without costing the leader its lease.
        LeaseDuration = TimeSpan.FromSeconds(6),
        RenewDeadline = TimeSpan.FromSeconds(4),
        RetryPeriod = TimeSpan.FromMilliseconds(500),
    };

    [Fact]
    public async Task One_candidate_leads_and_releasing_on_shutdown_hands_over_at_once()
    {
        var ns = await cluster.NamespaceAsync("lease");
        using var client = await cluster.ClientAsync();
        var a = new LeaderElector(client, Config(ns, "a"));
        var b = new LeaderElector(client, Config(ns, "b"));
        using var stopA = CancellationTokenSource.CreateLinkedTokenSource(TestTimeout.Token);
        using var stopB = CancellationTokenSource.CreateLinkedTokenSource(TestTimeout.Token);
        var aLeading = new TaskCompletionSource();
        var bLeading = new TaskCompletionSource();
        var runA = a.RunAsync(async token => { aLeading.SetResult(); await Task.Delay(Timeout.Infinite, token); }, stopA.Token);
        await aLeading.Task.WaitAsync(TestTimeout.Token);
        var runB = b.RunAsync(async token => { bLeading.SetResult(); await Task.Delay(Timeout.Infinite, token); }, stopB.Token);

        // b keeps trying for several retry periods while a renews, so b must not lead (a bounded wait: this checks
        // that something does not happen).
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(bLeading.Task.IsCompleted);
        Assert.True(a.IsLeader);
        var held = await cluster.Kubectl.GetJsonAsync("get", "lease", "gyre-leader", "-n", ns);
        Assert.Equal("a", (string?)held["spec"]!["holderIdentity"]);

        await stopA.CancelAsync();
        await runA;
        await bLeading.Task.WaitAsync(TestTimeout.Token);

        var lease = await cluster.Kubectl.GetJsonAsync("get", "lease", "gyre-leader", "-n", ns);
        Assert.Equal("b", (string?)lease["spec"]!["holderIdentity"]);
        Assert.Equal(1, (int?)lease["spec"]!["leaseTransitions"]);
        Assert.False(a.IsLeader);
        await stopB.CancelAsync();
        await runB;
    }

    [Fact]
    public async Task A_leader_that_cannot_renew_stops_its_work_after_the_renew_deadline()
    {
        var ns = await cluster.NamespaceAsync("lost");
        using var client = await cluster.ClientAsync();
        var a = new LeaderElector(client, Config(ns, "a") with { ReleaseOnCancel = false });
        var workCancelled = new TaskCompletionSource();
        var leading = new TaskCompletionSource();
        var run = a.RunAsync(async token =>
        {
            leading.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            finally
            {
                workCancelled.SetResult();
            }
        }, TestTimeout.Token);
        await leading.Task.WaitAsync(TestTimeout.Token);

        // Another process takes the lease over with a long lease: every renewal by "a" now fails.
        await cluster.Kubectl.RunAsync(null, "patch", "lease", "gyre-leader", "-n", ns, "--type=merge",
            "-p", """{"spec":{"holderIdentity":"intruder","leaseDurationSeconds":3600}}""");

        await workCancelled.Task.WaitAsync(TestTimeout.Token);
        await run.WaitAsync(TestTimeout.Token);
        Assert.False(a.IsLeader);
    }

    [Fact]
    public void Timings_that_break_client_go_invariants_are_refused()
    {
        var config = new LeaderElectionConfig("ns", "lease", "me") { LeaseDuration = TimeSpan.FromSeconds(5), RenewDeadline = TimeSpan.FromSeconds(10) };

        var error = Assert.Throws<ArgumentException>(config.Validate);

        Assert.Contains("LeaseDuration", error.Message, StringComparison.Ordinal);
    }
}
