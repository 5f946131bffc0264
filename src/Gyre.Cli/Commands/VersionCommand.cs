using System.CommandLine;
using System.Reflection;

namespace Gyre.Cli.Commands;

/// <summary>`gyre version`: prints the CLI version.</summary>
internal static class VersionCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("version", "Print the gyre version\n\nExample:\n  gyre version");
        command.SetAction(_ =>
        {
            var version = typeof(VersionCommand).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            var plus = version.IndexOf('+', StringComparison.Ordinal);
            console.Out.WriteLine("gyre " + (plus > 0 ? version[..plus] : version));
            return ExitCodes.Success;
        });
        return command;
    }
}
