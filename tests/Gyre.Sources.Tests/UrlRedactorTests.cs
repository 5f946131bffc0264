namespace Gyre.Sources.Tests;

public sealed class UrlRedactorTests
{
    [Theory]
    [InlineData("https://user:pass@example.com/repo.git", "https://***@example.com/repo.git")]
    [InlineData("https://ghp_token@github.com/o/r", "https://***@github.com/o/r")]
    [InlineData("ssh://git@github.com/o/r", "ssh://git@github.com/o/r")]
    [InlineData("ssh://git:pw@github.com/o/r", "ssh://***@github.com/o/r")]
    [InlineData("fatal: unable to access 'http://a:b@h/x': 401", "fatal: unable to access 'http://***@h/x': 401")]
    [InlineData("oci://registry.example.com/app", "oci://registry.example.com/app")]
    public void Credentials_in_urls_are_redacted(string input, string expected)
    {
        Assert.Equal(expected, UrlRedactor.RedactText(input));
    }
}
