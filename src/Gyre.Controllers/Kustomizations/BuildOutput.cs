namespace Gyre.Controllers.Kustomizations;

/// <summary>Splits a kustomize build's output into its documents, each with the YAML text the build wrote.</summary>
internal static class BuildOutput
{
    public static IReadOnlyList<string> Documents(string yaml)
    {
        // kustomize separates documents with a "---" line at column 0; inside block scalars such a line is indented.
        var documents = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var line in yaml.Split('\n'))
        {
            if (line == "---")
            {
                Flush(current, documents);
                continue;
            }

            current.Append(line).Append('\n');
        }

        Flush(current, documents);
        return documents;
    }

    private static void Flush(System.Text.StringBuilder current, List<string> documents)
    {
        var text = current.ToString();
        if (text.Trim().Length > 0)
        {
            documents.Add(text.TrimEnd('\n') + "\n");
        }

        current.Clear();
    }
}
