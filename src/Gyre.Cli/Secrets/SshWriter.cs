using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Gyre.Cli.Secrets;

/// <summary>Writes the SSH wire encoding (RFC 4251 §5): bytes, uint32, length-prefixed strings and mpints.</summary>
internal sealed class SshWriter
{
    private readonly List<byte> _buffer = [];

    public SshWriter Byte(byte value)
    {
        _buffer.Add(value);
        return this;
    }

    public SshWriter Raw(ReadOnlySpan<byte> value)
    {
        _buffer.AddRange(value);
        return this;
    }

    public SshWriter UInt32(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return Raw(bytes);
    }

    public SshWriter String(ReadOnlySpan<byte> value) => UInt32((uint)value.Length).Raw(value);

    public SshWriter String(string value) => String(Encoding.UTF8.GetBytes(value));

    /// <summary>An unsigned big-endian magnitude as an mpint: leading zeros dropped, a zero byte added when the top bit is set.</summary>
    public SshWriter MpInt(ReadOnlySpan<byte> unsignedBigEndian)
    {
        var start = 0;
        while (start < unsignedBigEndian.Length && unsignedBigEndian[start] == 0)
        {
            start++;
        }

        var magnitude = unsignedBigEndian[start..];
        if (magnitude.Length > 0 && (magnitude[0] & 0x80) != 0)
        {
            return UInt32((uint)magnitude.Length + 1).Byte(0).Raw(magnitude);
        }

        return String(magnitude);
    }

    public SshWriter MpInt(BigInteger value) => MpInt(value.ToByteArray(isUnsigned: true, isBigEndian: true));

    public byte[] ToArray() => _buffer.ToArray();
}
