using System.Text.Json.Nodes;
using Gyre.Kube.Discovery;
using Gyre.Kube.Dynamic;
using Gyre.Kube.Tests.Support;
using Gyre.Kube.Transport;
using Microsoft.AspNetCore.Http;

namespace Gyre.Kube.Tests.Transport;

public sealed class RetryTests
{
    private static readonly ApiResource ConfigMaps = new("", "v1", "configmaps", "ConfigMap", true);

    private static Task Json(HttpContext context, int status, string body, string? retryAfter = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        return context.Response.WriteAsync(body);
    }

    private const string Cm = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"default"}}""";

    [Fact]
    public async Task Throttled_requests_wait_for_Retry_After_then_succeed()
    {
        var calls = 0;
        await using var server = await TestHttpServer.StartAsync(c => Interlocked.Increment(ref calls) == 1
            ? Json(c, 429, """{"kind":"Status","code":429,"reason":"TooManyRequests","message":"slow down"}""", "7")
            : Json(c, 200, Cm));
        var clock = new ManualTimeProvider();
        using var client = new KubeClient(Connections.Plain(server.Address), new KubeClientOptions { Qps = 0 }, clock);

        var get = client.Resource(ConfigMaps).GetAsync("default", "a", TestTimeout.Token);
        await TestTimeout.Until(() => clock.HasTimerDueIn(TimeSpan.FromSeconds(7)), "the client to schedule the retry");
        clock.Advance(TimeSpan.FromSeconds(6.9));
        await Task.Delay(100);
        Assert.Equal(1, Volatile.Read(ref calls));
        Assert.False(get.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(0.1));
        var cm = await get;

        Assert.Equal(2, calls);
        Assert.Equal("a", (string?)cm["metadata"]!["name"]);
    }

    [Fact]
    public async Task Server_errors_are_retried_for_reads_but_not_for_creates()
    {
        var calls = 0;
        await using var server = await TestHttpServer.StartAsync(c =>
        {
            Interlocked.Increment(ref calls);
            return Json(c, 503, """{"kind":"Status","code":503,"reason":"ServiceUnavailable","message":"etcd is down"}""");
        });
        var options = new KubeClientOptions { Qps = 0, Retry = new RetryPolicy { MaxRetries = 2, InitialBackoff = TimeSpan.FromMilliseconds(1) } };
        using var client = new KubeClient(Connections.Plain(server.Address), options);

        var read = await Assert.ThrowsAsync<KubeApiException>(() => client.Resource(ConfigMaps).GetAsync("default", "a", TestTimeout.Token));
        Assert.Equal(3, calls);
        Assert.True(read.IsTransient);
        Assert.Equal("get configmaps default/a: ServiceUnavailable (503): etcd is down", read.Message);

        calls = 0;
        var create = await Assert.ThrowsAsync<KubeApiException>(() => client.Resource(ConfigMaps).CreateAsync(JsonNode.Parse(Cm)!.AsObject(), null, TestTimeout.Token));
        Assert.Equal(1, calls);
        Assert.Equal(503, create.Code);
    }

    [Fact]
    public async Task A_stalled_server_hits_the_per_request_timeout()
    {
        await using var server = await TestHttpServer.StartAsync(c => Task.Delay(Timeout.Infinite, c.RequestAborted));
        var options = Connections.NoRetries with { RequestTimeout = TimeSpan.FromMilliseconds(300) };
        using var client = new KubeClient(Connections.Plain(server.Address), options);

        var error = await Assert.ThrowsAsync<KubeTransportException>(() => client.Resource(ConfigMaps).GetAsync("default", "a", TestTimeout.Token));

        Assert.True(error.IsTransient);
        Assert.Contains("per-request timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_is_a_transient_transport_error_naming_the_server()
    {
        Uri address;
        await using (var server = await TestHttpServer.StartAsync(c => Task.CompletedTask))
        {
            address = server.Address;
        }

        using var client = new KubeClient(Connections.Plain(address), Connections.NoRetries);

        var error = await Assert.ThrowsAsync<KubeTransportException>(() => client.Resource(ConfigMaps).GetAsync("default", "a", TestTimeout.Token));

        Assert.True(error.IsTransient);
        Assert.StartsWith($"get configmaps default/a: request to {address.ToString().TrimEnd('/')} failed: cannot connect", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validation_failures_expose_reason_and_field_causes()
    {
        const string status = """
            {"kind":"Status","apiVersion":"v1","status":"Failure","code":422,"reason":"Invalid",
             "message":"ConfigMap \"a\" is invalid",
             "details":{"name":"a","kind":"ConfigMap","causes":[{"reason":"FieldValueInvalid","message":"must be no more than 253 characters","field":"metadata.name"}]}}
            """;
        await using var server = await TestHttpServer.StartAsync(c => Json(c, 422, status));
        using var client = new KubeClient(Connections.Plain(server.Address), Connections.NoRetries);

        var error = await Assert.ThrowsAsync<KubeApiException>(() => client.Resource(ConfigMaps).UpdateAsync(JsonNode.Parse(Cm)!.AsObject(), null, TestTimeout.Token));

        Assert.True(error.IsInvalid);
        Assert.False(error.IsTransient);
        Assert.Equal("metadata.name", Assert.Single(error.Causes).Field);
        Assert.Equal("update configmaps default/a: Invalid (422): ConfigMap \"a\" is invalid [metadata.name: must be no more than 253 characters]", error.Message);
    }

    [Fact]
    public async Task A_non_Status_error_body_still_yields_the_reason_for_the_code()
    {
        await using var server = await TestHttpServer.StartAsync(c => { c.Response.StatusCode = 404; return c.Response.WriteAsync("<html>not here</html>"); });
        using var client = new KubeClient(Connections.Plain(server.Address), Connections.NoRetries);

        var error = await Assert.ThrowsAsync<KubeApiException>(() => client.Resource(ConfigMaps).GetAsync("default", "a", TestTimeout.Token));

        Assert.True(error.IsNotFound);
        Assert.EndsWith("; check the name and namespace, and that the resource's CRD is installed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_carry_bearer_token_and_impersonation_headers()
    {
        await using var server = await TestHttpServer.StartAsync(c => Json(c, 200, Cm));
        using var admin = new KubeClient(Connections.Plain(server.Address, token: "s3cret"), Connections.NoRetries);
        using var tenant = admin.Impersonate(Gyre.Kube.Config.KubeImpersonation.ServiceAccount("team-a", "reconciler"));

        await tenant.Resource(ConfigMaps).GetAsync("default", "a", TestTimeout.Token);

        var request = Assert.Single(server.Requests);
        Assert.Equal("Bearer s3cret", request.Headers["Authorization"].Single());
        Assert.Equal("system:serviceaccount:team-a:reconciler", request.Headers["Impersonate-User"].Single());
        Assert.False(request.Headers.ContainsKey("Impersonate-Group"));
    }

    [Fact]
    public async Task Basic_auth_is_sent_when_the_user_has_username_and_password()
    {
        await using var server = await TestHttpServer.StartAsync(c => Json(c, 200, Cm));
        var connection = new Gyre.Kube.Config.KubeConnection { Server = server.Address, Username = "admin", Password = "pw" };
        using var client = new KubeClient(connection, Connections.NoRetries);

        await client.Resource(ConfigMaps).GetAsync("default", "a", TestTimeout.Token);

        Assert.Equal("Basic YWRtaW46cHc=", Assert.Single(server.Requests).Headers["Authorization"].Single());
    }

    [Fact]
    public async Task Request_paths_and_queries_follow_the_Kubernetes_REST_layout()
    {
        await using var server = await TestHttpServer.StartAsync(c => Json(c, 200, """{"kind":"DeploymentList","metadata":{"resourceVersion":"9"},"items":[]}"""));
        using var client = new KubeClient(Connections.Plain(server.Address), Connections.NoRetries);
        var deployments = client.Resource(new ApiResource("apps", "v1", "deployments", "Deployment", true));

        await deployments.ListAsync("team-a", new ListOptions { LabelSelector = "app=web,tier!=db", Limit = 2, Continue = "abc" }, TestTimeout.Token);
        await deployments.PatchAsync("team-a", "web", PatchType.Apply, "{}", new WriteOptions { FieldManager = "gyre", Force = true, DryRun = true }, TestTimeout.Token);

        var paths = server.Requests.Select(r => r.PathAndQuery).ToList();
        Assert.Equal("/apis/apps/v1/namespaces/team-a/deployments?labelSelector=app%3Dweb%2Ctier%21%3Ddb&limit=2&continue=abc", paths[0]);
        Assert.Equal("/apis/apps/v1/namespaces/team-a/deployments/web?fieldManager=gyre&dryRun=All&force=true", paths[1]);
        Assert.Equal("application/apply-patch+yaml", server.Requests.Last().Headers["Content-Type"].Single());
    }

    [Fact]
    public async Task Impersonating_one_group_sends_it()
    {
        await using var server = await TestHttpServer.StartAsync(c => Json(c, 200, Cm));
        var connection = Connections.Plain(server.Address) .WithImpersonation(new Gyre.Kube.Config.KubeImpersonation("jane", ["developers"]));
        using var client = new KubeClient(connection, Connections.NoRetries);

        await client.Resource(ConfigMaps).GetAsync("default", "a", TestTimeout.Token);

        Assert.Equal("developers", Assert.Single(server.Requests).Headers["Impersonate-Group"].Single());
    }
}
