using System.Diagnostics;
using System.Net;
using Gyre.Kustomize.FileSystem;
using Gyre.Kustomize.Remote;

namespace Gyre.Cli.Kustomize;

/// <summary>
/// Fetches remote kustomize resources the way kustomize does: git through the git CLI (init, a shallow fetch of the
/// ref, checkout FETCH_HEAD, submodules) into a private temporary directory, and http(s) files with a bounded GET.
/// </summary>
internal sealed class GitRemoteFetcher(HttpClient http) : IRemoteFetcher
{
    public RemoteCheckout Clone(GitRepoSpec spec, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("gyre-kustomize-").FullName;
        try
        {
            Git(directory, spec, cancellationToken, "init", "--quiet");
            Git(directory, spec, cancellationToken, "fetch", "--depth=1", spec.CloneUrl, spec.Ref.Length > 0 ? spec.Ref : "HEAD");
            Git(directory, spec, cancellationToken, "checkout", "--quiet", "FETCH_HEAD");
            if (spec.Submodules)
            {
                Git(directory, spec, cancellationToken, "submodule", "update", "--init", "--recursive");
            }
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }

        return new RemoteCheckout(directory.Replace('\\', '/'), new DiskFileSystem(), () => Directory.Delete(directory, recursive: true));
    }

    public string Download(Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        HttpResponseMessage response;
        try
        {
            response = http.Send(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new RemoteFetchException(ex.Message, ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new RemoteFetchException($"status code {(int)response.StatusCode} ({response.ReasonPhrase})", (int)response.StatusCode);
            }

            using var reader = new StreamReader(response.Content.ReadAsStream(cancellationToken));
            return reader.ReadToEnd();
        }
    }

    private static void Git(string directory, GitRepoSpec spec, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Never prompt for credentials on a terminal: a build must fail, not hang.
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var process = Process.Start(start) ?? throw new RemoteFetchException("cannot run git; install git and try again");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        using var registration = cancellationToken.Register(() => Kill(process));
        if (!process.WaitForExit(spec.Timeout))
        {
            Kill(process);
            throw new RemoteFetchException($"git {arguments[0]} did not finish within {spec.Timeout.TotalSeconds:0} s (raise it with ?timeout= on the URL)");
        }

        process.WaitForExit();
        cancellationToken.ThrowIfCancellationRequested();
        if (process.ExitCode != 0)
        {
            var message = error.IsCompletedSuccessfully ? error.Result.Trim() : "";
            throw new RemoteFetchException($"git {arguments[0]} failed: {Redact(message, spec)}");
        }
    }

    // git may echo the URL it was given; a URL's password never reaches a message.
    private static string Redact(string message, GitRepoSpec spec) =>
        Uri.TryCreate(spec.CloneUrl, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':', StringComparison.Ordinal)
            ? message.Replace(uri.UserInfo, uri.UserInfo.Split(':')[0] + ":***", StringComparison.Ordinal)
            : message;

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
