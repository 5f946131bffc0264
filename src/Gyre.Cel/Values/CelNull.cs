namespace Gyre.Cel.Values;

/// <summary>CEL's <c>null</c> (type null_type); a singleton so <c>null</c> never means "absent" inside the engine.</summary>
internal sealed class CelNull
{
    public static readonly CelNull Value = new();

    private CelNull()
    {
    }

    public override string ToString() => "null";
}
