using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Gyre.Cli.Commands;

namespace Gyre.Cli.Tests;

/// <summary>A private GNUPGHOME holding the published test keys, with its gpg-agent stopped at the end.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class GnuPgHomeFixture : IDisposable
{
    public GnuPgHomeFixture()
    {
        Home = Directory.CreateTempSubdirectory("gyre-gnupg-").FullName;
        File.SetUnixFileMode(Home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var key in new[] { "sops_functional_tests_key.asc", "flux-pgp.asc", "sops-nix-key.asc", "helm-secrets-private.gpg", "helm-secrets-private2.gpg" })
        {
            Gpg("--batch", "--quiet", "--import", SopsCommandTests.Vector("keys/" + key));
        }
    }

    public string Home { get; }

    public void Gpg(params string[] args)
    {
        var start = new ProcessStartInfo("gpg") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.Environment["GNUPGHOME"] = Home;
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
    }

    public void Dispose()
    {
        var start = new ProcessStartInfo("gpgconf", "--kill gpg-agent") { UseShellExecute = false };
        start.Environment["GNUPGHOME"] = Home;
        using (var process = Process.Start(start)!)
        {
            process.WaitForExit();
        }

        Directory.Delete(Home, recursive: true);
    }
}

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class SopsCommandTests : IClassFixture<GnuPgHomeFixture>, IDisposable
{
    private const string FluxAge = "age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29";
    private readonly GnuPgHomeFixture _gnupg;
    private readonly string _dir = Directory.CreateTempSubdirectory("gyre-sops-cli-").FullName;

    public SopsCommandTests(GnuPgHomeFixture gnupg) => _gnupg = gnupg;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static string Vector(string relative) =>
        Path.Combine(AppContext.BaseDirectory, "testdata", "sops", "vectors", relative);

    private static string? Expected(string relative)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "testdata", "sops", "expected", relative + ".plain");
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    private async Task<(int Code, string Output, string Error)> Sops(Dictionary<string, string> env, params string[] args)
    {
        env.TryAdd("PATH", Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin");
        env.TryAdd("HOME", _dir);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, TextReader.Null);
        var root = new RootCommand { SopsCommand.Create(console, new SopsEnvironment(env, _dir) { ReadPassphrase = _readPassphrase }, TimeProvider.System) };
        int code;
        try
        {
            code = await root.Parse(["sops", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex)
        {
            // What GyreApp.RunAsync does with any failure.
            error.WriteLine("error: " + ErrorText.Describe(ex, verbose: false));
            code = ExitCodes.Failure;
        }

        return (code, output.ToString(), error.ToString());
    }

    public static TheoryData<string> YamlJsonEnvIniVectors() =>
    [
        "getsops-sops/example.yaml", "getsops-sops/example.json", "getsops-sops/example.ini",
        "getsops-sops/functional-tests/res/format.enc.env", "sops-nix/secrets.yaml", "sops-nix/secrets.env",
        "helm-secrets/secrets.yaml", "helm-secrets/secrets.gpg_key.yaml", "kustomize-controller-2023/secret.yaml",
        "kustomize-controller/algorithms/age.yaml", "kustomize-controller/envs/env.env", "helm-secrets/secrets.age.yaml",
    ];

    [Theory]
    [MemberData(nameof(YamlJsonEnvIniVectors))]
    public async Task Decrypt_prints_what_sops_prints_with_keys_from_gnupghome_and_sops_age_key_file(string vector)
    {
        var ageKeys = Path.Combine(_dir, "keys.txt");
        File.WriteAllText(ageKeys, File.ReadAllText(Vector("keys/flux-age.txt")) + File.ReadAllText(Vector("keys/helm-secrets-age-key.txt")));
        var env = new Dictionary<string, string> { ["GNUPGHOME"] = _gnupg.Home, ["SOPS_AGE_KEY_FILE"] = ageKeys };

        var (code, output, error) = await Sops(env, "decrypt", Vector(vector));

        Assert.True(code == 0, error);
        Assert.Equal(Expected(vector), output);
    }

    public static TheoryData<string> AllVerifiedVectors()
    {
        var root = Vector(string.Empty);
        return
        [
            .. Directory.EnumerateFiles(root, "*.decrypted.json", SearchOption.AllDirectories)
                .Select(p => Path.GetRelativePath(root, p[..^".decrypted.json".Length]))
                .Where(p => File.Exists(Vector(p)))
                .Order(StringComparer.Ordinal),
        ];
    }

    [Theory]
    [MemberData(nameof(AllVerifiedVectors))]
    public async Task Decrypt_opens_every_real_sops_vector_with_its_published_key(string vector)
    {
        var ageKeys = Path.Combine(_dir, "all-age-keys.txt");
        File.WriteAllText(ageKeys, string.Concat(new[] { "flux-age.txt", "flux-age-global.txt", "helm-secrets-age-key.txt", "sops-age-keys.txt" }
            .Select(k => File.ReadAllText(Vector("keys/" + k)) + "\n")));
        var env = new Dictionary<string, string> { ["GNUPGHOME"] = _gnupg.Home, ["SOPS_AGE_KEY_FILE"] = ageKeys };
        string[] args = vector.EndsWith("no_mac.yaml", StringComparison.Ordinal) ? ["decrypt", "--ignore-mac", Vector(vector)] : ["decrypt", Vector(vector)];

        var (code, output, error) = await Sops(env, args);

        Assert.True(code == 0, error);
        var expected = Expected(vector) ?? System.Text.Json.JsonDocument.Parse(File.ReadAllText(Vector(vector) + ".decrypted.json"))
            .RootElement.GetProperty("values")[0].GetProperty("value").GetString();
        Assert.Equal(expected, output);
    }

    [Theory]
    [InlineData("kustomize-controller/files/file.txt", "value")]
    [InlineData("sops-nix/secrets.bin", "binary_value\n")]
    public async Task Decrypt_prints_binary_files_as_their_bytes(string vector, string expected)
    {
        var env = new Dictionary<string, string> { ["GNUPGHOME"] = _gnupg.Home, ["SOPS_AGE_KEY"] = File.ReadAllText(Vector("keys/flux-age.txt")) };

        var (code, output, error) = await Sops(env, "decrypt", Vector(vector));

        Assert.True(code == 0, error);
        Assert.Equal(expected, output);
    }

    [Fact]
    public async Task The_default_age_keys_file_is_found_under_xdg_config_home()
    {
        var config = Path.Combine(_dir, "xdg");
        Directory.CreateDirectory(Path.Combine(config, "sops", "age"));
        File.Copy(Vector("keys/flux-age.txt"), Path.Combine(config, "sops", "age", "keys.txt"));

        var (code, output, _) = await Sops(new() { ["XDG_CONFIG_HOME"] = config }, "decrypt", Vector("kustomize-controller/algorithms/age.yaml"));

        Assert.Equal(0, code);
        Assert.Contains("key: value", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encrypt_with_age_and_pgp_flags_then_decrypt_with_either_key()
    {
        var plain = Path.Combine(_dir, "secret.yaml");
        File.WriteAllText(plain, "apiVersion: v1\nkind: Secret\nstringData:\n    password: hunter2\n");

        var (code, encrypted, error) = await Sops(new() { ["GNUPGHOME"] = _gnupg.Home }, "encrypt", "--age", FluxAge, "--pgp", "35C1A64CD7FC0AB6EB66756B2445463C3234ECE1",
            "--encrypted-regex", "^(data|stringData)$", "secret.yaml");
        Assert.True(code == 0, error);
        Assert.Contains("kind: Secret", encrypted, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", encrypted, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_dir, "secret.enc.yaml"), encrypted);

        var byAge = await Sops(new() { ["SOPS_AGE_KEY_FILE"] = Vector("keys/flux-age.txt") }, "decrypt", "secret.enc.yaml");
        var byPgp = await Sops(new() { ["GNUPGHOME"] = _gnupg.Home }, "decrypt", "secret.enc.yaml");
        Assert.Equal(File.ReadAllText(plain), byAge.Output);
        Assert.Equal(File.ReadAllText(plain), byPgp.Output);
    }

    [Fact]
    public async Task Encrypt_follows_sops_yaml_creation_rules_with_key_groups()
    {
        File.WriteAllText(Path.Combine(_dir, ".sops.yaml"), $$"""
            creation_rules:
              - path_regex: ^secrets/.*\.yaml$
                encrypted_regex: ^password$
                key_groups:
                  - age:
                      - {{FluxAge}}
                  - pgp:
                      - 35C1A64CD7FC0AB6EB66756B2445463C3234ECE1
              - age: age1henwn645drkd3fa34t27t2w2x0nsgw3w4h62gmg5x5xflyjpy38s5cncph
            """);
        Directory.CreateDirectory(Path.Combine(_dir, "secrets"));
        File.WriteAllText(Path.Combine(_dir, "secrets", "db.yaml"), "user: admin\npassword: hunter2\n");
        var env = new Dictionary<string, string> { ["GNUPGHOME"] = _gnupg.Home, ["SOPS_AGE_KEY_FILE"] = Vector("keys/flux-age.txt") };

        var (code, _, error) = await Sops(env, "encrypt", "-i", "secrets/db.yaml");
        Assert.True(code == 0, error);
        var encrypted = File.ReadAllText(Path.Combine(_dir, "secrets", "db.yaml"));
        Assert.Contains("user: admin", encrypted, StringComparison.Ordinal);
        Assert.Contains("shamir_threshold: 2", encrypted, StringComparison.Ordinal);

        var decrypted = await Sops(env, "decrypt", "secrets/db.yaml");
        Assert.Equal("user: admin\npassword: hunter2\n", decrypted.Output);
        var ageOnly = await Sops(new() { ["SOPS_AGE_KEY_FILE"] = Vector("keys/flux-age.txt") }, "decrypt", "secrets/db.yaml");
        Assert.Equal(1, ageOnly.Code);
        Assert.Contains("1 of 2 key groups", ageOnly.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_runs_the_editor_on_the_plaintext_and_reencrypts()
    {
        var file = Path.Combine(_dir, "app.yaml");
        var env = new Dictionary<string, string> { ["SOPS_AGE_KEY_FILE"] = Vector("keys/flux-age.txt") };
        File.WriteAllText(file, "token: old\n");
        Assert.Equal(0, (await Sops(env, "encrypt", "--age", FluxAge, "-i", "app.yaml")).Code);
        var editor = Path.Combine(_dir, "editor.sh");
        File.WriteAllText(editor, "#!/bin/sh\nsed -i 's/old/new/' \"$1\"\n");
        File.SetUnixFileMode(editor, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        env["EDITOR"] = editor;

        var (code, _, error) = await Sops(env, "edit", "app.yaml");

        Assert.True(code == 0, error);
        Assert.DoesNotContain("new", File.ReadAllText(file).Split("sops:")[0], StringComparison.Ordinal);
        Assert.Equal("token: new\n", (await Sops(env, "decrypt", "app.yaml")).Output);
    }

    [Fact]
    public async Task Edit_of_a_new_file_creates_it_encrypted_to_the_given_recipient()
    {
        var editor = Path.Combine(_dir, "writer.sh");
        File.WriteAllText(editor, "#!/bin/sh\nprintf 'api_token: abc\\n' > \"$1\"\n");
        File.SetUnixFileMode(editor, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var env = new Dictionary<string, string> { ["SOPS_AGE_KEY_FILE"] = Vector("keys/flux-age.txt"), ["EDITOR"] = editor };

        var (code, _, error) = await Sops(env, "edit", "--age", FluxAge, "new.yaml");

        Assert.True(code == 0, error);
        Assert.DoesNotContain("abc", File.ReadAllText(Path.Combine(_dir, "new.yaml")), StringComparison.Ordinal);
        Assert.Equal("api_token: abc\n", (await Sops(env, "decrypt", "new.yaml")).Output);
    }

    [Fact]
    public async Task Rotate_adds_a_recipient_and_updatekeys_applies_the_creation_rule()
    {
        var env = new Dictionary<string, string> { ["SOPS_AGE_KEY_FILE"] = Vector("keys/flux-age.txt") };
        File.WriteAllText(Path.Combine(_dir, "app.yaml"), "token: t\n");
        Assert.Equal(0, (await Sops(env, "encrypt", "--age", FluxAge, "-i", "app.yaml")).Code);
        const string Global = "age1henwn645drkd3fa34t27t2w2x0nsgw3w4h62gmg5x5xflyjpy38s5cncph";

        Assert.Equal(0, (await Sops(env, "rotate", "-i", "--add-age", Global, "app.yaml")).Code);
        var byGlobal = await Sops(new() { ["SOPS_AGE_KEY_FILE"] = Vector("keys/flux-age-global.txt") }, "decrypt", "app.yaml");
        Assert.Equal("token: t\n", byGlobal.Output);

        File.WriteAllText(Path.Combine(_dir, ".sops.yaml"), $"creation_rules:\n  - age: {Global}\n");
        var update = await Sops(env, "updatekeys", "-y", "app.yaml");
        Assert.True(update.Code == 0, update.Error);
        Assert.Equal(1, (await Sops(env, "decrypt", "app.yaml")).Code);
    }

    [Fact]
    public async Task A_wrong_key_is_one_clear_line_without_a_stack_trace()
    {
        var (code, output, error) = await Sops(new() { ["SOPS_AGE_KEY_FILE"] = Vector("keys/flux-age-global.txt") }, "decrypt", Vector("kustomize-controller/algorithms/age.yaml"));

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains("could not decrypt the data key", error, StringComparison.Ordinal);
        Assert.Contains("age:" + FluxAge, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gyre_sops_is_wired_into_the_cli_and_refuses_a_file_that_is_not_sops()
    {
        var (code, _, error) = await CliRunner.RunAsync("sops", "decrypt", Vector("getsops-sops/functional-tests/res/plainfile.yaml"));

        Assert.Equal(1, code);
        Assert.Contains("sops metadata not found", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_shows_an_example()
    {
        var (code, output, _) = await CliRunner.RunAsync("sops", "decrypt", "--help");

        Assert.Equal(0, code);
        Assert.Contains("gyre sops decrypt secret.enc.yaml", output, StringComparison.Ordinal);
    }
}
