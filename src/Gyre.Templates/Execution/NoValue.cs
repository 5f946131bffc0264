namespace Gyre.Templates.Execution;

/// <summary>
/// Go's invalid reflect.Value: the result of a missing map key (missingkey=default) or of a nil interface once a
/// pipeline stage has finished. It prints as "&lt;no value&gt;"; <c>null</c> is a nil interface{} value.
/// </summary>
internal sealed class NoValue
{
    public static readonly NoValue Instance = new();

    private NoValue()
    {
    }
}
