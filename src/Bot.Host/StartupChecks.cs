using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;

namespace Bot.Host;

/// <summary>
/// Mistakes found before anything starts, each turned into one <see cref="ConfigurationException"/> (one `error:` line,
/// exit 3) instead of a .NET stack trace: a settings file that is not JSON, an address that is not a URL or is taken.
/// </summary>
public static class StartupChecks
{
    public const string SettingsFile = "appsettings.json";

    /// <summary>Where the service listens when no Urls, ASPNETCORE_URLS, --urls or HTTP_PORTS says otherwise.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>appsettings.json beside the binary must be JSON (comments and trailing commas allowed, as the configuration reader allows).</summary>
    public static void EnsureSettingsFileReadable(string? directory = null)
    {
        var path = Path.Combine(directory ?? AppContext.BaseDirectory, SettingsFile);
        if (!File.Exists(path))
        {
            return;
        }

        try
        {
            using var settings = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (settings.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigurationException($"{path}: the settings file must be one JSON object ({{ ... }}); fix it, or delete it to run on the defaults.");
            }
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1}" : "unknown position";
            throw new ConfigurationException($"{path}: not valid JSON at {where}; fix the file (or delete it: every setting has a default).");
        }
        catch (IOException ex)
        {
            throw new ConfigurationException($"{path}: cannot be read ({ex.Message}); check its permissions.");
        }
    }

    /// <summary>
    /// Urls, from the usual places in the usual order (--urls, then the Urls variable, then ASPNETCORE_URLS), falling
    /// back to <see cref="DefaultUrls"/>. The default lives here, not in appsettings.json: a file value would win over
    /// ASPNETCORE_URLS, against what every ASP.NET Core operator expects.
    /// </summary>
    public static void UseDefaultUrlsUnlessConfigured(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
            && string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
            && string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrls);
        }
    }

    /// <summary>Each address in Urls must be a URL whose port is free; said in one line naming the setting, before Kestrel tries.</summary>
    public static void EnsureAddressesUsable(string? urls)
    {
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel's wildcards ("http://*:80", "http://+:80") are not host names Uri accepts.
            var parsable = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(parsable, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new ConfigurationException($"Urls: '{url}' is not an http:// or https:// address; set Urls (or ASPNETCORE_URLS, or --urls) to e.g. {DefaultUrls}.");
            }

            if (uri.Port == 0 || !IPAddress.TryParse(uri.Host == "localhost" ? "127.0.0.1" : uri.Host, out var address))
            {
                continue; // A free port is picked, or a host name Kestrel resolves itself.
            }

            if (!IsFree(address, uri.Port))
            {
                throw new ConfigurationException(
                    $"Urls: {url} is already in use by another process; stop it, or listen elsewhere with Urls (or ASPNETCORE_URLS, or --urls), e.g. --urls http://127.0.0.1:{uri.Port + 1}.");
            }
        }
    }

    /// <summary>The message for Kestrel's own bind failure, when the port was taken between the check and the bind.</summary>
    public static string AddressInUse(IOException error) =>
        $"Urls: {error.Message.TrimEnd('.')}; stop the other process, or listen elsewhere with Urls (or ASPNETCORE_URLS, or --urls).";

    private static bool IsFree(IPAddress address, int port)
    {
        try
        {
            using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
        catch (SocketException)
        {
            return true; // Not ours to judge (no such interface, no permission): Kestrel says what is wrong.
        }
    }
}
