namespace Gyre.Kube.Transport;

/// <summary>
/// Rewrites one HTTP/2 header block (HPACK, RFC 7541): a literal field whose new name starts with the
/// <see cref="RepeatedHeaders"/> marker (lower-cased, as HTTP/2 sends names) gets the marker removed, so each value
/// travels as its own field. Every other representation is copied byte for byte; renaming a literal field that is
/// not indexed leaves the decoder's dynamic table as it was, so the rest of the block and later blocks stay valid.
/// </summary>
internal static class HpackMarkerRewriter
{
    private static readonly byte[] Marker = System.Text.Encoding.ASCII.GetBytes(RepeatedHeaders.MarkerPrefix.ToLowerInvariant());

    public static byte[] Rewrite(ReadOnlySpan<byte> block)
    {
        using var output = new MemoryStream(block.Length);
        var position = 0;
        while (position < block.Length)
        {
            var first = block[position];
            var start = position;
            if ((first & 0x80) != 0)
            {
                ReadInteger(block, ref position, 7);
                output.Write(block[start..position]);
                continue;
            }

            if ((first & 0xE0) == 0x20)
            {
                ReadInteger(block, ref position, 5);
                output.Write(block[start..position]);
                continue;
            }

            // Literal: with incremental indexing (01), without indexing (0000) or never indexed (0001).
            var prefix = (first & 0xC0) == 0x40 ? 6 : 4;
            var nameIndex = ReadInteger(block, ref position, prefix);
            if (nameIndex != 0 || prefix == 6)
            {
                if (nameIndex == 0 && ReadRawName(block, ref position).StartsWith(Marker))
                {
                    // Renaming an indexed field would desynchronise the peer's dynamic table: refuse rather than lose values.
                    throw new IOException("a repeated impersonation header was sent with HPACK indexing and cannot be rewritten");
                }

                SkipString(block, ref position);
                output.Write(block[start..position]);
                continue;
            }

            var nameStart = position;
            var name = ReadRawName(block, ref position);
            var valueStart = position;
            SkipString(block, ref position);
            if (name.StartsWith(Marker) && name[Marker.Length..].IndexOf((byte)'-') is > 0 and var dash)
            {
                output.Write(block[start..nameStart]);
                var realName = name[(Marker.Length + dash + 1)..];
                WriteInteger(output, 0x00, 7, realName.Length);
                output.Write(realName);
                output.Write(block[valueStart..position]);
            }
            else
            {
                output.Write(block[start..position]);
            }
        }

        return output.ToArray();
    }

    private static ReadOnlySpan<byte> ReadRawName(ReadOnlySpan<byte> block, ref int position)
    {
        var huffman = (block[position] & 0x80) != 0;
        var length = ReadInteger(block, ref position, 7);
        var name = Take(block, ref position, length);
        if (huffman && name.Length > 0)
        {
            // .NET never Huffman-codes names; a marker hidden that way could not be rewritten, so refuse rather than lose values.
            throw new IOException("a header name in the HTTP/2 request is Huffman-coded; repeated impersonation headers cannot be written");
        }

        return name;
    }

    private static void SkipString(ReadOnlySpan<byte> block, ref int position)
    {
        var length = ReadInteger(block, ref position, 7);
        Take(block, ref position, length);
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> block, ref int position, int length)
    {
        if (length < 0 || position + length > block.Length)
        {
            throw new IOException("the HTTP/2 header block is truncated");
        }

        var slice = block.Slice(position, length);
        position += length;
        return slice;
    }

    private static int ReadInteger(ReadOnlySpan<byte> block, ref int position, int prefixBits)
    {
        var max = (1 << prefixBits) - 1;
        var value = block[position++] & max;
        if (value < max)
        {
            return value;
        }

        for (var shift = 0; ; shift += 7)
        {
            if (position >= block.Length || shift > 21)
            {
                throw new IOException("the HTTP/2 header block has an invalid integer");
            }

            var next = block[position++];
            value += (next & 0x7F) << shift;
            if ((next & 0x80) == 0)
            {
                return value;
            }
        }
    }

    private static void WriteInteger(Stream output, byte flags, int prefixBits, int value)
    {
        var max = (1 << prefixBits) - 1;
        if (value < max)
        {
            output.WriteByte((byte)(flags | value));
            return;
        }

        output.WriteByte((byte)(flags | max));
        value -= max;
        while (value >= 0x80)
        {
            output.WriteByte((byte)((value & 0x7F) | 0x80));
            value >>= 7;
        }

        output.WriteByte((byte)value);
    }
}
