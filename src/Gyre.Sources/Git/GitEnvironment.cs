namespace Gyre.Sources.Git;

/// <summary>
/// The environment a git process runs with: hermetic defaults plus the variables that carry credentials and
/// configuration (<c>GIT_CONFIG_COUNT/KEY_n/VALUE_n</c>, <c>GIT_SSH_COMMAND</c>), and the secret values to mask.
/// </summary>
internal sealed class GitEnvironment
{
    private static readonly string[] Scrubbed =
    [
        "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        "GIT_SSH", "GIT_SSH_COMMAND", "GIT_ASKPASS", "SSH_ASKPASS", "SSH_AUTH_SOCK", "GIT_PROXY_COMMAND",
        "GIT_CONFIG", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT", "GIT_TRACE", "GIT_CURL_VERBOSE", "GIT_TRACE_CURL",
        "GNUPGHOME", "GIT_SSL_NO_VERIFY", "GIT_SSL_CERT", "GIT_SSL_KEY", "GIT_SSL_CERT_PASSWORD_PROTECTED", "GIT_SSL_PINNEDPUBKEY",
        "GIT_SSL_VERSION", "GIT_SSL_CIPHER_LIST", "GIT_HTTP_PROXY_AUTHMETHOD", "GIT_COOKIE_FILE", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy",
    ];

    private readonly List<(string Key, string Value)> _config = [];
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);
    private readonly List<string> _secrets = [];

    /// <summary>Adds a <c>-c key=value</c> equivalent passed through the environment, never argv.</summary>
    public GitEnvironment Config(string key, string value)
    {
        _config.Add((key, value));
        return this;
    }

    public GitEnvironment Variable(string name, string value)
    {
        _variables[name] = value;
        return this;
    }

    /// <summary>Remembers a secret value so it is masked if git ever echoes it.</summary>
    public GitEnvironment Secret(string value)
    {
        if (value.Length >= 4)
        {
            _secrets.Add(value);
        }

        return this;
    }

    public void ApplyTo(IDictionary<string, string?> environment)
    {
        foreach (var name in Scrubbed)
        {
            environment.Remove(name);
        }

        // GIT_SSL_CAINFO/CAPATH in the host environment beat http.sslCAInfo; drop them when the Secret brings a CA.
        // (curl keeps its default CA path, so the system roots stay trusted in addition, as go-git's CABundle does.)
        if (_config.Any(c => c.Key == "http.sslCAInfo"))
        {
            environment.Remove("GIT_SSL_CAINFO");
            environment.Remove("GIT_SSL_CAPATH");
        }

        environment["GIT_TERMINAL_PROMPT"] = "0";
        environment["GIT_CONFIG_NOSYSTEM"] = "1";
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        environment["LC_ALL"] = "C";
        environment["GCM_INTERACTIVE"] = "never";
        environment["GIT_CONFIG_COUNT"] = _config.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < _config.Count; i++)
        {
            var n = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            environment["GIT_CONFIG_KEY_" + n] = _config[i].Key;
            environment["GIT_CONFIG_VALUE_" + n] = _config[i].Value;
        }

        foreach (var (name, value) in _variables)
        {
            environment[name] = value;
        }
    }

    /// <summary>Redacts URLs' user-info and every registered secret from text headed for a message.</summary>
    public string Redact(string text)
    {
        var redacted = UrlRedactor.RedactText(text);
        foreach (var secret in _secrets)
        {
            redacted = redacted.Replace(secret, "***", StringComparison.Ordinal);
        }

        return redacted;
    }
}
