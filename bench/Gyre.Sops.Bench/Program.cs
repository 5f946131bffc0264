using System.Diagnostics;
using System.Globalization;
using System.Text;
using Gyre.Sops;
using Gyre.Sops.Age;

// Decrypt throughput of Gyre.Sops: a 1 MB YAML file, and 500 small Kubernetes Secrets (each with its own data key,
// so each pays the age unwrap). Plain Stopwatch harness: warm up, then report the median of several runs.
var identity = AgeIdentity.Generate();
var keyring = new SopsKeyring { AgeIdentities = [identity] };
var options = new SopsEncryptOptions { KeyGroups = [[SopsKeySpec.Age(identity.Recipient.Text)]] };
var now = DateTimeOffset.UnixEpoch;

var large = new StringBuilder();
for (var i = 0; large.Length < 1_000_000; i++)
{
    large.Append(CultureInfo.InvariantCulture, $"key{i:D6}:\n    user: user-{i}\n    password: {Convert.ToBase64String(BitConverter.GetBytes(i * 7919L))}-0123456789abcdef0123456789abcdef\n    port: {1000 + (i % 5000)}\n");
}

var largeEncrypted = SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(large.ToString()), SopsFormat.Yaml, options, keyring, now);
var secretOptions = options with { EncryptedRegex = "^(data|stringData)$" };
var secrets = Enumerable.Range(0, 500).Select(i => SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(
    $"apiVersion: v1\nkind: Secret\nmetadata:\n    name: app-{i}\n    namespace: default\nstringData:\n    username: admin\n    password: s3cr3t-{i}\n"),
    SopsFormat.Yaml, secretOptions, keyring, now)).ToList();

Measure($"1 MB YAML ({largeEncrypted.Length / 1024} KiB encrypted, {large.Length / 1024} KiB plain)", 5, () => SopsDecryptor.Decrypt(largeEncrypted, SopsFormat.Yaml, keyring), largeEncrypted.Length);
Measure("1 MB YAML: parse only (IsEncrypted)", 3, () => SopsDecryptor.IsEncrypted(largeEncrypted, SopsFormat.Yaml), largeEncrypted.Length);
Measure("500 small Secrets (one data key each)", 5, () =>
{
    foreach (var secret in secrets)
    {
        SopsDecryptor.Decrypt(secret, SopsFormat.Yaml, keyring);
    }
}, secrets.Sum(s => s.Length));

// The same 500 Secrets for a hybrid post-quantum recipient (age1pq1…): each pays an ML-KEM-768 + X25519 decapsulation.
var pqIdentity = AgeIdentity.GeneratePostQuantum();
var pqKeyring = new SopsKeyring { AgeIdentities = [pqIdentity] };
var pqOptions = secretOptions with { KeyGroups = [[SopsKeySpec.Age(pqIdentity.Recipient.Text)]] };
var pqSecrets = Enumerable.Range(0, 500).Select(i => SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(
    $"apiVersion: v1\nkind: Secret\nmetadata:\n    name: app-{i}\n    namespace: default\nstringData:\n    username: admin\n    password: s3cr3t-{i}\n"),
    SopsFormat.Yaml, pqOptions, pqKeyring, now)).ToList();
Measure("500 small Secrets, post-quantum age recipient", 5, () =>
{
    foreach (var secret in pqSecrets)
    {
        SopsDecryptor.Decrypt(secret, SopsFormat.Yaml, pqKeyring);
    }
}, pqSecrets.Sum(s => s.Length));

static void Measure(string name, int runs, Action action, long bytes)
{
    action();
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        action();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    var median = times[times.Count / 2];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: median {median:F1} ms (min {times[0]:F1}, max {times[^1]:F1}) over {runs} runs; {bytes / 1024.0 / 1024.0 / (median / 1000):F1} MiB/s of encrypted input"));
}
