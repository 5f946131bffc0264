using System.Text.Json.Nodes;

namespace Gyre.Cli.Build;

/// <summary>Secret values never reach the terminal: build and diff print Secrets with their data masked, as flux does.</summary>
internal static class SecretMask
{
    public const string Mask = "*****";

    public static JsonObject Apply(JsonObject obj)
    {
        if ((string?)obj["kind"] != "Secret" || (string?)obj["apiVersion"] != "v1")
        {
            return obj;
        }

        var masked = obj.DeepClone().AsObject();
        foreach (var field in new[] { "data", "stringData" })
        {
            if (masked[field] is JsonObject values)
            {
                foreach (var key in values.Select(p => p.Key).ToList())
                {
                    values[key] = Mask;
                }
            }
        }

        return masked;
    }
}
