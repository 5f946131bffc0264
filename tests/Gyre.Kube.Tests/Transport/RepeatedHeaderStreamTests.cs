using System.Text;
using Gyre.Kube.Transport;

namespace Gyre.Kube.Tests.Transport;

public sealed class RepeatedHeaderStreamTests
{
    private static string Rewrite(params string[] writes)
    {
        using var wire = new MemoryStream();
        using var stream = new RepeatedHeaderStream(wire);
        foreach (var write in writes)
        {
            stream.Write(Encoding.Latin1.GetBytes(write));
        }

        return Encoding.Latin1.GetString(wire.ToArray());
    }

    [Fact]
    public void Marker_lines_in_request_heads_become_repeated_header_lines()
    {
        var wire = Rewrite("GET /api HTTP/1.1\r\nImpersonate-Group: a\r\nX-Gyre-Repeat-1-Impersonate-Group: b, c\r\nX-Gyre-Repeat-12-Impersonate-Group: d\r\n\r\n");

        Assert.Equal("GET /api HTTP/1.1\r\nImpersonate-Group: a\r\nImpersonate-Group: b, c\r\nImpersonate-Group: d\r\n\r\n", wire);
    }

    [Fact]
    public void Bodies_pass_through_untouched_and_the_next_request_head_is_rewritten_even_when_split_across_writes()
    {
        const string Body = "\r\nX-Gyre-Repeat-1-A: body\r\n\r\n";
        var wire = Rewrite(
            $"POST / HTTP/1.1\r\nContent-Length: {Body.Length}\r\nX-Gyre-Repe",
            "at-1-A: v\r\n\r\n" + Body[..5],
            Body[5..] + "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nX-Gyre-Repeat-1-A: w\r\n\r\n",
            $"{Body.Length:x}\r\n{Body}\r\n0\r\n\r\n",
            "GET / HTTP/1.1\r\nX-Gyre-Repeat-1-A: x\r\n\r\n");

        Assert.Equal(
            $"POST / HTTP/1.1\r\nContent-Length: {Body.Length}\r\nA: v\r\n\r\n{Body}"
            + $"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nA: w\r\n\r\n{Body.Length:x}\r\n{Body}\r\n0\r\n\r\n"
            + "GET / HTTP/1.1\r\nA: x\r\n\r\n",
            wire);
    }
}
