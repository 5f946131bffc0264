namespace Gyre.Cel.Values;

/// <summary>CEL's bytes value: an immutable byte sequence compared by content.</summary>
internal sealed class CelBytes(byte[] data) : IEquatable<CelBytes>, IComparable<CelBytes>
{
    public byte[] Data { get; } = data;

    public bool Equals(CelBytes? other) => other is not null && Data.AsSpan().SequenceEqual(other.Data);

    public override bool Equals(object? obj) => Equals(obj as CelBytes);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Data);
        return hash.ToHashCode();
    }

    public int CompareTo(CelBytes? other) => other is null ? 1 : Data.AsSpan().SequenceCompareTo(other.Data);
}
