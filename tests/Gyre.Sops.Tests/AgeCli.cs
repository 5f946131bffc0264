using System.Diagnostics;

namespace Gyre.Sops.Tests;

/// <summary>Runs Debian's `age` and `age-keygen` (installed by test.sh) as the oracle for the age format.</summary>
internal static class AgeCli
{
    public static byte[] Run(string tool, string[] args, byte[] input)
    {
        var start = new ProcessStartInfo(tool)
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

        using var process = Process.Start(start)!;
        // Feed stdin and drain stdout/stderr concurrently: large inputs would otherwise fill the pipes and deadlock.
        var writer = Task.Run(() =>
        {
            process.StandardInput.BaseStream.Write(input);
            process.StandardInput.Close();
        });
        var errorTask = process.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        writer.Wait(TimeSpan.FromSeconds(30));
        var error = errorTask.Result;
        if (!process.WaitForExit(30_000))
        {
            process.Kill();
            throw new TimeoutException(tool + " did not finish");
        }

        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)} failed: {error}");
        return output.ToArray();
    }
}
