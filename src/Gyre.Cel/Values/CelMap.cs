namespace Gyre.Cel.Values;

/// <summary>
/// CEL's map: keys are int, uint, bool or string; numeric keys compare across int/uint/double as current CEL's
/// heterogeneous equality says (<c>{1: 'a'}[1u]</c> finds the entry). Insertion order is kept for iteration.
/// </summary>
internal sealed class CelMap
{
    private readonly Dictionary<object, object> _entries = new(KeyComparer.Instance);
    private readonly List<object> _keys = [];

    public int Count => _keys.Count;

    public IReadOnlyList<object> Keys => _keys;

    /// <summary>Adds an entry; false when the key is already present (map literals reject that).</summary>
    public bool TryAdd(object key, object value)
    {
        if (!_entries.TryAdd(key, value))
        {
            return false;
        }

        _keys.Add(key);
        return true;
    }

    public bool TryGet(object key, out object value)
    {
        if (IsValidKey(key) || key is double)
        {
            return _entries.TryGetValue(key, out value!);
        }

        value = null!;
        return false;
    }

    public static bool IsValidKey(object key) => key is long or ulong or bool or string;

    private sealed class KeyComparer : IEqualityComparer<object>
    {
        public static readonly KeyComparer Instance = new();

        public new bool Equals(object? x, object? y) => object.Equals(Normalize(x), Normalize(y));

        public int GetHashCode(object obj) => Normalize(obj)?.GetHashCode() ?? 0;

        // Numeric keys collapse onto one representation so 1, 1u and 1.0 are the same key.
        private static object? Normalize(object? key) => key switch
        {
            ulong u when u <= long.MaxValue => (long)u,
            double d when Math.Floor(d) == d && d >= -9.2233720368547758e18 && d < 9.2233720368547758e18 => (long)d,
            double d when Math.Floor(d) == d && d >= 0 && d < 1.8446744073709552e19 => (ulong)d,
            _ => key,
        };
    }
}
