using System.Diagnostics;
using System.Text;
using Gyre.Sops;

namespace Gyre.Cli.Commands;

/// <summary>OpenPGP through the `gpg` binary (SOPS_GPG_EXEC or gpg on PATH), with GNUPGHOME passed through, as sops does.</summary>
internal sealed class GnuPg(string executable, SopsEnvironment environment) : IPgpDecrypter
{
    public static GnuPg? Find(SopsEnvironment environment)
    {
        var executable = environment.Get("SOPS_GPG_EXEC") ?? "gpg";
        if (Path.IsPathRooted(executable))
        {
            return File.Exists(executable) ? new GnuPg(executable, environment) : null;
        }

        var path = environment.Get("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, executable))) ? new GnuPg(executable, environment) : null;
    }

    public byte[]? TryDecrypt(string fingerprint, string armoredMessage)
    {
        var (code, output) = Run(["--batch", "--quiet", "--no-tty", "--decrypt"], Encoding.ASCII.GetBytes(armoredMessage));
        return code == 0 ? output : null;
    }

    public string? TryEncrypt(string fingerprint, byte[] dataKey)
    {
        var (code, output) = Run(["--batch", "--quiet", "--no-tty", "--armor", "--trust-model", "always", "--encrypt", "-r", fingerprint], dataKey);
        return code == 0 ? Encoding.ASCII.GetString(output) : null;
    }

    private (int Code, byte[] Output) Run(string[] args, byte[] input)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (environment.Get("GNUPGHOME") is { } home)
        {
            start.Environment["GNUPGHOME"] = home;
        }

        using var process = Process.Start(start) ?? throw new SopsException("could not start " + executable);
        var writer = Task.Run(() =>
        {
            process.StandardInput.BaseStream.Write(input);
            process.StandardInput.Close();
        });
        var error = process.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        writer.GetAwaiter().GetResult();
        _ = error.GetAwaiter().GetResult();
        process.WaitForExit();
        return (process.ExitCode, output.ToArray());
    }
}
