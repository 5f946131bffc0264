using System.CommandLine;

namespace Gyre.Cli.Commands;

/// <summary>
/// `gyre completion bash|zsh|fish`: shell scripts that ask gyre itself for suggestions through System.CommandLine's
/// [suggest] directive, so completions always match the installed version's commands and options.
/// </summary>
internal static class CompletionCommand
{
    private const string Bash = """
        # gyre bash completion: source <(gyre completion bash)
        _gyre_complete() {
            local IFS=$'\n'
            COMPREPLY=($(compgen -W "$(gyre "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -F _gyre_complete gyre

        """;

    private const string Zsh = """
        #compdef gyre
        # gyre zsh completion: source <(gyre completion zsh)
        _gyre() {
            local line="${BUFFER[1,CURSOR]}"
            local -a suggestions
            suggestions=("${(@f)$(gyre "[suggest:${#line}]" "$line" 2>/dev/null)}")
            compadd -- "${suggestions[@]}"
        }
        compdef _gyre gyre

        """;

    private const string Fish = """
        # gyre fish completion: gyre completion fish | source
        complete -c gyre -f -a '(set -l line (commandline -cp); gyre "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null)'

        """;

    public static Command Create(CliConsole console)
    {
        var shell = new Argument<string>("SHELL") { Description = "bash, zsh or fish" };
        shell.AcceptOnlyFromAmong("bash", "zsh", "fish");
        var command = new Command("completion", """
            Print a shell completion script

            Examples:
              source <(gyre completion bash)            # add to ~/.bashrc
              gyre completion zsh > "${fpath[1]}/_gyre"
              gyre completion fish | source
            """)
        {
            shell,
        };
        command.SetAction(parse =>
        {
            console.Out.Write(parse.GetValue(shell) switch { "bash" => Bash, "zsh" => Zsh, _ => Fish });
            return ExitCodes.Success;
        });
        return command;
    }
}
