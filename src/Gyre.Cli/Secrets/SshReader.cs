using System.Buffers.Binary;
using System.Text;
using Gyre.Cli.Flux;

namespace Gyre.Cli.Secrets;

/// <summary>Reads the SSH wire encoding (RFC 4251 §5); truncated input is an error naming <paramref name="what"/>.</summary>
internal sealed class SshReader(byte[] data, string what)
{
    private int _position;

    public bool AtEnd => _position >= data.Length;

    public byte Byte()
    {
        Need(1);
        return data[_position++];
    }

    public uint UInt32()
    {
        Need(4);
        var value = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(_position));
        _position += 4;
        return value;
    }

    public byte[] Raw(int length)
    {
        Need(length);
        var value = data.AsSpan(_position, length).ToArray();
        _position += length;
        return value;
    }

    public byte[] Bytes() => Raw(checked((int)UInt32()));

    public string Text() => Encoding.ASCII.GetString(Bytes());

    public string[] NameList() => Text().Split(',', StringSplitOptions.RemoveEmptyEntries);

    private void Need(int count)
    {
        if (count < 0 || _position + count > data.Length)
        {
            throw new CommandException($"{what}: malformed SSH data: truncated");
        }
    }
}
