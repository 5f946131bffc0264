using System.Text;
using Microsoft.AspNetCore.Http;

namespace Gyre.Kube.Tests.Support;

/// <summary>
/// A Kestrel server that answers lists and watches from a script, for what the local cluster cannot be made to do on
/// demand: break a watch connection mid-stream, or answer a watch with 410 Expired. Each list answer and each watch
/// answer is taken from its queue in order.
/// </summary>
public sealed class ScriptedWatchServer
{
    public Queue<string> Lists { get; } = new();

    public Queue<Func<HttpContext, Task>> Watches { get; } = new();

    public async Task HandleAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        if (context.Request.Query["watch"] == "1")
        {
            Func<HttpContext, Task>? watch;
            lock (Watches)
            {
                Watches.TryDequeue(out watch);
            }

            await (watch ?? (c => Task.Delay(Timeout.Infinite, c.RequestAborted)))(context);
            return;
        }

        string? list;
        lock (Lists)
        {
            Lists.TryDequeue(out list);
        }

        if (list == Forbidden)
        {
            context.Response.StatusCode = 403;
            await context.Response.WriteAsync("""{"kind":"Status","apiVersion":"v1","code":403,"reason":"Forbidden","message":"configmaps is forbidden"}""");
            return;
        }

        await context.Response.WriteAsync(list ?? """{"kind":"ConfigMapList","metadata":{"resourceVersion":"1"},"items":[]}""");
    }

    /// <summary>Writes the events, then aborts the connection once <paramref name="abortWhen"/> completes (after the
    /// client has read them: a reset discards data the client has not read yet), or ends the response normally.</summary>
    public static Func<HttpContext, Task> Events(Task? abortWhen, params string[] events) => async context =>
    {
        foreach (var e in events)
        {
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(e + "\n"));
            await context.Response.Body.FlushAsync();
        }

        if (abortWhen is not null)
        {
            await abortWhen;
            context.Abort();
        }
    };

    public static string Cm(string name, string rv) =>
        $$$"""{"metadata":{"name":"{{{name}}}","namespace":"default","resourceVersion":"{{{rv}}}"},"data":{"v":"{{{rv}}}"}}""";

    public static string Event(string type, string name, string rv) => "{\"type\":\"" + type + "\",\"object\":" + Cm(name, rv) + "}";

    public static string List(string rv, params string[] items) =>
        $$"""{"kind":"ConfigMapList","apiVersion":"v1","metadata":{"resourceVersion":"{{rv}}"},"items":[{{string.Join(",", items)}}]}""";

    /// <summary>Queue this as a list answer to make that list fail with 403 Forbidden.</summary>
    public const string Forbidden = "403";

    public const string Gone = """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version: 2 (10)","reason":"Expired","code":410}}""";
}
