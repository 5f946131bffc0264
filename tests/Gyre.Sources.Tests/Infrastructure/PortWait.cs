using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Gyre.Sources.Tests.Infrastructure;

/// <summary>Polls until a server accepts connections, with a deadline instead of a sleep.</summary>
public static class PortWait
{
    public static async Task ForAsync(int port, Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.StartInfo.FileName} exited with {process.ExitCode}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
