using Gyre.Templates.Functions;

namespace Gyre.Templates.Execution;

/// <summary>A Go time.Time: an instant plus the location it is shown in.</summary>
internal sealed class GoTime(DateTimeOffset instant, TimeZoneInfo zone) : IGoValue
{
    public DateTimeOffset Instant { get; } = instant;

    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>The wall clock in <see cref="Zone"/>.</summary>
    public DateTimeOffset Local => TimeZoneInfo.ConvertTime(Instant, Zone);

    public string GoType => "time.Time";

    public GoKind Kind => GoKind.Struct;

    /// <summary>time.Time.String: "2006-01-02 15:04:05.999999999 -0700 MST".</summary>
    public string Format() => GoTimeLayout.Format(this, "2006-01-02 15:04:05.999999999 -0700 MST");

    public TemplateFunction? Method(string name) => name switch
    {
        "Unix" => TemplateFunction.Of(_ => Instant.ToUnixTimeSeconds()),
        "Year" => TemplateFunction.Of(_ => (long)Local.Year),
        "Day" => TemplateFunction.Of(_ => (long)Local.Day),
        "Hour" => TemplateFunction.Of(_ => (long)Local.Hour),
        "Minute" => TemplateFunction.Of(_ => (long)Local.Minute),
        "Second" => TemplateFunction.Of(_ => (long)Local.Second),
        "UTC" => TemplateFunction.Of(_ => new GoTime(Instant, TimeZoneInfo.Utc)),
        "Local" => TemplateFunction.Of(_ => this),
        "Weekday" => TemplateFunction.Of(_ => new GoNamed("time.Weekday", Local.DayOfWeek.ToString(), (long)Local.DayOfWeek)),
        "Month" => TemplateFunction.Of(_ => new GoNamed("time.Month", System.Globalization.CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(Local.Month), Local.Month)),
        "YearDay" => TemplateFunction.Of(_ => (long)Local.DayOfYear),
        "Nanosecond" => TemplateFunction.Of(_ => Local.Ticks % TimeSpan.TicksPerSecond * 100),
        "UnixNano" => TemplateFunction.Of(_ => (Instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100),
        "IsZero" => TemplateFunction.Of(_ => Instant == new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        "Format" => TemplateFunction.Of(a => GoTimeLayout.Format(this, (string)a[0]!), ArgType.String),
        "String" => TemplateFunction.Of(_ => Format()),
        _ => null,
    };

    public override bool Equals(object? obj) => obj is GoTime t && t.Instant == Instant && t.Zone.Id == Zone.Id;

    public override int GetHashCode() => Instant.GetHashCode();
}
