namespace Gyre.Api.Meta;

/// <summary>metav1.ConditionStatus values.</summary>
public static class ConditionStatus
{
    public const string True = "True";
    public const string False = "False";
    public const string Unknown = "Unknown";
}
