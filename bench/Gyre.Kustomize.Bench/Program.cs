using System.Diagnostics;
using System.Globalization;
using Gyre.Kustomize;
using Gyre.Kustomize.Bench;
using Gyre.Kustomize.FileSystem;

// Usage:
//   generate DIR [apps] [patches]   write the generated input (default 500 apps = 3,000 resources, 50 patches); prints the overlay path
//   inprocess DIR [seconds]         builds DIR repeatedly in-process and prints builds/s (after warm-up)
var mode = args.Length > 0 ? args[0] : "inprocess";
switch (mode)
{
    case "generate":
        var apps = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 500;
        var patches = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 50;
        Console.WriteLine(InputGenerator.Write(Path.GetFullPath(args[1]), apps, patches));
        return 0;
    case "inprocess":
        var dir = Path.GetFullPath(args[1]);
        var seconds = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 10;
        var kustomizer = new Kustomizer(new DiskFileSystem());
        var resources = 0;
        for (var i = 0; i < 3; i++)
        {
            resources = kustomizer.Build(dir, CancellationToken.None).ResourceCount;
        }

        var builds = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            kustomizer.Build(dir, CancellationToken.None);
            builds++;
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{builds} builds of {resources} resources in {elapsed:F2} s: {builds / elapsed:F1} builds/s, {elapsed * 1000 / builds:F1} ms/build"));
        return 0;
    default:
        Console.Error.WriteLine("usage: generate DIR [apps] [patches] | inprocess DIR [seconds]");
        return 2;
}
