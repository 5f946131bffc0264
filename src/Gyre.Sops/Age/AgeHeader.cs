using System.Text;

namespace Gyre.Sops.Age;

/// <summary>A parsed age header: the stanzas, the MAC, the bytes the MAC covers and where the payload starts.</summary>
internal sealed record AgeHeader(IReadOnlyList<AgeStanza> Stanzas, byte[] Mac, byte[] MacInput, int PayloadOffset)
{
    public static AgeHeader Parse(byte[] data)
    {
        var position = 0;
        string NextLine()
        {
            var end = Array.IndexOf(data, (byte)'\n', position);
            if (end < 0)
            {
                throw new SopsException("age: header is truncated or the input is not an age file");
            }

            var line = Encoding.ASCII.GetString(data, position, end - position);
            position = end + 1;
            return line;
        }

        if (NextLine() != "age-encryption.org/v1")
        {
            throw new SopsException("age: not an age v1 file (missing 'age-encryption.org/v1')");
        }

        var stanzas = new List<AgeStanza>();
        while (true)
        {
            var lineStart = position;
            var line = NextLine();
            if (line.StartsWith("--- ", StringComparison.Ordinal))
            {
                var macInput = data.AsSpan(0, lineStart + 3).ToArray();
                return new AgeHeader(stanzas, AgeFile.FromBase64Raw(line[4..]), macInput, position);
            }

            if (!line.StartsWith("-> ", StringComparison.Ordinal))
            {
                throw new SopsException("age: malformed header line");
            }

            var parts = line[3..].Split(' ');
            var body = new StringBuilder();
            while (true)
            {
                var bodyLine = NextLine();
                if (bodyLine.Length > 64)
                {
                    throw new SopsException("age: header body line is longer than 64 columns");
                }

                body.Append(bodyLine);
                if (bodyLine.Length < 64)
                {
                    break;
                }
            }

            stanzas.Add(new AgeStanza(parts[0], parts[1..], AgeFile.FromBase64Raw(body.ToString())));
        }
    }
}
