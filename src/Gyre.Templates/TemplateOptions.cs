namespace Gyre.Templates;

/// <summary>Options of a <see cref="TemplateSet"/>.</summary>
public sealed record TemplateOptions
{
    /// <summary>Missing map key behaviour; default <see cref="MissingKeyAction.Default"/>.</summary>
    public MissingKeyAction MissingKey { get; init; } = MissingKeyAction.Default;

    /// <summary>Left action delimiter; default "{{".</summary>
    public string LeftDelim { get; init; } = "{{";

    /// <summary>Right action delimiter; default "}}".</summary>
    public string RightDelim { get; init; } = "}}";

    /// <summary>Maximum nesting of {{template}} calls; Go's maxExecDepth is 100000.</summary>
    public int MaxTemplateDepth { get; init; } = 100_000;

    /// <summary>Upper bound on rendered characters per execution (including nested include results); default 64 Mi.</summary>
    public long MaxOutputChars { get; init; } = 64L * 1024 * 1024;

    /// <summary>Clock for date functions (Sprig's now, ago...); default the system clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Go's time.Local for date functions; default UTC.</summary>
    public TimeZoneInfo LocalZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Parses a Go option string such as "missingkey=zero"; throws ArgumentException like Go's panic text.</summary>
    public TemplateOptions WithOption(string option)
    {
        ArgumentNullException.ThrowIfNull(option);
        var eq = option.IndexOf('=', StringComparison.Ordinal);
        if (eq >= 0 && option[..eq] == "missingkey")
        {
            switch (option[(eq + 1)..])
            {
                case "invalid" or "default":
                    return this with { MissingKey = MissingKeyAction.Default };
                case "zero":
                    return this with { MissingKey = MissingKeyAction.Zero };
                case "error":
                    return this with { MissingKey = MissingKeyAction.Error };
            }
        }
        if (option.Length == 0)
        {
            throw new ArgumentException("empty option string", nameof(option));
        }
        throw new ArgumentException("unrecognized option: " + option, nameof(option));
    }
}
