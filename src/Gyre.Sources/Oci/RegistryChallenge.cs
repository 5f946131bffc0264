using System.Net.Http.Headers;

namespace Gyre.Sources.Oci;

/// <summary>A parsed <c>WWW-Authenticate</c> challenge (Bearer realm/service/scope, or Basic).</summary>
internal sealed record RegistryChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public static RegistryChallenge? From(HttpResponseMessage response)
    {
        var header = response.Headers.WwwAuthenticate.FirstOrDefault();
        return header is null ? null : new RegistryChallenge(header.Scheme, ParseParameters(header));
    }

    private static Dictionary<string, string> ParseParameters(AuthenticationHeaderValue header)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var text = header.Parameter ?? "";
        var i = 0;
        while (i < text.Length)
        {
            var eq = text.IndexOf('=', i);
            if (eq < 0)
            {
                break;
            }

            var key = text[i..eq].Trim().TrimStart(',').Trim();
            string value;
            if (eq + 1 < text.Length && text[eq + 1] == '"')
            {
                var end = text.IndexOf('"', eq + 2);
                end = end < 0 ? text.Length : end;
                value = text[(eq + 2)..end];
                i = end + 1;
            }
            else
            {
                var end = text.IndexOf(',', eq + 1);
                end = end < 0 ? text.Length : end;
                value = text[(eq + 1)..end].Trim();
                i = end;
            }

            result[key] = value;
            while (i < text.Length && (text[i] == ',' || text[i] == ' '))
            {
                i++;
            }
        }

        return result;
    }
}
