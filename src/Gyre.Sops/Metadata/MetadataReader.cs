using System.Globalization;
using Gyre.Sops.Tree;

namespace Gyre.Sops.Metadata;

/// <summary>Reads the `sops` block (already a tree, whatever the store) into <see cref="SopsMetadata"/>.</summary>
internal static class MetadataReader
{
    private static readonly (string Provider, string IdField)[] Unsupported =
    [
        ("kms", "arn"), ("gcp_kms", "resource_id"), ("azure_kv", "vault_url"), ("hc_vault", "vault_address"), ("hckms", "key_id"),
    ];

    private static readonly string[] RuleFields =
    [
        "unencrypted_suffix", "encrypted_suffix", "unencrypted_regex", "encrypted_regex", "unencrypted_comment_regex", "encrypted_comment_regex",
    ];

    public static SopsMetadata Read(SopsBranch sops)
    {
        var groups = new List<IReadOnlyList<MasterKey>>();
        if (sops.Get("key_groups") is List<object?> keyGroups && keyGroups.Count > 0)
        {
            foreach (var group in keyGroups)
            {
                groups.Add(ReadGroup(group as SopsBranch ?? throw Invalid("key_groups", "each key group must be a mapping")));
            }
        }
        else
        {
            groups.Add(ReadGroup(sops));
        }

        if (groups.All(g => g.Count == 0) || sops.Get("lastmodified") is null)
        {
            throw new SopsException(
                "this is not a valid SOPS document: its 'sops' block has " + (sops.Get("lastmodified") is null ? "no lastmodified" : "no master keys")
                + "; encrypt the file with sops (or gyre sops encrypt), or rename the 'sops' key if it is your own data");
        }

        var rules = RuleFields.Count(f => !string.IsNullOrEmpty(Text(sops.Get(f))));
        if (rules > 1)
        {
            throw Invalid("unencrypted_suffix", "more than one of " + string.Join(", ", RuleFields) + " is set, which sops cannot decrypt");
        }

        return new SopsMetadata
        {
            KeyGroups = groups,
            ShamirThreshold = Int(sops.Get("shamir_threshold")),
            LastModified = Text(sops.Get("lastmodified")) ?? string.Empty,
            Mac = Text(sops.Get("mac")),
            // As sops: a file that names no rule leaves keys ending in _unencrypted in clear.
            UnencryptedSuffix = rules == 0 ? "_unencrypted" : Text(sops.Get("unencrypted_suffix")),
            EncryptedSuffix = Text(sops.Get("encrypted_suffix")),
            UnencryptedRegex = Text(sops.Get("unencrypted_regex")),
            EncryptedRegex = Text(sops.Get("encrypted_regex")),
            UnencryptedCommentRegex = Text(sops.Get("unencrypted_comment_regex")),
            EncryptedCommentRegex = Text(sops.Get("encrypted_comment_regex")),
            MacOnlyEncrypted = sops.Get("mac_only_encrypted") is true or "true",
            Version = Text(sops.Get("version")) ?? string.Empty,
        };
    }

    private static List<MasterKey> ReadGroup(SopsBranch group)
    {
        var keys = new List<MasterKey>();
        foreach (var entry in Entries(group, "age"))
        {
            keys.Add(new AgeMasterKey(
                Text(entry.Get("recipient")) ?? throw Invalid("age", "recipient is missing"),
                Text(entry.Get("enc")) ?? throw Invalid("age", "enc is missing")));
        }

        foreach (var entry in Entries(group, "pgp"))
        {
            keys.Add(new PgpMasterKey(
                Text(entry.Get("fp")) ?? throw Invalid("pgp", "fp is missing"),
                Text(entry.Get("enc")) ?? throw Invalid("pgp", "enc is missing"),
                Text(entry.Get("created_at")) ?? string.Empty));
        }

        foreach (var (provider, idField) in Unsupported)
        {
            foreach (var entry in Entries(group, provider))
            {
                keys.Add(new UnsupportedMasterKey(provider, Identifier(entry, provider, idField)));
            }
        }

        return keys;
    }

    /// <summary>How sops names the key: the field's value, or address/v1/engine/keys/name for Vault Transit.</summary>
    private static string Identifier(SopsBranch entry, string provider, string idField)
    {
        var id = Text(entry.Get(idField)) ?? "?";
        return provider == "hc_vault" && Text(entry.Get("engine_path")) is { } engine && Text(entry.Get("key_name")) is { } name
            ? $"{id.TrimEnd('/')}/v1/{engine}/keys/{name}"
            : id;
    }

    private static IEnumerable<SopsBranch> Entries(SopsBranch group, string provider) =>
        group.Get(provider) is List<object?> list ? list.OfType<SopsBranch>() : [];

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static int Int(object? value) => value switch
    {
        long l => (int)l,
        double d => (int)d,
        string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
        _ => 0,
    };

    private static SopsException Invalid(string field, string why) => new($"invalid sops metadata: {why}", fieldPath: "sops:" + field);
}
