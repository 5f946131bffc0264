using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gyre.Kube.Watch;

/// <summary>
/// Splits a watch response into its newline-terminated JSON objects and parses each as soon as its line is complete.
/// System.Text.Json's DeserializeAsyncEnumerable fills a whole buffer before yielding, which would hold back events on
/// a quiet watch; the API server ends every event with a newline (Go's json.Encoder), so lines are the framing.
/// </summary>
internal static class JsonLineReader
{
    private const int InitialBufferSize = 16 * 1024;

    public static async IAsyncEnumerable<JsonObject> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        var start = 0;
        var end = 0;
        try
        {
            while (true)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
                if (newline >= 0)
                {
                    var line = Parse(buffer.AsSpan(start, newline - start));
                    start = newline + 1;
                    if (line is not null)
                    {
                        yield return line;
                    }

                    continue;
                }

                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, bigger, 0, end);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    if (Parse(buffer.AsSpan(0, end)) is { } last)
                    {
                        yield return last;
                    }

                    yield break;
                }

                end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static JsonObject? Parse(ReadOnlySpan<byte> line)
    {
        line = line.Trim(" \t\r"u8);
        return line.IsEmpty ? null : JsonSerializer.Deserialize<JsonObject>(line);
    }
}
