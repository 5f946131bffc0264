namespace Gyre.ImageAutomation.Tests;

/// <summary>A temporary directory deleted at the end of a test.</summary>
internal sealed class TempTree : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("gyre-imageauto-").FullName;

    public static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetFileName(file)));
        }

        foreach (var dir in Directory.GetDirectories(from))
        {
            Copy(dir, System.IO.Path.Combine(to, System.IO.Path.GetFileName(dir)));
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
