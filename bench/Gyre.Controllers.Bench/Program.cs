// Flux's "mean time to production" run on Gyre (issues 6 and 9): N Kustomizations (a Deployment, a Service and an HPA
// each, from one GitRepository) or N HelmReleases (a small chart from one HelmRepository) until all are Ready, then one
// no-op reconcile of each. The local cluster (with the git and chart servers) and the controllers run in two child
// processes so their memory and CPU are measured apart; this process only drives and watches.
//
// Usage: Gyre.Controllers.Bench.dll [kustomizations|helmreleases] N [N...] [--concurrent C]
// (run.sh next to this file builds Release and runs the recorded set).
using System.Globalization;
using Gyre.Controllers.Bench;

if (args.Length > 0 && args[0] == EnvironmentHost.Verb)
{
    await EnvironmentHost.RunAsync(args[1]);
    return 0;
}

if (args.Length > 0 && args[0] == ControllerHost.Verb)
{
    await ControllerHost.RunAsync(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
    return 0;
}

var mode = args.Length > 0 && !char.IsDigit(args[0][0]) ? args[0] : BenchMode.Kustomizations;
if (mode is not (BenchMode.Kustomizations or BenchMode.HelmReleases))
{
    await Console.Error.WriteLineAsync($"bench: unknown mode '{mode}': use {BenchMode.Kustomizations} or {BenchMode.HelmReleases}");
    return 2;
}

var rest = args.SkipWhile(a => !char.IsDigit(a[0]) && a != "--concurrent").ToList();
var concurrentAt = rest.IndexOf("--concurrent");
var concurrent = concurrentAt >= 0 ? int.Parse(rest[concurrentAt + 1], CultureInfo.InvariantCulture) : BenchMode.DefaultConcurrent(mode);
var sizes = rest.Where((a, i) => concurrentAt < 0 || (i != concurrentAt && i != concurrentAt + 1)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToList();
if (sizes.Count == 0)
{
    sizes.Add(100);
}

Console.WriteLine($"{mode}, --concurrent {concurrent}, {Environment.ProcessorCount} cores, load average {LoadAverage.Read()}");
foreach (var n in sizes)
{
    var result = await BenchRun.RunAsync(mode, n, concurrent);
    Console.Write(result.Format());
}

return 0;
