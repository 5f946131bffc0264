namespace Gyre.Kustomize.Config;

/// <summary>The embedded default-config.yaml: kustomize v5.5's built-in field specs.</summary>
internal static class DefaultConfig
{
    public static string Text { get; } = Read();

    private static string Read()
    {
        using var stream = typeof(DefaultConfig).Assembly.GetManifestResourceStream("Gyre.Kustomize.default-config.yaml")
            ?? throw new InvalidOperationException("embedded default-config.yaml is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
