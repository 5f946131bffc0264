using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Gyre.Sops;
using Gyre.Sops.Config;

namespace Gyre.Cli.Commands;

/// <summary>`gyre sops encrypt|decrypt|edit|updatekeys|rotate`: sops-compatible file encryption with age and OpenPGP.</summary>
internal static class SopsCommand
{
    private static readonly Argument<string> FileArgument = new("file") { Description = "The file to work on" };
    private static readonly Option<string?> InputType = new("--input-type") { Description = "Format of the input: yaml, json, dotenv, ini or binary (default: from the extension)" };
    private static readonly Option<string?> OutputType = new("--output-type") { Description = "Format of the output (default: the input's)" };
    private static readonly Option<bool> InPlace = new("--in-place", "-i") { Description = "Write the result back to the file" };
    private static readonly Option<string?> Output = new("--output") { Description = "Write the result to this file instead of stdout" };
    private static readonly Option<string?> ConfigPath = new("--config") { Description = "Path to .sops.yaml (default: searched upwards from the working directory)" };
    private static readonly Option<string[]> AgeKeys = new("--age") { Description = "age recipients (age1…, post-quantum age1pq1…, or SSH public keys), comma separated", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<string[]> PgpKeys = new("--pgp") { Description = "OpenPGP fingerprints, comma separated" };
    private static readonly Option<string?> EncryptedRegex = new("--encrypted-regex") { Description = "Encrypt only values whose key matches this regex" };
    private static readonly Option<string?> UnencryptedRegex = new("--unencrypted-regex") { Description = "Leave values whose key matches this regex in clear" };
    private static readonly Option<string?> EncryptedSuffix = new("--encrypted-suffix") { Description = "Encrypt only values whose key ends with this suffix" };
    private static readonly Option<string?> UnencryptedSuffix = new("--unencrypted-suffix") { Description = "Leave values whose key ends with this suffix in clear" };
    private static readonly Option<string?> EncryptedCommentRegex = new("--encrypted-comment-regex") { Description = "Encrypt only values that follow a comment matching this regex" };
    private static readonly Option<string?> UnencryptedCommentRegex = new("--unencrypted-comment-regex") { Description = "Leave values that follow a comment matching this regex in clear" };
    private static readonly Option<bool> MacOnlyEncrypted = new("--mac-only-encrypted") { Description = "Compute the MAC over encrypted values only" };
    private static readonly Option<int> ShamirThreshold = new("--shamir-secret-sharing-threshold") { Description = "Number of key groups needed to decrypt" };
    private static readonly Option<bool> IgnoreMac = new("--ignore-mac") { Description = "Do not verify the MAC (only for files that have none)" };
    private static readonly Option<bool> Yes = new("--yes", "-y") { Description = "Do not ask for confirmation" };
    private static readonly Option<string[]> AddAge = new("--add-age") { Description = "age recipients to add while rotating" };
    private static readonly Option<string[]> RemoveAge = new("--rm-age") { Description = "age recipients to remove while rotating" };
    private static readonly Option<string[]> AddPgp = new("--add-pgp") { Description = "OpenPGP fingerprints to add while rotating" };
    private static readonly Option<string[]> RemovePgp = new("--rm-pgp") { Description = "OpenPGP fingerprints to remove while rotating" };

    public static Command Create(CliConsole console) => Create(console, SopsEnvironment.FromProcess(), TimeProvider.System);

    public static Command Create(CliConsole console, SopsEnvironment environment, TimeProvider time)
    {
        var command = new Command("sops", "Encrypt and decrypt SOPS files with age and OpenPGP, compatible with the sops CLI\n\nExample:\n  gyre sops encrypt --age age1... secret.yaml > secret.enc.yaml\n  SOPS_AGE_KEY_FILE=key.txt gyre sops decrypt secret.enc.yaml");
        command.Subcommands.Add(Decrypt(console, environment));
        command.Subcommands.Add(Encrypt(console, environment, time));
        command.Subcommands.Add(Edit(environment, time));
        command.Subcommands.Add(Rotate(console, environment, time));
        command.Subcommands.Add(UpdateKeys(console, environment, time));
        return command;
    }

    private static Command Decrypt(CliConsole console, SopsEnvironment environment)
    {
        var command = new Command("decrypt", "Decrypt a SOPS file and print the plaintext as sops does\n\nExample:\n  SOPS_AGE_KEY_FILE=~/.config/sops/age/keys.txt gyre sops decrypt secret.enc.yaml")
        {
            FileArgument, InputType, OutputType, InPlace, Output, IgnoreMac, ConfigPath,
        };
        command.SetAction(parse =>
        {
            var (path, format) = Input(parse, environment);
            var options = new SopsDecryptOptions
            {
                File = parse.GetValue(FileArgument),
                OutputFormat = OutputFormat(parse),
                Indent = LoadConfig(parse, environment).Config?.YamlIndent,
                IgnoreMac = parse.GetValue(IgnoreMac),
            };
            var plain = SopsDecryptor.Decrypt(File.ReadAllBytes(path), format, SopsKeyDiscovery.Discover(environment), options);
            return Write(console, parse, path, plain);
        });
        return command;
    }

    private static Command Encrypt(CliConsole console, SopsEnvironment environment, TimeProvider time)
    {
        var command = new Command("encrypt", "Encrypt a file with age and/or OpenPGP master keys, following .sops.yaml creation rules\n\nExample:\n  gyre sops encrypt --age age1... --encrypted-regex '^(data|stringData)$' -i secret.yaml")
        {
            FileArgument, AgeKeys, PgpKeys, EncryptedRegex, UnencryptedRegex, EncryptedSuffix, UnencryptedSuffix, EncryptedCommentRegex, UnencryptedCommentRegex, MacOnlyEncrypted, ShamirThreshold, InputType, OutputType, InPlace, Output, ConfigPath,
        };
        command.SetAction(parse =>
        {
            var (path, format) = Input(parse, environment);
            var options = EncryptOptions(parse, environment, path);
            var encrypted = SopsEncryptor.Encrypt(File.ReadAllBytes(path), format, options, SopsKeyDiscovery.Discover(environment), time.GetUtcNow());
            return Write(console, parse, path, encrypted);
        });
        return command;
    }

    // Master keys and rules: --age/--pgp and the regex/suffix flags win over the matching .sops.yaml creation rule.
    private static SopsEncryptOptions EncryptOptions(ParseResult parse, SopsEnvironment environment, string path)
    {
        var rule = Rule(parse, environment, path);
        var options = (rule?.ToOptions() ?? new SopsEncryptOptions()) with
        {
            File = parse.GetValue(FileArgument),
            OutputFormat = OutputFormat(parse),
            Indent = LoadConfig(parse, environment).Config?.YamlIndent,
        };
        var flagKeys = Specs(parse.GetValue(AgeKeys), SopsKeySpec.Age).Concat(Specs(parse.GetValue(PgpKeys), SopsKeySpec.Pgp)).ToList();
        if (flagKeys.Count > 0)
        {
            options = options with { KeyGroups = [flagKeys], ShamirThreshold = 0 };
        }
        else if (options.KeyGroups.Count == 0 && rule is { UnsupportedProviders.Count: > 0 })
        {
            throw new SopsException($"the creation rule only names providers Gyre does not support ({string.Join(", ", rule.UnsupportedProviders)}); use age or pgp", options.File);
        }

        return WithFlagRules(parse, options);
    }

    private static Command Edit(SopsEnvironment environment, TimeProvider time)
    {
        var command = new Command("edit", "Decrypt into a private temporary file, open $EDITOR, and re-encrypt when it exits; a new file is created\nencrypted with --age/--pgp or the .sops.yaml creation rule\n\nExample:\n  EDITOR=vim gyre sops edit secret.enc.yaml")
        {
            FileArgument, InputType, ConfigPath, AgeKeys, PgpKeys, EncryptedRegex, UnencryptedRegex, EncryptedSuffix, UnencryptedSuffix, EncryptedCommentRegex, UnencryptedCommentRegex, MacOnlyEncrypted, ShamirThreshold,
        };
        command.SetAction(parse =>
        {
            var editor = environment.Get("SOPS_EDITOR") ?? environment.Get("EDITOR") ?? "vi";
            var file = parse.GetValue(FileArgument)!;
            var newPath = Path.GetFullPath(file, environment.CurrentDirectory);
            if (!File.Exists(newPath))
            {
                var newFormat = parse.GetValue(InputType) is { } t ? SopsFormats.Parse(t) : SopsFormats.FromPath(newPath);
                var options = EncryptOptions(parse, environment, newPath) with { File = file, Indent = LoadConfig(parse, environment).Config?.YamlIndent };
                var content = RunEditor(editor, [], Path.GetExtension(newPath));
                File.WriteAllBytes(newPath, SopsEncryptor.Encrypt(content, newFormat, options, SopsKeyDiscovery.Discover(environment), time.GetUtcNow()));
                return ExitCodes.Success;
            }

            var (path, format) = Input(parse, environment);
            var edited = SopsRekeying.Edit(File.ReadAllBytes(path), format, SopsKeyDiscovery.Discover(environment),
                plain => RunEditor(editor, plain, Path.GetExtension(path)), time.GetUtcNow(),
                new SopsDecryptOptions { File = parse.GetValue(FileArgument), Indent = LoadConfig(parse, environment).Config?.YamlIndent });
            File.WriteAllBytes(path, edited);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Rotate(CliConsole console, SopsEnvironment environment, TimeProvider time)
    {
        var command = new Command("rotate", "Generate a new data key and re-encrypt the file, optionally adding or removing master keys\n\nExample:\n  gyre sops rotate -i --add-age age1... secret.enc.yaml")
        {
            FileArgument, AddAge, RemoveAge, AddPgp, RemovePgp, InputType, InPlace, Output, ConfigPath,
        };
        command.SetAction(parse =>
        {
            var (path, format) = Input(parse, environment);
            var add = Specs(parse.GetValue(AddAge), SopsKeySpec.Age).Concat(Specs(parse.GetValue(AddPgp), SopsKeySpec.Pgp)).ToList();
            var remove = Specs(parse.GetValue(RemoveAge), SopsKeySpec.Age).Concat(Specs(parse.GetValue(RemovePgp), SopsKeySpec.Pgp)).ToList();
            var rotated = SopsRekeying.Rotate(File.ReadAllBytes(path), format, SopsKeyDiscovery.Discover(environment), time.GetUtcNow(), add, remove,
                new SopsDecryptOptions { File = parse.GetValue(FileArgument), Indent = LoadConfig(parse, environment).Config?.YamlIndent });
            return Write(console, parse, path, rotated);
        });
        return command;
    }

    private static Command UpdateKeys(CliConsole console, SopsEnvironment environment, TimeProvider time)
    {
        var command = new Command("updatekeys", "Re-encrypt the data key to the master keys of the file's .sops.yaml creation rule\n\nExample:\n  gyre sops updatekeys -y secret.enc.yaml") { FileArgument, Yes, InputType, ConfigPath };
        command.SetAction(parse =>
        {
            var (path, format) = Input(parse, environment);
            var rule = Rule(parse, environment, path)
                ?? throw new SopsException("no .sops.yaml creation rule matches this file; updatekeys needs one", parse.GetValue(FileArgument));
            var updated = SopsRekeying.UpdateKeys(File.ReadAllBytes(path), format, SopsKeyDiscovery.Discover(environment), rule.KeyGroups, rule.ShamirThreshold,
                time.GetUtcNow(), new SopsDecryptOptions { File = parse.GetValue(FileArgument), Indent = LoadConfig(parse, environment).Config?.YamlIndent });
            if (updated is null)
            {
                console.Error.WriteLine($"{parse.GetValue(FileArgument)}: already up to date");
                return ExitCodes.Success;
            }

            File.WriteAllBytes(path, updated);
            console.Error.WriteLine($"{parse.GetValue(FileArgument)}: key groups updated ({string.Join("; ", rule.KeyGroups.Select(g => string.Join(", ", g)))})");
            return ExitCodes.Success;
        });
        return command;
    }

    private static (string Path, SopsFormat Format) Input(ParseResult parse, SopsEnvironment environment)
    {
        var file = parse.GetValue(FileArgument)!;
        var path = Path.GetFullPath(file, environment.CurrentDirectory);
        if (!File.Exists(path))
        {
            throw new SopsException("file does not exist", file);
        }

        var type = parse.GetValue(InputType);
        return (path, type is null ? SopsFormats.FromPath(path) : SopsFormats.Parse(type));
    }

    private static SopsFormat? OutputFormat(ParseResult parse) => parse.GetValue(OutputType) is { } type ? SopsFormats.Parse(type) : null;

    private static (SopsConfig? Config, string? Directory) LoadConfig(ParseResult parse, SopsEnvironment environment)
    {
        var explicitPath = parse.GetValue(ConfigPath);
        var path = explicitPath is not null ? Path.GetFullPath(explicitPath, environment.CurrentDirectory) : FindConfig(environment.CurrentDirectory);
        if (path is null)
        {
            return (null, null);
        }

        if (!File.Exists(path))
        {
            throw new SopsException("config file does not exist", explicitPath);
        }

        return (SopsConfig.Parse(File.ReadAllBytes(path), path), Path.GetDirectoryName(path));
    }

    // As sops: look for .sops.yaml in the working directory and its parents.
    private static string? FindConfig(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".sops.yaml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static CreationRule? Rule(ParseResult parse, SopsEnvironment environment, string path)
    {
        var (config, directory) = LoadConfig(parse, environment);
        if (config is null)
        {
            return null;
        }

        var relative = directory is not null && path.StartsWith(directory + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? Path.GetRelativePath(directory, path)
            : path;
        return config.FindRule(relative);
    }

    private static SopsEncryptOptions WithFlagRules(ParseResult parse, SopsEncryptOptions options)
    {
        if (parse.GetValue(MacOnlyEncrypted))
        {
            options = options with { MacOnlyEncrypted = true };
        }

        if (parse.GetValue(ShamirThreshold) > 0)
        {
            options = options with { ShamirThreshold = parse.GetValue(ShamirThreshold) };
        }

        var flags = (parse.GetValue(EncryptedRegex), parse.GetValue(UnencryptedRegex), parse.GetValue(EncryptedSuffix), parse.GetValue(UnencryptedSuffix),
            parse.GetValue(EncryptedCommentRegex), parse.GetValue(UnencryptedCommentRegex));
        if (flags is (null, null, null, null, null, null))
        {
            return options;
        }

        // A rule given on the command line replaces the creation rule's (sops allows only one per file).
        return options with
        {
            EncryptedRegex = flags.Item1,
            UnencryptedRegex = flags.Item2,
            EncryptedSuffix = flags.Item3,
            UnencryptedSuffix = flags.Item4,
            EncryptedCommentRegex = flags.Item5,
            UnencryptedCommentRegex = flags.Item6,
        };
    }

    private static IEnumerable<SopsKeySpec> Specs(string[]? values, Func<string, SopsKeySpec> make) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(make);

    private static int Write(CliConsole console, ParseResult parse, string path, byte[] data)
    {
        if (parse.GetValue(InPlace))
        {
            File.WriteAllBytes(path, data);
        }
        else if (parse.GetValue(Output) is { } output)
        {
            File.WriteAllBytes(output, data);
        }
        else
        {
            console.Out.Write(Encoding.UTF8.GetString(data));
        }

        return ExitCodes.Success;
    }

    // The plaintext lives only in a private (0700) temporary directory that is removed when the editor exits.
    private static byte[] RunEditor(string editor, byte[] plain, string extension)
    {
        var directory = Directory.CreateTempSubdirectory("gyre-sops-");
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(directory.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var file = Path.Combine(directory.FullName, "plaintext" + extension);
            File.WriteAllBytes(file, plain);
            var parts = editor.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var start = new ProcessStartInfo(parts[0]) { UseShellExecute = false };
            foreach (var arg in parts.Skip(1))
            {
                start.ArgumentList.Add(arg);
            }

            start.ArgumentList.Add(file);
            using var process = Process.Start(start) ?? throw new SopsException($"could not start the editor '{editor}'");
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new SopsException($"the editor '{editor}' exited with code {process.ExitCode}; the file was not changed");
            }

            return File.ReadAllBytes(file);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
