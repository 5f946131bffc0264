using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Gyre.Cli.Flux;

namespace Gyre.Cli.Secrets;

/// <summary>
/// The unencrypted start of an SSH connection (RFC 4253 §4.2, §6): the version exchange, then binary packets with no
/// cipher or MAC yet, which is all a host key scan needs. Errors name <paramref name="where"/>.
/// </summary>
internal sealed class SshPacketStream(NetworkStream stream, string where)
{
    private const int MaxPacket = 256 * 1024;

    public const string ClientVersion = "SSH-2.0-Gyre";

    public async Task<string> ExchangeVersionsAsync(CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(ClientVersion + "\r\n"), cancellationToken).ConfigureAwait(false);
        for (var lines = 0; lines < 64; lines++)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line.StartsWith("SSH-", StringComparison.Ordinal))
            {
                return line.StartsWith("SSH-2.0-", StringComparison.Ordinal) || line.StartsWith("SSH-1.99-", StringComparison.Ordinal)
                    ? line
                    : throw new CommandException($"{where}: the server speaks '{line}', not SSH 2");
            }
        }

        throw new CommandException($"{where}: the server sent no SSH version line; is this an SSH port?");
    }

    public async Task WriteAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var padding = 8 - ((5 + payload.Length) % 8);
        padding += padding < 4 ? 8 : 0;
        var packet = new SshWriter().UInt32((uint)(1 + payload.Length + padding)).Byte((byte)padding).Raw(payload).Raw(RandomNumberGenerator.GetBytes(padding)).ToArray();
        await stream.WriteAsync(packet, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The next packet's payload, skipping IGNORE and DEBUG; a DISCONNECT becomes an error with the server's reason.</summary>
    public async Task<byte[]> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var header = await ReadExactlyAsync(4, cancellationToken).ConfigureAwait(false);
            var length = BinaryPrimitives.ReadUInt32BigEndian(header);
            if (length is < 5 or > MaxPacket)
            {
                throw new CommandException($"{where}: the server sent a malformed SSH packet ({length} bytes)");
            }

            var body = await ReadExactlyAsync((int)length, cancellationToken).ConfigureAwait(false);
            var padding = body[0];
            if (padding + 1 >= body.Length)
            {
                throw new CommandException($"{where}: the server sent a malformed SSH packet (padding {padding})");
            }

            var payload = body.AsSpan(1, body.Length - 1 - padding).ToArray();
            switch (payload[0])
            {
                case 2 or 4:
                    continue;
                case 1:
                    var reader = new SshReader(payload, where);
                    reader.Byte();
                    reader.UInt32();
                    throw new CommandException($"{where}: the server closed the connection: {reader.Text()}");
                default:
                    return payload;
            }
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        while (line.Count < 1024)
        {
            var next = await ReadExactlyAsync(1, cancellationToken).ConfigureAwait(false);
            if (next[0] == '\n')
            {
                return Encoding.UTF8.GetString([.. line]).TrimEnd('\r');
            }

            line.Add(next[0]);
        }

        throw new CommandException($"{where}: the server's greeting line is too long; is this an SSH port?");
    }

    private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        try
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException)
        {
            throw new CommandException($"{where}: the server closed the connection during the SSH handshake");
        }

        return buffer;
    }
}
