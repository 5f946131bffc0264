using System.Buffers.Binary;

namespace Gyre.Kube.Transport;

/// <summary>
/// The plaintext HTTP/2 stream of one connection, with each request's header block (HEADERS and its CONTINUATION
/// frames) rewritten by <see cref="HpackMarkerRewriter"/> as it is written; every other frame, and everything read,
/// passes through. The rewritten block is never longer, and is re-framed in pieces no larger than the original
/// frames, so the peer's frame-size limit still holds.
/// </summary>
internal sealed class Http2RepeatedHeaderStream(Stream inner) : PassThroughStream(inner)
{
    private const int FrameHeaderLength = 9;
    private const byte Headers = 0x1;
    private const byte Continuation = 0x9;
    private const byte EndHeaders = 0x4;
    private const byte Padded = 0x8;
    private const byte Priority = 0x20;
    private readonly MemoryStream _pending = new();
    private readonly MemoryStream _block = new();
    private readonly List<int> _frameSizes = [];
    private int _prefaceRemaining = 24;
    private long _passThrough;
    private int _collect;
    private bool _blockComplete;
    private byte _headersFlags;
    private uint _streamId;

    protected override List<ReadOnlyMemory<byte>> Process(ReadOnlyMemory<byte> input)
    {
        var output = new List<ReadOnlyMemory<byte>>();
        while (!input.IsEmpty)
        {
            if (_prefaceRemaining > 0 || _passThrough > 0)
            {
                var take = (int)Math.Min(_prefaceRemaining > 0 ? _prefaceRemaining : _passThrough, input.Length);
                output.Add(input[..take]);
                input = input[take..];
                if (_prefaceRemaining > 0)
                {
                    _prefaceRemaining -= take;
                }
                else
                {
                    _passThrough -= take;
                }

                continue;
            }

            if (_collect > 0)
            {
                var take = Math.Min(_collect, input.Length);
                _block.Write(input.Span[..take]);
                input = input[take..];
                _collect -= take;
                if (_collect == 0 && _blockComplete)
                {
                    output.Add(EmitBlock());
                }

                continue;
            }

            var need = FrameHeaderLength - (int)_pending.Length;
            var part = Math.Min(need, input.Length);
            _pending.Write(input.Span[..part]);
            input = input[part..];
            if (_pending.Length < FrameHeaderLength)
            {
                continue;
            }

            var header = _pending.ToArray();
            _pending.SetLength(0);
            StartFrame(header, output);
        }

        return output;
    }

    private void StartFrame(byte[] header, List<ReadOnlyMemory<byte>> output)
    {
        var length = (header[0] << 16) | (header[1] << 8) | header[2];
        var type = header[3];
        var flags = header[4];
        if (type is not (Headers or Continuation))
        {
            output.Add(header);
            _passThrough = length;
            return;
        }

        if (type == Headers)
        {
            if ((flags & (Padded | Priority)) != 0)
            {
                throw new IOException("a padded or prioritised HTTP/2 HEADERS frame cannot carry repeated impersonation headers");
            }

            _headersFlags = flags;
            _streamId = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(5)) & 0x7FFFFFFF;
            _block.SetLength(0);
            _frameSizes.Clear();
        }

        _frameSizes.Add(length);
        _collect = length;
        _blockComplete = (flags & EndHeaders) != 0;
        if (_blockComplete && length == 0)
        {
            output.Add(EmitBlock());
        }
    }

    private byte[] EmitBlock()
    {
        var block = HpackMarkerRewriter.Rewrite(_block.GetBuffer().AsSpan(0, (int)_block.Length));
        var chunk = Math.Max(1, _frameSizes.Max());
        using var frames = new MemoryStream(block.Length + (FrameHeaderLength * _frameSizes.Count));
        var offset = 0;
        var first = true;
        Span<byte> header = stackalloc byte[FrameHeaderLength];
        do
        {
            var size = Math.Min(chunk, block.Length - offset);
            var last = offset + size == block.Length;
            var flags = (byte)((first ? _headersFlags & ~EndHeaders : 0) | (last ? EndHeaders : 0));
            header[0] = (byte)(size >> 16);
            header[1] = (byte)(size >> 8);
            header[2] = (byte)size;
            header[3] = first ? Headers : Continuation;
            header[4] = flags;
            BinaryPrimitives.WriteUInt32BigEndian(header[5..], _streamId);
            frames.Write(header);
            frames.Write(block, offset, size);
            offset += size;
            first = false;
        }
        while (offset < block.Length);

        _blockComplete = false;
        return frames.ToArray();
    }

    protected override void DisposeBuffers()
    {
        _pending.Dispose();
        _block.Dispose();
    }
}
