using System.Text;
using Bot.Discord;
using Bot.Engine;
using Bot.Host.Logging;
using Bot.Host.Telemetry;
using Bot.Runtime;
using Bot.Runtime.Redis;
using Bot.Slack;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Host;

/// <summary>Composition root: configuration, the engine, the platform adapters and the health endpoints.</summary>
public static partial class BotHost
{
    /// <summary>Health checks with this tag decide /readyz (adapters add one per connection).</summary>
    public const string ReadyTag = "ready";

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var configuration = BotConfiguration.Build(args);
        if (!SlackRegistration.IsConfigured(configuration) && !DiscordRegistration.IsConfigured(configuration))
        {
            return await ConsoleChat.RunAsync(BotConfiguration.LoadEngine(configuration), Console.In, Console.Out, cancellationToken);
        }

        await using var app = BuildService(args);
        StartupChecks.EnsureAddressesUsable(app.Configuration[WebHostDefaults.ServerUrlsKey]);
        await app.RunAsync(cancellationToken);
        return 0;
    }

    /// <summary>
    /// The service: Kestrel with /healthz, /readyz and the adapters' endpoints, plus their background
    /// connections. Tests pass <paramref name="settings"/> to point it at fakes on 127.0.0.1.
    /// </summary>
    /// <param name="services">Registrations made before the adapters' own (theirs are TryAdd): tests swap a clock or a store here.</param>
    public static WebApplication BuildService(
        string[] args, IReadOnlyDictionary<string, string?>? settings = null, IAnswerEngine? engine = null, Action<IServiceCollection>? services = null)
    {
        bool slack, discord;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        StartupChecks.UseDefaultUrlsUnlessConfigured(builder);

        builder.AddBotLogging();

        // Load (and validate) the fact set before anything listens: a broken one stops start-up with a plain message.
        // The sentence model is loaded after start-up, in the background (SentenceModelWarmUp): commands never need it.
        var content = engine is null ? ContentSettings.Load(builder.Configuration) : null;
        // With Redis, conversations are shared by replicas; the connection is made with the other services, so the
        // memory asks for it on first use (the engine answers nothing before the host has started).
        WebApplication? app = null;
        var memory = RuntimeRegistration.IsRedisConfigured(builder.Configuration)
            ? new RedisConversationMemory(() => app!.Services.GetRequiredService<RedisConnection>())
            : null;
        // Read on another thread while the rest of the host is put together (it is most of a cold start's work that
        // needs no host), and waited for before anything is mapped or listens. Its error, if any, is the one reported,
        // as when it was read first.
        var loading = engine is null ? Task.Run(() => content!.LoadEngine(memory)) : null;
        IAnswerEngine Answers() => engine ?? loading!.GetAwaiter().GetResult();
        try
        {
            if (engine is not null)
            {
                builder.Services.AddSingleton(engine);
            }
            else
            {
                // The same single instance: AnswerEngine holds nothing to dispose, so the container owning it changes nothing.
                builder.Services.AddSingleton(_ => Answers());
            }

            builder.Services.AddSingleton<SentenceModelReadiness>();
            builder.Services.AddHostedService(services => new SentenceModelWarmUp(
                Answers(),
                services.GetRequiredService<SentenceModelReadiness>(),
                modelSwitchedOff: content?.ModelSwitchedOff == true,
                services.GetRequiredService<ILogger<SentenceModelWarmUp>>()));
            builder.Services.AddHealthChecks().AddCheck<SentenceModelReadiness>(SentenceModelReadiness.Name, tags: [ReadyTag]);
            services?.Invoke(builder.Services);
            // Drain on stop (Host:ShutdownTimeout), reply retries (Replies:*), and their /readyz checks.
            builder.Services.AddBotRuntime(builder.Configuration);

            // GET /metrics (Prometheus text) and, with OTEL_EXPORTER_OTLP_ENDPOINT set, OTLP traces and metrics.
            builder.AddBotTelemetry();

            slack = builder.AddSlack();
            discord = builder.AddDiscord();

            app = builder.Build();
            // The runtime's settings, checked at start, are bound and checked meanwhile on another thread.
            RuntimeRegistration.PrepareOptions(app.Services);
            _ = Answers(); // loaded (or its error thrown) before anything is mapped or listens
        }
        catch when (loading is not null)
        {
            // A broken fact set is said first, as before; otherwise the error that happened.
            loading.GetAwaiter().GetResult();
            throw;
        }

        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteReadinessAsync });
        app.MapBotMetrics();
        if (slack)
        {
            app.MapSlack();
        }

        if (discord)
        {
            app.MapDiscord();
        }

        LogStarting(app.Logger, slack ? "on" : "off", discord ? "on" : "off");
        return app;
    }

    /// <summary>
    /// /readyz's body: the overall status on the first line, then one line per check with its reason, e.g.
    /// "sentence-model: Unhealthy (loading the sentence model)". The status code is ASP.NET Core's: 503 for
    /// Unhealthy, 200 for Healthy and Degraded.
    /// </summary>
    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        var text = new StringBuilder().Append(report.Status).Append('\n');
        foreach (var (name, entry) in report.Entries)
        {
            text.Append(name).Append(": ").Append(entry.Status);
            if (!string.IsNullOrEmpty(entry.Description))
            {
                text.Append(" (").Append(entry.Description).Append(')');
            }

            text.Append('\n');
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text.ToString(), context.RequestAborted);
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Bot service starting (Slack: {Slack}, Discord: {Discord})")]
    private static partial void LogStarting(ILogger logger, string slack, string discord);
}
