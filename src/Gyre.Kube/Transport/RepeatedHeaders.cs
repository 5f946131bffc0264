namespace Gyre.Kube.Transport;

/// <summary>
/// Sends a header on several lines. .NET's HTTP stack joins the values of one header name with ", " on a single
/// line, which an API server reads as one value (one group named "a, b"). So the second and later values are added
/// under a marker name (<c>X-Gyre-Repeat-&lt;n&gt;-&lt;name&gt;</c>) that .NET keeps apart, and
/// <see cref="RepeatedHeaderStream"/> strips the marker as the HTTP/1.1 request head is written, giving one
/// <c>name: value</c> line per value, as Go's net/http writes them.
/// </summary>
internal static class RepeatedHeaders
{
    public const string MarkerPrefix = "X-Gyre-Repeat-";

    public static void Add(HttpRequestMessage request, string name, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            var header = i == 0 ? name : $"{MarkerPrefix}{i}-{name}";
            if (!request.Headers.TryAddWithoutValidation(header, values[i]))
            {
                throw new ArgumentException($"the value of header {name} is not valid", nameof(values));
            }
        }
    }
}
