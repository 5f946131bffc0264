// Alerts per second through Gyre's notification pipeline: events are published to a pipeline holding R Alert routes
// (one in ten matches each event), each match builds a provider payload and is delivered. Two runs: delivery to an
// in-process handler (pipeline cost alone) and over loopback HTTP to a Kestrel endpoint (what a real webhook costs).
// Usage: dotnet run -c Release --project bench/Gyre.Notifications.Bench -- [events=20000] [routes=100]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Gyre.Notifications.Alerts;
using Gyre.Notifications.Delivery;
using Gyre.Notifications.Events;
using Gyre.Notifications.Pipeline;
using Gyre.Notifications.Providers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

var events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
var routeCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
string[] types = [ProviderTypes.Generic, ProviderTypes.Slack, ProviderTypes.MsTeams, ProviderTypes.GitHub, ProviderTypes.Datadog];

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
await using var app = builder.Build();
long received = 0;
app.Run(async context =>
{
    await context.Request.Body.CopyToAsync(Stream.Null);
    Interlocked.Increment(ref received);
});
await app.StartAsync();
var origin = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

Console.WriteLine($"{events} events, {routeCount} Alert routes ({routeCount / 10} match each event), providers {string.Join(", ", types)}");
Console.WriteLine("| Delivery | Events/s published | Deliveries/s end to end | Deliveries |");
Console.WriteLine("| --- | ---: | ---: | ---: |");
await RunAsync("in-process handler", new HttpMessageInvoker(new OkHandler()));
received = 0;
await RunAsync("loopback HTTP (Kestrel)", null);
await app.StopAsync();

async Task RunAsync(string name, HttpMessageInvoker? invoker)
{
    var routes = new AlertRouteTable();
    for (var i = 0; i < routeCount; i++)
    {
        var type = types[i % types.Length];
        var alert = AlertSpec.FromObject(JsonNode.Parse($$$"""
            {"metadata":{"name":"alert-{{{i}}}","namespace":"apps"},"spec":{"providerRef":{"name":"p{{{i}}}"},"summary":"bench",
             "eventSources":[{"kind":"Kustomization","name":"app-{{{i % 10}}}*"}],"exclusionList":["^never$"]}}
            """)!.AsObject());
        var settings = new ProviderSettings
        {
            Type = type, Namespace = "apps", Name = "p" + i, Uid = "0123456789abcdef", Token = "t", Channel = "c",
            Address = type == ProviderTypes.GitHub ? origin + "/org/fleet" : origin + "/hook",
        };
        routes.Set(new AlertRoute(alert, settings, NotifierFactory.Create(settings)));
    }

    await using var delivery = new NotificationDelivery(new DeliveryOptions { Workers = 8, QueueCapacity = 1_000_000 }, TimeProvider.System, invoker: invoker);
    var pipeline = new NotificationPipeline(routes, new EventRateLimiter(EventRateLimiter.DefaultInterval, TimeProvider.System), delivery);
    var clock = Stopwatch.StartNew();
    var deliveries = 0;
    for (var i = 0; i < events; i++)
    {
        var ev = new FluxEvent
        {
            InvolvedObject = new InvolvedObject("Kustomization", "apps", $"app-{i % 10}", "uid", "kustomize.toolkit.fluxcd.io/v1", "1"),
            Severity = i % 7 == 0 ? EventSeverity.Error : EventSeverity.Info,
            Timestamp = DateTimeOffset.UnixEpoch.AddSeconds(i),
            Message = $"Reconciliation finished in {i}ms, next run in 10m0s",
            Reason = "ReconciliationSucceeded",
            Metadata = new Dictionary<string, string>
            {
                ["kustomize.toolkit.fluxcd.io/revision"] = "main@sha1:d3b07384d113edec49eaa6238ad5ff00c6e2bf53",
                ["kustomize.toolkit.fluxcd.io/commit_status"] = "update",
            },
            ReportingController = "kustomize-controller",
        };
        deliveries += (await pipeline.PublishAsync(ev, CancellationToken.None)).Deliveries;
    }

    var published = clock.Elapsed;
    while (delivery.Pending > 0)
    {
        await Task.Delay(5);
    }

    var total = clock.Elapsed;
    Console.WriteLine($"| {name} | {events / published.TotalSeconds:N0} | {deliveries / total.TotalSeconds:N0} | {delivery.Delivered:N0} of {deliveries:N0} |");
}

internal sealed class OkHandler : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
}
