using System.CommandLine;

namespace Gyre.Cli;

/// <summary>Options every command understands.</summary>
internal static class GlobalOptions
{
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Show stack traces and inner errors",
        Recursive = true,
    };
}
