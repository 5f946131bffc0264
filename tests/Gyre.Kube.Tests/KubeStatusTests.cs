namespace Gyre.Kube.Tests;

public sealed class KubeStatusTests
{
    [Fact]
    public void Reads_the_Status_fields_including_retryAfterSeconds()
    {
        var status = KubeStatus.FromResponse(429, """
            {"kind":"Status","apiVersion":"v1","status":"Failure","message":"too many requests","reason":"TooManyRequests",
             "details":{"causes":[{"message":"retry"}],"retryAfterSeconds":3},"code":429}
            """);

        Assert.Equal(new KubeStatus(429, "TooManyRequests", "too many requests", status.Causes, 3), status);
        Assert.Equal("retry", Assert.Single(status.Causes).Message);
    }

    [Theory]
    [InlineData(401, "Unauthorized")]
    [InlineData(403, "Forbidden")]
    [InlineData(404, "NotFound")]
    [InlineData(409, "Conflict")]
    [InlineData(410, "Expired")]
    [InlineData(422, "Invalid")]
    [InlineData(502, "InternalError")]
    [InlineData(504, "Timeout")]
    public void A_body_that_is_not_a_Status_gets_the_reason_its_code_implies(int code, string reason)
    {
        Assert.Equal(reason, KubeStatus.FromResponse(code, "upstream connect error").Reason);
    }

    [Fact]
    public void Predicates_follow_apimachinery()
    {
        static KubeApiException Error(int code, string reason) =>
            new(new KubeRequestTarget("get", "pods", "ns", "p"), new KubeStatus(code, reason, "m", [], null));

        Assert.True(Error(404, "NotFound").IsNotFound);
        Assert.True(Error(409, "AlreadyExists").IsAlreadyExists);
        Assert.False(Error(409, "AlreadyExists").IsConflict);
        Assert.True(Error(410, "Expired").IsGone);
        Assert.True(Error(500, "InternalError").IsTransient);
        Assert.True(Error(504, "Timeout").IsTransient);
        Assert.False(Error(400, "BadRequest").IsTransient);
        Assert.Equal("get pods ns/p: NotFound (404): m; check the name and namespace, and that the resource's CRD is installed", Error(404, "NotFound").Message);
    }
}
