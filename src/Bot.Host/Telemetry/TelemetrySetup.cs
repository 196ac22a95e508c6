using Bot.Runtime.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Bot.Host.Telemetry;

/// <summary>
/// Where the bot's <see cref="BotTelemetry"/> meter and activity source go: GET /metrics in Prometheus text format
/// (<see cref="PrometheusExporter"/>, always on), and OTLP (OpenTelemetry SDK) when the standard OTEL_EXPORTER_OTLP_ENDPOINT is set.
/// The two listen to the same meter independently, so either works without the other.
/// </summary>
public static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    /// <summary>The standard OpenTelemetry variable; its presence turns OTLP export on.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void AddBotTelemetry(this WebApplicationBuilder builder)
    {
        // One listener per host (tests start several in one process): it serves what it saw since the host was built.
        builder.Services.AddSingleton<PrometheusExporter>();

        var otlpEndpoint = builder.Configuration[OtlpEndpointKey];
        if (string.IsNullOrWhiteSpace(otlpEndpoint))
        {
            return;
        }

        // OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_EXPORTER_OTLP_HEADERS, OTEL_SERVICE_NAME and the other standard variables
        // are read by the SDK itself.
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "factbot"))
            .WithTracing(tracing => tracing
                .AddSource(BotTelemetry.Name)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsOperationalPath(context.Request.Path))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(BotTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .UseOtlpExporter();
    }

    public static void MapBotMetrics(this WebApplication app)
    {
        var exporter = app.Services.GetRequiredService<PrometheusExporter>();
        app.MapGet(MetricsPath, (HttpContext context) =>
        {
            context.Response.ContentType = PrometheusExporter.ContentType;
            return context.Response.WriteAsync(exporter.Scrape(), context.RequestAborted);
        });
    }

    /// <summary>Health probes and scrapes: every few seconds, nothing to trace.</summary>
    private static bool IsOperationalPath(PathString path) =>
        path.StartsWithSegments(MetricsPath) || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz");
}
