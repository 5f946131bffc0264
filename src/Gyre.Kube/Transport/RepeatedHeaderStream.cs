using System.Globalization;
using System.Text;

namespace Gyre.Kube.Transport;

/// <summary>
/// The plaintext HTTP/1.1 stream of one connection, with the request heads rewritten as they are written: a header
/// line <c>X-Gyre-Repeat-&lt;n&gt;-Name: value</c> becomes <c>Name: value</c> (see <see cref="RepeatedHeaders"/>).
/// Request bodies (Content-Length or chunked) pass through untouched, so only heads are ever rewritten; reads pass
/// through.
/// </summary>
internal sealed class RepeatedHeaderStream(Stream inner) : PassThroughStream(inner)
{
    private const int MaxLine = 1 << 20;
    private static readonly byte[] Marker = Encoding.ASCII.GetBytes(RepeatedHeaders.MarkerPrefix);
    private readonly MemoryStream _pending = new();
    private State _state = State.Head;
    private long _remaining;

    private enum State
    {
        Head,
        Body,
        ChunkSize,
        ChunkData,
        Trailer,
    }

    protected override void DisposeBuffers() => _pending.Dispose();

    /// <summary>Splits what the HTTP stack wrote into what goes on the wire, advancing the request framing.</summary>
    protected override List<ReadOnlyMemory<byte>> Process(ReadOnlyMemory<byte> input)
    {
        var output = new List<ReadOnlyMemory<byte>>();
        while (!input.IsEmpty)
        {
            if (_state is State.Body or State.ChunkData)
            {
                var take = (int)Math.Min(_remaining, input.Length);
                output.Add(input[..take]);
                input = input[take..];
                _remaining -= take;
                if (_remaining == 0)
                {
                    _state = _state == State.Body ? State.Head : State.ChunkSize;
                }

                continue;
            }

            // Head, chunk-size line or trailer line: collect up to the terminator, then act on the whole of it.
            var scanFrom = (int)Math.Max(0, _pending.Length - 3);
            _pending.Write(input.Span);
            input = ReadOnlyMemory<byte>.Empty;
            var collected = _pending.GetBuffer().AsSpan(0, (int)_pending.Length);
            var terminator = _state == State.Head ? "\r\n\r\n"u8 : "\r\n"u8;
            var found = collected[scanFrom..].IndexOf(terminator);
            if (found < 0)
            {
                if (collected.Length > MaxLine)
                {
                    throw new IOException("the HTTP request head is larger than 1 MiB");
                }

                continue;
            }

            var end = scanFrom + found + terminator.Length;
            var unit = collected[..end].ToArray();
            input = collected[end..].ToArray();
            _pending.SetLength(0);
            output.Add(_state == State.Head ? Head(unit) : Line(unit));
        }

        return output;
    }

    private byte[] Line(byte[] line)
    {
        if (_state == State.Trailer)
        {
            _state = line.Length == 2 ? State.Head : State.Trailer;
            return line;
        }

        var text = Encoding.ASCII.GetString(line).Split(';')[0].Trim();
        if (!long.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
        {
            throw new IOException($"the HTTP request has an invalid chunk size '{text}'");
        }

        _state = size == 0 ? State.Trailer : State.ChunkData;
        _remaining = size + 2;
        return line;
    }

    private byte[] Head(byte[] head)
    {
        using var rewritten = new MemoryStream(head.Length);
        long contentLength = 0;
        var chunked = false;
        var start = 0;
        while (start < head.Length)
        {
            var length = head.AsSpan(start).IndexOf("\r\n"u8) + 2;
            var line = head.AsSpan(start, length);
            start += length;
            if (line.StartsWith(Marker) && line[Marker.Length..].IndexOf((byte)'-') is > 0 and var dash)
            {
                line = line[(Marker.Length + dash + 1)..];
            }

            rewritten.Write(line);
            var text = Encoding.Latin1.GetString(line);
            if (text.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                contentLength = long.Parse(text["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
            else if (text.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase) && text.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                chunked = true;
            }
        }

        (_state, _remaining) = chunked ? (State.ChunkSize, 0L) : contentLength > 0 ? (State.Body, contentLength) : (State.Head, 0L);
        return rewritten.ToArray();
    }
}
