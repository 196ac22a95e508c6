using System.Text.Encodings.Web;
using System.Text.Json;
using Bot.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Slack;

/// <summary>The Host's entry points into the Slack adapter.</summary>
public static class SlackRegistration
{
    public const string ReadyTag = "ready";

    /// <summary>Whether the settings turn this platform on (any of its modes).</summary>
    public static bool IsConfigured(IConfiguration configuration) => SlackOptions.AnySet(configuration);

    /// <summary>Registers the Slack adapter when Slack is configured; returns whether it is.</summary>
    /// <exception cref="SlackConfigurationException">The settings are inconsistent (message names the key).</exception>
    public static bool AddSlack(this IHostApplicationBuilder builder)
    {
        if (!IsConfigured(builder.Configuration))
        {
            return false;
        }

        var options = SlackOptions.Load(builder.Configuration);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        // Shared with Discord: in-flight work and its drain on stop, reply retries, reply health, claims and the work queue.
        services.AddBotRuntime(builder.Configuration);
        services.AddSingleton(options);
        services.AddSingleton<SlackReadiness>();
        services.AddSingleton<SlackBot>();
        // The client lives in singletons, so the handler is never rotated: pooled connections are recycled instead (DNS changes).
        // The typed client is made by a plain factory: AddHttpClient<T>'s default compiles one with expression trees
        // (ActivatorUtilities.CreateFactory), ~20–40 ms of a cold start spent before the service listens. Same name
        // (the type's), same client, same handler.
        services.AddHttpClient(nameof(SlackApiClient), http => http.Timeout = TimeSpan.FromSeconds(15))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers() // The factory's loggers print request URLs; a response_url is a credential.
            .AddTypedClient((http, sp) => new SlackApiClient(
                http, sp.GetRequiredService<SlackOptions>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SlackApiClient>>()));
        services.AddHostedService<SlackEventWorker>();
        services.AddHealthChecks().AddCheck<SlackReadiness>("slack", tags: [ReadyTag]);

        if (options.HttpMode)
        {
            services.AddSingleton(sp => new SlackSignatureVerifier(options.SigningSecret!, sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<SlackHttpEndpoint>();
        }

        if (options.SocketMode)
        {
            // Not AddHostedService: it registers one service per type, and each connection is its own.
            for (var slot = 0; slot < options.SocketConnections; slot++)
            {
                var mine = slot;
                services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<SlackSocketModeService>(sp, mine));
            }
        }

        return true;
    }

    /// <summary>Maps POST /slack/events when HTTP mode is configured.</summary>
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetService<SlackOptions>();
        if (options is not { HttpMode: true })
        {
            return endpoints;
        }

        var endpoint = endpoints.ServiceProvider.GetRequiredService<SlackHttpEndpoint>();
        endpoints.MapPost(SlackHttpEndpoint.Path, endpoint.HandleAsync);
        var readiness = endpoints.ServiceProvider.GetRequiredService<SlackReadiness>();
        endpoints.ServiceProvider.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => readiness.HttpListening = true);
        return endpoints;
    }
}

/// <summary>`slack-*` verbs of the host's command line: `slack-manifest [--http &lt;public-url&gt;]`.</summary>
public static class SlackCli
{
    private const string Usage = "usage: Bot.Host slack-manifest [--http https://<public-host>]   print the Slack app manifest (JSON)";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="examples">The fact set's example questions, for the assistant pane's suggested prompts; if they cannot be read, the manifest suggests the summary and help instead.</param>
    public static Task<int> RunAsync(
        string[] args, IConfiguration configuration, TextWriter output, TextWriter error, CancellationToken cancellationToken, Func<IReadOnlyList<string>>? examples = null)
    {
        var rest = args.Length > 0 && args[0] == "slack" ? args.Skip(1).ToArray() : args;
        if (rest.Length == 0 || rest[0] is not ("slack-manifest" or "manifest"))
        {
            error.WriteLine(Usage);
            return Task.FromResult(2);
        }

        Uri? publicUrl = null;
        for (var i = 1; i < rest.Length; i++)
        {
            string? value = null;
            if (rest[i] == "--http")
            {
                if (i + 1 >= rest.Length || rest[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    error.WriteLine("error: --http needs the bot's public HTTPS base URL, e.g. slack-manifest --http https://bot.example.com");
                    return Task.FromResult(2);
                }

                value = rest[++i];
            }
            else if (rest[i].StartsWith("--http=", StringComparison.Ordinal))
            {
                value = rest[i]["--http=".Length..];
            }
            else if (rest[i].StartsWith("--", StringComparison.Ordinal) && rest[i].Contains('='))
            {
                continue; // A configuration override, already applied by the host.
            }
            else
            {
                error.WriteLine($"Unknown argument '{rest[i]}'.\n{Usage}");
                return Task.FromResult(2);
            }

            if (!Uri.TryCreate(value, UriKind.Absolute, out publicUrl) || publicUrl.Scheme is not ("https" or "http"))
            {
                error.WriteLine($"error: --http needs the bot's public HTTPS base URL, e.g. https://bot.example.com (got '{value}').");
                return Task.FromResult(2);
            }

            if (publicUrl.Scheme != "https")
            {
                // Slack refuses request URLs that are not HTTPS when the manifest is saved.
                error.WriteLine($"error: --http {value}: Slack requires HTTPS request URLs; put a TLS proxy in front of the bot and give its https:// address.");
                return Task.FromResult(2);
            }
        }

        var name = configuration["Slack:AppName"];
        IReadOnlyList<string>? prompts = null;
        try
        {
            prompts = examples?.Invoke();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error.WriteLine($"warning: the fact set's example questions could not be read ({ex.Message}); the manifest suggests the summary and help instead.");
        }

        var manifest = SlackManifest.Build(publicUrl, string.IsNullOrWhiteSpace(name) ? SlackManifest.DefaultAppName : name.Trim(), prompts);
        output.WriteLine(manifest.ToJsonString(Indented));
        return Task.FromResult(0);
    }
}
