using System.Net.Sockets;
using System.Security.Cryptography;
using Gyre.Cli.Flux;

namespace Gyre.Cli.Secrets;

/// <summary>
/// Reads a Git host's SSH host key the way flux's ScanHostKey does: a real key exchange up to the server's signed
/// reply, whose signature is verified, then the known_hosts line ("[host]:port type base64", the port only when not 22).
/// </summary>
internal static class SshHostKeyScanner
{
    private const byte KexInit = 20;
    private const byte KexEcdhInit = 30;
    private const byte KexEcdhReply = 31;

    public static async Task<string> ScanAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var where = $"scanning the SSH host key of {host}:{port}";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(host, port, deadline.Token).ConfigureAwait(false);
            var hostKey = await ExchangeAsync(new SshPacketStream(tcp.GetStream(), where), where, deadline.Token).ConfigureAwait(false);
            var type = new SshReader(hostKey, where).Text();
            return $"{(port == 22 ? host : $"[{host}]:{port}")} {type} {Convert.ToBase64String(hostKey)}\n";
        }
        catch (SocketException ex)
        {
            throw new CommandException($"{where}: {ex.Message}; check the URL's host and port");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CommandException($"{where}: no answer within {DurationOption.Format(timeout)}; check the URL's host and port");
        }
        catch (IOException ex)
        {
            throw new CommandException($"{where}: {ex.Message}");
        }
    }

    private static async Task<byte[]> ExchangeAsync(SshPacketStream stream, string where, CancellationToken cancellationToken)
    {
        var serverVersion = await stream.ExchangeVersionsAsync(cancellationToken).ConfigureAwait(false);
        var clientInit = ClientKexInit();
        await stream.WriteAsync(clientInit, cancellationToken).ConfigureAwait(false);
        var serverInit = await stream.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (serverInit[0] != KexInit)
        {
            throw new CommandException($"{where}: expected the server's KEXINIT, got message {serverInit[0]}");
        }

        var lists = new SshReader(serverInit, where);
        lists.Raw(17);
        var kexAlgorithm = Choose(SshKeyExchange.Algorithms, lists.NameList(), "key exchange", where);
        var hostKeyAlgorithm = Choose(SshHostKeySignature.Algorithms, lists.NameList(), "host key", where);
        using var exchange = SshKeyExchange.Create(kexAlgorithm);
        var clientPublic = exchange.PublicKey;
        await stream.WriteAsync(new SshWriter().Byte(KexEcdhInit).String(clientPublic).ToArray(), cancellationToken).ConfigureAwait(false);
        var reply = await stream.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (reply[0] != KexEcdhReply)
        {
            throw new CommandException($"{where}: expected the server's key exchange reply, got message {reply[0]}");
        }

        var fields = new SshReader(reply, where);
        fields.Byte();
        var hostKey = fields.Bytes();
        var serverPublic = fields.Bytes();
        var signature = fields.Bytes();
        var hash = SHA256.HashData(new SshWriter()
            .String(SshPacketStream.ClientVersion).String(serverVersion).String(clientInit).String(serverInit)
            .String(hostKey).String(clientPublic).String(serverPublic).MpInt(exchange.SharedSecret(serverPublic, where)).ToArray());
        SshHostKeySignature.Verify(hostKeyAlgorithm, hostKey, signature, hash, where);
        return hostKey;
    }

    private static byte[] ClientKexInit()
    {
        var ciphers = "chacha20-poly1305@openssh.com,aes128-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com";
        var macs = "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha2-256,hmac-sha2-512";
        return new SshWriter().Byte(KexInit).Raw(RandomNumberGenerator.GetBytes(16))
            .String(string.Join(',', SshKeyExchange.Algorithms)).String(string.Join(',', SshHostKeySignature.Algorithms))
            .String(ciphers).String(ciphers).String(macs).String(macs).String("none").String("none").String("").String("")
            .Byte(0).UInt32(0).ToArray();
    }

    private static string Choose(string[] ours, string[] theirs, string what, string where) =>
        ours.FirstOrDefault(theirs.Contains)
        ?? throw new CommandException($"{where}: no common {what} algorithm: Gyre offers {string.Join(", ", ours)}; the server offers {string.Join(", ", theirs)}");
}
