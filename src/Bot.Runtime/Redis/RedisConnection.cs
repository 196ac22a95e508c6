using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Bot.Runtime.Redis;

/// <summary>
/// The process's one connection to Redis. It never stops start-up or the service: while Redis is away the connection
/// keeps retrying in the background, callers get <see cref="SharedStoreUnavailableException"/> (and refuse work they
/// cannot keep, so the platform redelivers it), failures are logged at most once per <see cref="LogEvery"/>, and
/// /readyz's `redis` check is Unhealthy.
/// </summary>
public sealed partial class RedisConnection : IHealthCheck, IDisposable
{
    public const string HealthName = "redis";

    public static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(30);

    private readonly ILogger<RedisConnection> _logger;
    private readonly TimeProvider _time;
    private readonly Lock _logLock = new();
    private readonly string _endpoints;
    private DateTimeOffset _lastLogged = DateTimeOffset.MinValue;
    private int _suppressed;
    private volatile string? _lastError;

    public RedisConnection(IOptions<RedisOptions> options, TimeProvider time, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        _time = time;
        Options = options.Value;
        var config = ConfigurationOptions.Parse(Options.Configuration!);
        // Start even when Redis is down, and keep reconnecting: acked work waits in Redis, not here.
        config.AbortOnConnectFail = false;
        config.ClientName ??= "article-bot";
        config.ConnectTimeout = Math.Min(config.ConnectTimeout, 5000);
        config.SyncTimeout = Math.Min(config.SyncTimeout, 2000);
        config.AsyncTimeout = Math.Min(config.AsyncTimeout, 5000);
        // Endpoints only: the configuration string may carry a password.
        _endpoints = string.Join(",", config.EndPoints.Select(e => e.ToString()));
        Multiplexer = ConnectionMultiplexer.Connect(config);
        Multiplexer.ConnectionFailed += (_, e) => Failed("connection", e.Exception ?? new IOException(e.FailureType.ToString()));
        Multiplexer.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Interactive)
            {
                LogRestored(_logger, _endpoints);
            }
        };
        LogConnecting(_logger, _endpoints, Options.KeyPrefix, Multiplexer.IsConnected ? "connected" : "not reachable yet, retrying in the background");
    }

    public RedisOptions Options { get; }

    public IConnectionMultiplexer Multiplexer { get; }

    public IDatabase Database => Multiplexer.GetDatabase();

    public bool IsConnected => Multiplexer.IsConnected;

    /// <summary>A key under Redis:KeyPrefix.</summary>
    public RedisKey Key(string name) => $"{Options.KeyPrefix}:{name}";

    /// <summary>Notes a failed call (logged at most once per <see cref="LogEvery"/>) and gives the exception callers see.</summary>
    public SharedStoreUnavailableException Failed(string what, Exception exception)
    {
        _lastError = exception.Message;
        var now = _time.GetUtcNow();
        int suppressed;
        lock (_logLock)
        {
            if (now - _lastLogged < LogEvery)
            {
                _suppressed++;
                return new SharedStoreUnavailableException($"Redis is unavailable ({what})", exception);
            }

            suppressed = _suppressed;
            _suppressed = 0;
            _lastLogged = now;
        }

        LogFailed(_logger, what, _endpoints, exception.Message, suppressed);
        return new SharedStoreUnavailableException($"Redis is unavailable ({what})", exception);
    }

    /// <summary>Whether an exception means Redis could not be asked (as opposed to a bug).</summary>
    public static bool IsUnavailable(Exception exception) =>
        exception is RedisConnectionException or RedisTimeoutException or ObjectDisposedException
        || exception is RedisServerException server && server.Message.StartsWith("LOADING", StringComparison.Ordinal);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(IsConnected
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"Redis {_endpoints} unreachable ({_lastError ?? "connecting"}): new work is left unacked for the platform to redeliver"));

    public void Dispose() => Multiplexer.Dispose();

    [LoggerMessage(EventId = 130, Level = LogLevel.Information, Message = "Sharing state through Redis at {Endpoints} (keys under '{Prefix}:'): {State}")]
    private static partial void LogConnecting(ILogger logger, string endpoints, string prefix, string state);

    [LoggerMessage(EventId = 131, Level = LogLevel.Error, Message = "Redis at {Endpoints} is unavailable ({What}: {Error}); new work is left unacked so the platform redelivers it, accepted work waits in Redis ({Suppressed} more such failures since the last line)")]
    private static partial void LogFailed(ILogger logger, string what, string endpoints, string error, int suppressed);

    [LoggerMessage(EventId = 132, Level = LogLevel.Information, Message = "Redis at {Endpoints} is reachable again")]
    private static partial void LogRestored(ILogger logger, string endpoints);
}
