using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Gyre.Sops.Age;

/// <summary>Reads the SSH wire encoding (RFC 4251): uint32, length-prefixed strings and mpints.</summary>
internal sealed class SshWire(byte[] data)
{
    private int _position;

    public bool AtEnd => _position >= data.Length;

    public uint UInt32()
    {
        Need(4);
        var value = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(_position));
        _position += 4;
        return value;
    }

    public byte[] Bytes()
    {
        var length = (int)UInt32();
        Need(length);
        var value = data.AsSpan(_position, length).ToArray();
        _position += length;
        return value;
    }

    public string Text() => Encoding.ASCII.GetString(Bytes());

    public BigInteger MpInt() => new(Bytes(), isUnsigned: false, isBigEndian: true);

    public byte[] Raw(int length)
    {
        Need(length);
        var value = data.AsSpan(_position, length).ToArray();
        _position += length;
        return value;
    }

    public static byte[] String(ReadOnlySpan<byte> value)
    {
        var output = new byte[4 + value.Length];
        BinaryPrimitives.WriteUInt32BigEndian(output, (uint)value.Length);
        value.CopyTo(output.AsSpan(4));
        return output;
    }

    private void Need(int count)
    {
        if (count < 0 || _position + count > data.Length)
        {
            throw new SopsException("malformed SSH key: truncated data");
        }
    }
}
