namespace Gyre.Sops;

/// <summary>The one exception the SOPS engine throws: a message shaped `where: what failed: why`, with the location as data.</summary>
public class SopsException : Exception
{
    public SopsException(string message, string? file = null, string? fieldPath = null, Exception? innerException = null)
        : base(Compose(message, file, fieldPath), innerException)
    {
        File = file;
        FieldPath = fieldPath;
        Reason = message;
    }

    /// <summary>The file the error concerns, when known.</summary>
    public string? File { get; }

    /// <summary>The value path inside the document (keys joined with ':'), when the error concerns one value.</summary>
    public string? FieldPath { get; }

    /// <summary>The message without the location prefix.</summary>
    public string Reason { get; }

    /// <summary>True when the error is a MAC mismatch: the file was changed after it was encrypted.</summary>
    public bool IsMacMismatch { get; init; }

    /// <summary>Returns a copy of this error that names the given file.</summary>
    public SopsException WithFile(string file) =>
        File is not null ? this : new SopsException(Reason, file, FieldPath, InnerException) { IsMacMismatch = IsMacMismatch };

    private static string Compose(string message, string? file, string? fieldPath)
    {
        var where = (file, fieldPath) switch
        {
            (not null, not null) => file + ": " + fieldPath,
            (not null, null) => file,
            (null, not null) => fieldPath,
            _ => null,
        };
        return where is null ? message : where + ": " + message;
    }
}
