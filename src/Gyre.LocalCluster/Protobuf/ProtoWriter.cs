using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Gyre.LocalCluster.Protobuf;

/// <summary>
/// A writer of the protobuf wire format: varints, doubles, strings and nested messages (written into their own
/// writer, then copied in with their length). Proto3 semantics: default values are not written.
/// </summary>
internal sealed class ProtoWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    public int Length => _buffer.WrittenCount;

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public void String(int field, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            Bytes(field, Encoding.UTF8.GetBytes(value));
        }
    }

    public void Bool(int field, bool value)
    {
        if (value)
        {
            Tag(field, 0);
            Varint(1);
        }
    }

    public void Int64(int field, long value)
    {
        if (value != 0)
        {
            Tag(field, 0);
            Varint(unchecked((ulong)value));
        }
    }

    public void Double(int field, double value)
    {
        if (value != 0)
        {
            Tag(field, 1);
            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
            _buffer.Write(bytes);
        }
    }

    /// <summary>Writes a nested message; an empty one is still written when <paramref name="always"/> (presence matters).</summary>
    public void Message(int field, ProtoWriter message, bool always = false)
    {
        if (always || message.Length > 0)
        {
            Bytes(field, message._buffer.WrittenSpan);
        }
    }

    private void Bytes(int field, ReadOnlySpan<byte> bytes)
    {
        Tag(field, 2);
        Varint((ulong)bytes.Length);
        _buffer.Write(bytes);
    }

    private void Tag(int field, int wireType) => Varint(((ulong)field << 3) | (uint)wireType);

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.Write([(byte)(value | 0x80)]);
            value >>= 7;
        }

        _buffer.Write([(byte)value]);
    }
}
