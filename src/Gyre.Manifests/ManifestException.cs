namespace Gyre.Manifests;

/// <summary>
/// A manifest could not be read or written. Location travels as data (file, line, column, object, field path) so callers
/// can present it without re-parsing the message.
/// </summary>
public sealed class ManifestException : Exception
{
    public ManifestException(string reason, string? file = null, int line = 0, int column = 0, ObjectRef? obj = null, string? fieldPath = null, Exception? innerException = null)
        : base(Compose(reason, file, line, column, obj, fieldPath), innerException)
    {
        Reason = reason;
        File = file;
        Line = line;
        Column = column;
        Object = obj;
        FieldPath = fieldPath;
    }

    /// <summary>What failed, without the location prefix.</summary>
    public string Reason { get; }

    public string? File { get; }

    /// <summary>1-based line, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>1-based column, or 0 when unknown.</summary>
    public int Column { get; }

    public ObjectRef? Object { get; }

    public string? FieldPath { get; }

    private static string Compose(string reason, string? file, int line, int column, ObjectRef? obj, string? fieldPath)
    {
        var where = new List<string>(3);
        if (file is not null)
        {
            where.Add(line > 0 ? (column > 0 ? $"{file}:{line}:{column}" : $"{file}:{line}") : file);
        }
        else if (line > 0)
        {
            where.Add(column > 0 ? $"line {line}:{column}" : $"line {line}");
        }

        if (obj is not null)
        {
            where.Add(obj.ToString());
        }

        if (fieldPath is not null)
        {
            where.Add(fieldPath);
        }

        return where.Count == 0 ? reason : string.Join(": ", where) + ": " + reason;
    }
}
