using Bot.Runtime.Feedback;
using Bot.Runtime.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bot.Runtime;

/// <summary>Registers what both adapters share; safe to call more than once (each adapter does, and so does the host).</summary>
public static class RuntimeRegistration
{
    /// <summary>The health-check tag /readyz uses (the same as the adapters').</summary>
    public const string ReadyTag = "ready";

    public static IServiceCollection AddBotRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(s => s.ServiceType == typeof(RuntimeMarker)))
        {
            return services;
        }

        services.AddSingleton<RuntimeMarker>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ShutdownOptions>().Bind(configuration.GetSection(ShutdownOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ShutdownOptions>, ShutdownOptionsValidator>();
        services.AddOptions<ReplyOptions>().Bind(configuration.GetSection(ReplyOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReplyOptions>, ReplyOptionsValidator>();
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.ShutdownTimeout);
        services.TryAddSingleton<WorkTracker>();
        services.TryAddSingleton<ReplyHealth>();
        services.TryAddSingleton<ReplyRetry>();
        services.TryAddSingleton<RefusedRequests>();
        services.AddOptions<FeedbackOptions>().Bind(configuration.GetSection(FeedbackOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FeedbackOptions>, FeedbackOptionsValidator>();
        services.TryAddSingleton<FeedbackRecorder>();
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RedisOptions>, RedisOptionsValidator>();
        if (IsRedisConfigured(configuration))
        {
            // Replicas share claims and accepted work through Redis.
            services.TryAddSingleton<RedisConnection>();
            services.TryAddSingleton<IClaims, RedisClaims>();
            services.TryAddSingleton<IWorkQueueFactory, RedisWorkQueueFactory>();
            services.TryAddSingleton<IFeedbackStore, RedisFeedbackStore>();
            services.AddHealthChecks().AddCheck<RedisConnection>(RedisConnection.HealthName, tags: [ReadyTag]);
        }
        else
        {
            services.TryAddSingleton<IClaims>(sp => new InMemoryClaims(sp.GetRequiredService<TimeProvider>()));
            services.TryAddSingleton<IWorkQueueFactory, InMemoryWorkQueueFactory>();
            services.TryAddSingleton<IFeedbackStore, FileFeedbackStore>();
        }

        // Before the adapters' own services: hosted services stop in reverse order, so this one waits for them.
        services.AddHostedService<DrainService>();
        services.AddHealthChecks()
            .AddCheck<ShutdownReadiness>(ShutdownReadiness.Name, tags: [ReadyTag])
            .AddCheck<ReplyHealth>(ReplyHealth.Name, tags: [ReadyTag]);
        return services;
    }

    /// <summary>
    /// Binds and checks the runtime's settings (the ones <see cref="AddBotRuntime"/> has checked at start) on a thread-pool
    /// thread, so that the host's start finds them done: cold, binding (by reflection, unless published as Native AOT)
    /// and validation take tens of milliseconds that would otherwise pass before the service listens. Nothing is kept
    /// from a failure: the start checks again, on its own thread, and reports it as before.
    /// </summary>
    public static void PrepareOptions(IServiceProvider services) =>
        _ = Task.Run(() =>
        {
            try
            {
                _ = services.GetRequiredService<IOptions<ShutdownOptions>>().Value;
                _ = services.GetRequiredService<IOptions<ReplyOptions>>().Value;
                _ = services.GetRequiredService<IOptions<FeedbackOptions>>().Value;
                _ = services.GetRequiredService<IOptions<RedisOptions>>().Value;
            }
            catch (Exception)
            {
                // Reported by the start's own check (or the host was disposed first): nothing to do here.
            }
        });

    /// <summary>Whether Redis:Configuration is set: then claims, accepted work, conversations and the Gateway session live in Redis.</summary>
    public static bool IsRedisConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{RedisOptions.Section}:{nameof(RedisOptions.Configuration)}"]);

    private sealed class RuntimeMarker;
}
