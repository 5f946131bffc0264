namespace Gyre.Cel.Tests.Conformance;

/// <summary>
/// Reads testdata/conformance/*.cases: cases transcribed from google/cel-spec tests/simple/testdata/*.textproto.
/// Format, one case per line: <c>expression ==&gt; expected</c>; <c>[section]</c> lines name the textproto section;
/// <c>@name = &lt;CEL literal&gt;</c> lines bind a variable for the next case; <c>#</c> starts a comment.
/// Expected is <c>int N</c>, <c>uint N</c>, <c>double D</c>, <c>bool B</c>, <c>string "json"</c>, <c>bytes HEX</c>,
/// <c>null</c>, <c>type NAME</c>, <c>value &lt;CEL literal&gt;</c> (lists, maps, timestamps) or <c>error substring</c>.
/// </summary>
internal static class ConformanceFile
{
    /// <summary>Theory rows as serializable primitives (file, line, expression) so every case is its own test.</summary>
    public static IEnumerable<object[]> Load(string name) => Read(name).Select(c => new object[] { c.File, c.Line, c.Expression });

    public static ConformanceCase Find(string name, int line) => Read(name).Single(c => c.Line == line);

    private static IEnumerable<ConformanceCase> Read(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "testdata", "conformance", name + ".cases");
        var section = string.Empty;
        var bindings = new Dictionary<string, string>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']') && !line.Contains(" ==> ", StringComparison.Ordinal))
            {
                section = line[1..^1];
                continue;
            }

            if (line.StartsWith('@'))
            {
                var eq = line.IndexOf('=', StringComparison.Ordinal);
                bindings[line[1..eq].Trim()] = line[(eq + 1)..].Trim();
                continue;
            }

            var arrow = line.LastIndexOf(" ==> ", StringComparison.Ordinal);
            if (arrow < 0)
            {
                throw new InvalidDataException($"{path}:{i + 1}: missing ' ==> '");
            }

            yield return new ConformanceCase(name, i + 1, section, line[..arrow], line[(arrow + 5)..], bindings);
            bindings = [];
        }
    }
}
