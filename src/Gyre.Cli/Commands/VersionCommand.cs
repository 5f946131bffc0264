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
            console.Out.WriteLine("gyre " + Current());
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The CLI's version without the source revision suffix (also the controller image tag `gyre install` uses).</summary>
    public static string Current()
    {
        var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus > 0 ? version[..plus] : version;
    }
}
