using System.Collections.Concurrent;
using Bot.Runtime.Redis;
using Bot.TestSupport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Runtime.Tests;

/// <summary>One redis-server for every Redis test of this assembly; each test keeps to its own key prefix.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServer>
{
    public const string Name = "redis";
}

/// <summary>Runtime parts wired as a replica would have them, on the shared test Redis under a fresh prefix.</summary>
internal sealed class Replica : IDisposable
{
    private readonly Lifetime _lifetime = new();

    /// <param name="time">
    /// The queue's clock. A <c>FakeTimeProvider</c> that is not advanced freezes its timers, as a stalled process
    /// (a long GC pause, SIGSTOP) would: the replica stops touching what it works on.
    /// </param>
    public Replica(string configuration, string prefix, TimeSpan? takeOverAfter = null, TimeProvider? time = null)
    {
        Redis = new RedisConnection(
            Options.Create(new RedisOptions { Configuration = configuration, KeyPrefix = prefix, TakeOverAfter = takeOverAfter ?? TimeSpan.FromSeconds(30) }),
            TimeProvider.System,
            NullLogger<RedisConnection>.Instance);
        Tracker = new WorkTracker(_lifetime, Options.Create(new ShutdownOptions { ShutdownTimeout = TimeSpan.FromSeconds(20) }), TimeProvider.System, NullLogger<WorkTracker>.Instance);
        Claims = new RedisClaims(Redis);
        Queues = new RedisWorkQueueFactory(Redis, Tracker, time ?? TimeProvider.System, new LogLines(Logs));
    }

    public RedisConnection Redis { get; }
    public WorkTracker Tracker { get; }
    public RedisClaims Claims { get; }
    public RedisWorkQueueFactory Queues { get; }

    /// <summary>The queue's log lines, as "Level: message".</summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>As SIGTERM: stop reading new work, finish what is in hand.</summary>
    public void Stop() => _lifetime.Stop();

    public void Dispose()
    {
        _lifetime.Stop();
        Tracker.Dispose();
        Redis.Dispose();
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => _stopping.Token;
        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => Stop();

        public void Stop() => _stopping.Cancel();
    }

    private sealed class LogLines(ConcurrentQueue<string> lines) : ILoggerFactory, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel}: {formatter(state, exception)}");

        public void Dispose()
        {
        }
    }
}
