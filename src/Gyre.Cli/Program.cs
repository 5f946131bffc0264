using Gyre.Cli;

return await GyreApp.RunAsync(args, CliConsole.Create(), CancellationToken.None).ConfigureAwait(false);
