using Microsoft.Extensions.Configuration;

namespace Bot.Slack;

/// <summary>A Slack setting that stops the service from starting; the message never contains a secret.</summary>
public sealed class SlackConfigurationException(string message) : InvalidOperationException(message)
{
    /// <summary>An operator's mistake, not a bug: even an unhandled one prints the message without a stack trace.</summary>
    public override string ToString() => $"{GetType().FullName}: {Message}";
}

/// <summary>The `Slack:` settings. Which tokens are present decides the modes.</summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";
    public const string DefaultApiBaseUrl = "https://slack.com/api/";

    public string? BotToken { get; init; }
    public string? AppToken { get; init; }
    public string? SigningSecret { get; init; }
    public Uri ApiBaseUrl { get; init; } = new(DefaultApiBaseUrl);

    /// <summary>No data frame for this long → open a fresh connection (keep-alive catches dead sockets sooner).</summary>
    public TimeSpan SocketIdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Events acked and waiting for an answer; when full, new events are left unacked so Slack redelivers them.</summary>
    public int EventQueueCapacity { get; init; } = DefaultEventQueueCapacity;

    public const int DefaultEventQueueCapacity = 1024;

    /// <summary>Events answered side by side (each channel always by the same worker, so in order).</summary>
    public int EventWorkers { get; init; } = DefaultEventWorkers;

    public const int DefaultEventWorkers = 4;

    /// <summary>Socket Mode connections this process keeps open; Slack spreads events across them (and allows 10 per app).</summary>
    public int SocketConnections { get; init; } = DefaultSocketConnections;

    public const int DefaultSocketConnections = 2;

    /// <summary>Slack's limit of simultaneous Socket Mode connections per app (beyond it: too_many_websockets).</summary>
    public const int MaxSocketConnections = 10;

    public bool SocketMode => !string.IsNullOrWhiteSpace(AppToken);
    public bool HttpMode => !string.IsNullOrWhiteSpace(SigningSecret);

    public static bool AnySet(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        return !string.IsNullOrWhiteSpace(section["BotToken"])
            || !string.IsNullOrWhiteSpace(section["AppToken"])
            || !string.IsNullOrWhiteSpace(section["SigningSecret"]);
    }

    /// <summary>Reads and checks the settings; throws <see cref="SlackConfigurationException"/> with a plain message.</summary>
    public static SlackOptions Load(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var options = new SlackOptions
        {
            BotToken = Trimmed(section["BotToken"]),
            AppToken = Trimmed(section["AppToken"]),
            SigningSecret = Trimmed(section["SigningSecret"]),
            ApiBaseUrl = ParseBaseUrl(section["ApiBaseUrl"]),
            SocketIdleTimeout = TimeSpan.TryParse(section["SocketIdleTimeout"], System.Globalization.CultureInfo.InvariantCulture, out var idle) && idle > TimeSpan.Zero
                ? idle
                : TimeSpan.FromMinutes(10),
            EventQueueCapacity = ParseCount(section["EventQueueCapacity"], "Slack:EventQueueCapacity", DefaultEventQueueCapacity, 1_000_000),
            EventWorkers = ParseCount(section["EventWorkers"], "Slack:EventWorkers", DefaultEventWorkers, 64),
            SocketConnections = ParseCount(section["SocketConnections"], "Slack:SocketConnections", DefaultSocketConnections, MaxSocketConnections),
        };

        if (options.BotToken is null)
        {
            throw new SlackConfigurationException(
                "Slack:BotToken (the xoxb- token from OAuth & Permissions) is required when Slack:AppToken or Slack:SigningSecret is set.");
        }

        if (!options.BotToken.StartsWith("xoxb-", StringComparison.Ordinal))
        {
            throw new SlackConfigurationException("Slack:BotToken must be the bot token, which starts with 'xoxb-'.");
        }

        if (options.AppToken is not null && !options.AppToken.StartsWith("xapp-", StringComparison.Ordinal))
        {
            throw new SlackConfigurationException("Slack:AppToken must be the app-level token, which starts with 'xapp-' (Basic Information → App-Level Tokens, scope connections:write).");
        }

        if (!options.SocketMode && !options.HttpMode)
        {
            throw new SlackConfigurationException(
                "Slack:BotToken is set but no way to receive messages is: set Slack:AppToken for Socket Mode, or Slack:SigningSecret for HTTP mode.");
        }

        return options;
    }

    private static int ParseCount(string? value, string key, int fallback, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (!int.TryParse(value.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) || count < 1 || count > max)
        {
            throw new SlackConfigurationException($"{key} must be a whole number from 1 to {max}.");
        }

        return count;
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Uri ParseBaseUrl(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new Uri(DefaultApiBaseUrl);
        }

        var text = value.Trim();
        // Without the trailing slash, relative method names would replace the last path segment ("api").
        if (!text.EndsWith('/'))
        {
            text += "/";
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new SlackConfigurationException("Slack:ApiBaseUrl must be an absolute http(s) URL, e.g. https://slack.com/api/.");
        }

        return uri;
    }
}
