using System.Text.Json;
using System.Text.Json.Nodes;
using Gyre.Cel;

namespace Gyre.Notifications.Receivers;

/// <summary>
/// spec.resourceFilter: a CEL expression over <c>res</c> (the candidate's apiVersion, kind and metadata) and
/// <c>req</c> (the delivery's JSON body when its Content-Type is application/json, else an empty map) that must
/// return a bool; resources it returns false for are not triggered, as in Flux.
/// </summary>
public sealed class ResourceFilter
{
    private readonly CelExpression _expression;

    private ResourceFilter(CelExpression expression)
    {
        _expression = expression;
    }

    /// <summary>Compiles the expression; throws <see cref="ReceiverException"/> naming the column of a syntax error.</summary>
    public static ResourceFilter Compile(string where, string expression)
    {
        try
        {
            return new ResourceFilter(CelExpression.Compile(expression, ["res", "req"]));
        }
        catch (CelException ex)
        {
            throw new ReceiverException(where, "compiling spec.resourceFilter", ex.Message, ex);
        }
    }

    /// <summary>The <c>req</c> variable for a delivery; throws <see cref="ReceiverException"/> when a JSON body does not parse.</summary>
    public static JsonNode Request(string where, WebhookDelivery delivery, ReceiverVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(verdict);
        if (delivery.MediaType != "application/json")
        {
            return new JsonObject();
        }

        try
        {
            return JsonNode.Parse(verdict.FilterBody ?? delivery.Body) ?? new JsonObject();
        }
        catch (JsonException ex)
        {
            throw new ReceiverException(where, "evaluating spec.resourceFilter", "failed to parse request body as JSON: " + ex.Message, ex);
        }
    }

    /// <summary>True when <paramref name="resource"/> should be triggered; throws <see cref="ReceiverException"/> when evaluation fails.</summary>
    public bool Accepts(string where, JsonObject resource, JsonNode request)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var res = new JsonObject
        {
            ["apiVersion"] = resource["apiVersion"]?.DeepClone(),
            ["kind"] = resource["kind"]?.DeepClone(),
            ["metadata"] = resource["metadata"]?.DeepClone(),
        };
        try
        {
            return _expression.EvaluateBoolean(new Dictionary<string, JsonNode?>(StringComparer.Ordinal) { ["res"] = res, ["req"] = request });
        }
        catch (CelException ex)
        {
            throw new ReceiverException(where, "evaluating spec.resourceFilter", ex.Message, ex);
        }
    }
}
