using System.Globalization;
using System.Text.Json.Nodes;

namespace Gyre.Api.Meta;

/// <summary>
/// The conditions of one object's status, edited as fluxcd/pkg runtime/conditions does: setting a condition keeps its
/// lastTransitionTime unless its status changes, and the order is stable (Ready first, then by type).
/// </summary>
public sealed class ConditionSet
{
    private readonly List<Condition> _conditions;

    public ConditionSet(IEnumerable<Condition> conditions)
    {
        _conditions = [.. conditions];
    }

    public IReadOnlyList<Condition> Items => _conditions;

    /// <summary>Reads status.conditions; absent means none.</summary>
    public static ConditionSet Read(JsonNode? status) =>
        new((status?["conditions"] as JsonArray ?? []).Select(Condition.FromJson).OfType<Condition>());

    public Condition? Get(string type) => _conditions.FirstOrDefault(c => c.Type == type);

    public bool IsTrue(string type) => Get(type)?.IsTrue == true;

    public void Set(string type, string status, string reason, string message, long generation, DateTimeOffset now)
    {
        var existing = Get(type);
        var transition = existing is not null && existing.Status == status
            ? existing.LastTransitionTime
            : now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var condition = new Condition(type, status, reason, Truncate(message), generation, transition);
        if (existing is not null)
        {
            _conditions[_conditions.IndexOf(existing)] = condition;
        }
        else
        {
            _conditions.Add(condition);
        }
    }

    public void Remove(string type) => _conditions.RemoveAll(c => c.Type == type);

    public JsonArray ToJson() =>
        new([.. _conditions.OrderBy(c => Rank(c.Type)).ThenBy(c => c.Type, StringComparer.Ordinal).Select(c => (JsonNode)c.ToJson())]);

    private static int Rank(string type) => type switch
    {
        ConditionTypes.Ready => 0,
        ConditionTypes.Reconciling => 1,
        ConditionTypes.Stalled => 2,
        _ => 3,
    };

    // metav1.Condition.message is limited to 32768 characters by the API server's validation.
    private static string Truncate(string message) => message.Length <= 32_000 ? message : message[..32_000] + "...";
}
