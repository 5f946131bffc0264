using System.Text;

namespace Gyre.LocalCluster.Security;

/// <summary>Writes a kubeconfig (YAML) with the cluster's URL and CA and one token user, readable only by its owner.</summary>
internal static class Kubeconfig
{
    public static void Write(string path, Uri server, string caPem, string user, string token)
    {
        var ca = Convert.ToBase64String(Encoding.ASCII.GetBytes(caPem));
        var text = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: gyre-local
              cluster:
                server: {server.ToString().TrimEnd('/')}
                certificate-authority-data: {ca}
            users:
            - name: {user}
              user:
                token: {token}
            contexts:
            - name: gyre-local
              context:
                cluster: gyre-local
                user: {user}
                namespace: default
            current-context: gyre-local

            """;
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(tmp, path, true);
    }
}
