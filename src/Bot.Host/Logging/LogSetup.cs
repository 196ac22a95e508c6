using Microsoft.Extensions.Logging.Console;

namespace Bot.Host.Logging;

/// <summary>
/// The service's log: to stderr, each line with a UTC timestamp, and each request's lines carrying its scope (platform,
/// kind, id; ASP.NET Core adds the HTTP request id). `Logging:Format=json` writes one JSON object a line instead.
/// </summary>
public static class LogSetup
{
    public const string FormatKey = "Logging:Format";
    public const string Simple = "simple";
    public const string Json = "json";

    private const string Timestamp = "yyyy-MM-ddTHH:mm:ss.fffZ";

    public static void AddBotLogging(this WebApplicationBuilder builder)
    {
        var format = builder.Configuration[FormatKey]?.Trim().ToLowerInvariant() switch
        {
            null or "" or Simple => Simple,
            Json => Json,
            _ => throw new ConfigurationException(
                $"{FormatKey}: '{builder.Configuration[FormatKey]}' is not a log format; use {Simple} (the default: one readable line each) or {Json} (one JSON object a line)."),
        };

        builder.Logging.ClearProviders();
        // Defaults first, so Logging:Console:FormatterOptions:* in the settings still override them.
        builder.Services.Configure<SimpleConsoleFormatterOptions>(options =>
        {
            options.TimestampFormat = Timestamp + " ";
            options.UseUtcTimestamp = true;
            options.SingleLine = true;
            options.IncludeScopes = true;
        });
        builder.Services.Configure<JsonConsoleFormatterOptions>(options =>
        {
            options.TimestampFormat = Timestamp;
            options.UseUtcTimestamp = true;
            options.IncludeScopes = true;
        });
        builder.Logging.AddConsole(options =>
        {
            options.FormatterName = format == Json ? ConsoleFormatterNames.Json : ConsoleFormatterNames.Simple;
            options.LogToStandardErrorThreshold = LogLevel.Trace; // stdout is for answers (console chat, ask)
        });
        // A failing check is reported by /readyz's body and by the component's own log line; the health check service
        // would add an error line per poll (a load balancer polls every few seconds).
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Critical);
    }
}
