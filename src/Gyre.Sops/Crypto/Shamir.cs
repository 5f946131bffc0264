using System.Security.Cryptography;

namespace Gyre.Sops.Crypto;

/// <summary>
/// Shamir secret sharing over GF(2^8) as sops uses it (HashiCorp Vault's scheme): each share is the polynomial values
/// for every secret byte followed by the share's x coordinate.
/// </summary>
internal static class Shamir
{
    public static List<byte[]> Split(byte[] secret, int parts, int threshold)
    {
        if (threshold < 2 || parts < threshold || parts > 255)
        {
            throw new SopsException($"invalid Shamir parameters: {parts} key groups with threshold {threshold}");
        }

        var xs = Enumerable.Range(1, 255).OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue)).Take(parts).Select(x => (byte)x).ToArray();
        var shares = xs.Select(x => { var s = new byte[secret.Length + 1]; s[^1] = x; return s; }).ToList();
        for (var i = 0; i < secret.Length; i++)
        {
            var coefficients = RandomNumberGenerator.GetBytes(threshold);
            coefficients[0] = secret[i];
            for (var p = 0; p < parts; p++)
            {
                shares[p][i] = Evaluate(coefficients, xs[p]);
            }
        }

        return shares;
    }

    public static byte[] Combine(IReadOnlyList<byte[]> shares)
    {
        if (shares.Count < 2 || shares.Any(s => s.Length != shares[0].Length || s.Length < 2))
        {
            throw new SopsException("cannot combine Shamir shares: they are missing or of different lengths");
        }

        var xs = shares.Select(s => s[^1]).ToArray();
        if (xs.Distinct().Count() != xs.Length)
        {
            throw new SopsException("cannot combine Shamir shares: duplicate share");
        }

        var secret = new byte[shares[0].Length - 1];
        for (var i = 0; i < secret.Length; i++)
        {
            byte value = 0;
            for (var j = 0; j < shares.Count; j++)
            {
                // Lagrange basis at x = 0: product of x_m / (x_m - x_j); subtraction is XOR in GF(2^8).
                byte basis = 1;
                for (var m = 0; m < shares.Count; m++)
                {
                    if (m != j)
                    {
                        basis = Multiply(basis, Divide(xs[m], (byte)(xs[m] ^ xs[j])));
                    }
                }

                value ^= Multiply(shares[j][i], basis);
            }

            secret[i] = value;
        }

        return secret;
    }

    private static byte Evaluate(byte[] coefficients, byte x)
    {
        byte result = 0;
        for (var i = coefficients.Length - 1; i >= 0; i--)
        {
            result = (byte)(Multiply(result, x) ^ coefficients[i]);
        }

        return result;
    }

    private static byte Multiply(byte a, byte b)
    {
        var result = 0;
        int x = a, y = b;
        while (y != 0)
        {
            if ((y & 1) != 0)
            {
                result ^= x;
            }

            x <<= 1;
            if ((x & 0x100) != 0)
            {
                x ^= 0x11b;
            }

            y >>= 1;
        }

        return (byte)result;
    }

    private static byte Divide(byte a, byte b)
    {
        // b^254 is b's inverse in GF(2^8).
        byte inverse = 1;
        for (var i = 0; i < 254; i++)
        {
            inverse = Multiply(inverse, b);
        }

        return Multiply(a, inverse);
    }
}
