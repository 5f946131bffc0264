using Gyre.Api.Meta;

namespace Gyre.Api.Tests;

public sealed class ConditionSetTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Keeps_the_transition_time_while_the_status_stays_the_same()
    {
        var set = new ConditionSet([]);
        set.Set(ConditionTypes.Ready, ConditionStatus.True, Reasons.ReconciliationSucceeded, "Applied revision: a", 1, T0);
        set.Set(ConditionTypes.Ready, ConditionStatus.True, Reasons.ReconciliationSucceeded, "Applied revision: b", 2, T0.AddMinutes(5));

        var ready = set.Get(ConditionTypes.Ready)!;
        Assert.Equal("2026-01-01T00:00:00Z", ready.LastTransitionTime);
        Assert.Equal("Applied revision: b", ready.Message);
        Assert.Equal(2, ready.ObservedGeneration);
    }

    [Fact]
    public void A_status_change_moves_the_transition_time_and_round_trips_through_json()
    {
        var set = new ConditionSet([]);
        set.Set(ConditionTypes.Healthy, ConditionStatus.True, Reasons.Succeeded, "ok", 1, T0);
        set.Set(ConditionTypes.Ready, ConditionStatus.True, Reasons.Succeeded, "ok", 1, T0);
        set.Set(ConditionTypes.Ready, ConditionStatus.False, Reasons.BuildFailed, "bad", 1, T0.AddMinutes(1));

        var json = new System.Text.Json.Nodes.JsonObject { ["conditions"] = set.ToJson() };
        var read = ConditionSet.Read(json);

        Assert.Equal([ConditionTypes.Ready, ConditionTypes.Healthy], read.Items.Select(c => c.Type));
        Assert.Equal("2026-01-01T00:01:00Z", read.Get(ConditionTypes.Ready)!.LastTransitionTime);
        Assert.False(read.IsTrue(ConditionTypes.Ready));
    }
}
