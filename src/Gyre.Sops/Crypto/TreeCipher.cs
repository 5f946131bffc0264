using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Gyre.Sops.Metadata;
using Gyre.Sops.Tree;

namespace Gyre.Sops.Crypto;

/// <summary>
/// Walks a tree in document order as sops's Tree.Encrypt/Decrypt do: decides per value whether it is encrypted
/// (suffixes, regexes, comment regexes), transforms it with the path as AAD, and hashes values for the MAC.
/// </summary>
internal sealed class TreeCipher
{
    // sha256("sops"): seeds the MAC when only encrypted values are covered, so the two MAC kinds never coincide.
    private static readonly byte[] MacOnlyEncryptedInitialization = Convert.FromHexString(
        "8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69");

    private readonly SopsMetadata _metadata;
    private readonly byte[] _key;
    private readonly bool _encrypt;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);

    private TreeCipher(SopsMetadata metadata, byte[] key, bool encrypt)
    {
        _metadata = metadata;
        _key = key;
        _encrypt = encrypt;
        if (metadata.MacOnlyEncrypted)
        {
            _hash.AppendData(MacOnlyEncryptedInitialization);
        }
    }

    /// <summary>Decrypts every encrypted value in place and returns the MAC (upper-case hex SHA-512) of the plaintext.</summary>
    public static string Decrypt(IReadOnlyList<SopsBranch> documents, SopsMetadata metadata, byte[] key)
    {
        var cipher = new TreeCipher(metadata, key, encrypt: false);
        return cipher.Run(documents);
    }

    /// <summary>Encrypts every value that should be in place and returns the MAC of the plaintext.</summary>
    public static string Encrypt(IReadOnlyList<SopsBranch> documents, SopsMetadata metadata, byte[] key)
    {
        var cipher = new TreeCipher(metadata, key, encrypt: true);
        return cipher.Run(documents);
    }

    private string Run(IReadOnlyList<SopsBranch> documents)
    {
        foreach (var document in documents)
        {
            WalkBranch(document, [], []);
        }

        var mac = Convert.ToHexString(_hash.GetHashAndReset());
        _hash.Dispose();
        return mac;
    }

    private void WalkBranch(SopsBranch branch, List<string> path, List<List<string>> commentsStack)
    {
        commentsStack = [.. commentsStack, []];
        foreach (var item in branch)
        {
            if (item.Key is SopsComment comment)
            {
                commentsStack[^1].Add(comment.Value);
                var result = Leaf(comment, path, commentsStack);
                item.Key = result as SopsComment ?? new SopsComment((string)result!);
                continue;
            }

            var key = (string)item.Key;
            item.Value = WalkValue(item.Value, [.. path, key], commentsStack);
            commentsStack[^1].Clear();
        }
    }

    private void WalkList(List<object?> list, List<string> path, List<List<string>> commentsStack)
    {
        commentsStack = [.. commentsStack, []];
        for (var i = 0; i < list.Count; i++)
        {
            var isComment = list[i] is SopsComment;
            if (list[i] is SopsComment c)
            {
                commentsStack[^1].Add(c.Value);
            }

            list[i] = WalkValue(list[i], path, commentsStack);
            if (!isComment)
            {
                commentsStack[^1].Clear();
            }
        }
    }

    private object? WalkValue(object? value, List<string> path, List<List<string>> commentsStack)
    {
        switch (value)
        {
            case null:
                return null;
            case SopsBranch branch:
                WalkBranch(branch, path, commentsStack);
                return branch;
            case List<object?> list:
                WalkList(list, path, commentsStack);
                return list;
            default:
                return Leaf(value, path, commentsStack);
        }
    }

    private object? Leaf(object value, List<string> path, List<List<string>> commentsStack)
    {
        var isComment = value is SopsComment;
        var encrypted = ShouldBeEncrypted(path, commentsStack, isComment);
        var aad = string.Join(':', path) + ":";
        if (_encrypt)
        {
            Hash(value, encrypted);
            return encrypted ? (isComment ? new SopsComment(ValueCipher.Encrypt(value, _key, aad)) : ValueCipher.Encrypt(value, _key, aad)) : value;
        }

        var plain = value;
        if (encrypted)
        {
            if (value is SopsComment comment)
            {
                // As sops: a comment that does not decrypt was written in clear by an older sops; keep it.
                plain = ValueCipher.IsEncrypted(comment.Value) ? ValueCipher.Decrypt(comment.Value, _key, aad) : comment;
            }
            else if (value is string text)
            {
                try
                {
                    plain = ValueCipher.Decrypt(text, _key, aad);
                }
                catch (SopsException ex)
                {
                    throw new SopsException(ex.Reason, fieldPath: aad.TrimEnd(':'), innerException: ex.InnerException);
                }
            }
            else
            {
                throw new SopsException("value should be encrypted but is not a string; the file may have been edited by hand", fieldPath: aad.TrimEnd(':'));
            }
        }

        Hash(plain, encrypted);
        return plain;
    }

    private void Hash(object value, bool encrypted)
    {
        if (value is SopsComment || (_metadata.MacOnlyEncrypted && !encrypted))
        {
            return;
        }

        _hash.AppendData(value is byte[] bytes ? bytes : Encoding.UTF8.GetBytes(MacBytes(value)));
    }

    // sops's ToBytes: strings as-is, ints in decimal, floats with FormatFloat('f', -1), bools as True/False.
    private static string MacBytes(object value) => value switch
    {
        string s => s,
        SopsTimestamp t => t.Value,
        long or int or ulong => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double d => GoFloat.Format(d, 'f'),
        bool b => b ? "True" : "False",
        _ => throw new SopsException($"cannot compute the MAC of a value of type {value.GetType().Name}"),
    };

    private bool ShouldBeEncrypted(List<string> path, List<List<string>> commentsStack, bool isComment)
    {
        var encrypted = true;
        var m = _metadata;
        if (!string.IsNullOrEmpty(m.UnencryptedSuffix) && path.Any(p => p.EndsWith(m.UnencryptedSuffix, StringComparison.Ordinal)))
        {
            encrypted = false;
        }

        if (!string.IsNullOrEmpty(m.EncryptedSuffix))
        {
            encrypted = path.Any(p => p.EndsWith(m.EncryptedSuffix, StringComparison.Ordinal));
        }

        if (!string.IsNullOrEmpty(m.UnencryptedRegex) && path.Any(p => GoRegex.IsMatch(p, m.UnencryptedRegex)))
        {
            encrypted = false;
        }

        if (!string.IsNullOrEmpty(m.EncryptedRegex))
        {
            encrypted = path.Any(p => GoRegex.IsMatch(p, m.EncryptedRegex));
        }

        if (!string.IsNullOrEmpty(m.UnencryptedCommentRegex)
            && commentsStack.Any(cs => cs.Any(c => GoRegex.IsMatch(c, m.UnencryptedCommentRegex))))
        {
            encrypted = false;
        }

        if (!string.IsNullOrEmpty(m.EncryptedCommentRegex))
        {
            encrypted = false;
            for (var i = 0; i < commentsStack.Count && !encrypted; i++)
            {
                for (var j = 0; j < commentsStack[i].Count; j++)
                {
                    // As sops: the comment line that matches is itself left in clear; only what follows it is encrypted.
                    if (isComment && i == commentsStack.Count - 1 && j == commentsStack[i].Count - 1)
                    {
                        continue;
                    }

                    if (GoRegex.IsMatch(commentsStack[i][j], m.EncryptedCommentRegex))
                    {
                        encrypted = true;
                        break;
                    }
                }
            }
        }

        return encrypted;
    }
}
