using System.Net.Sockets;

namespace Bot.Host;

/// <summary>
/// `Bot.Host healthcheck`: GET /healthz of the service on this machine, exit 0 when it answers 200, 1 otherwise. For
/// container health checks: the .NET runtime images carry no curl or wget, and this needs nothing but the bot itself.
/// </summary>
public static class HealthProbe
{
    public static async Task<int> RunAsync(string? urls, TextWriter error, CancellationToken cancellationToken)
    {
        var target = LocalHealthz(urls);
        if (target is null)
        {
            await error.WriteLineAsync($"error: Urls: '{urls}' names no http:// address to probe; set Urls or ASPNETCORE_URLS as the service has it.");
            return 2;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(target, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return 0;
            }

            await error.WriteLineAsync($"unhealthy: {target} answered {(int)response.StatusCode}");
            return 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or SocketException)
        {
            await error.WriteLineAsync($"unhealthy: {target}: {ex.Message}");
            return 1;
        }
    }

    /// <summary>/healthz on the first http:// address of Urls, with a wildcard host ("+", "*", "0.0.0.0", "[::]") asked on loopback.</summary>
    internal static Uri? LocalHealthz(string? urls)
    {
        foreach (var url in (string.IsNullOrWhiteSpace(urls) ? StartupChecks.DefaultUrls : urls).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parsable = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(parsable, UriKind.Absolute, out var uri) || uri.Scheme != "http" || uri.Port == 0)
            {
                continue;
            }

            var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "127.0.0.1" : uri.Host;
            return new UriBuilder("http", host, uri.Port, "/healthz").Uri;
        }

        return null;
    }
}
