using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Bot.Runtime.Redis;

/// <summary>Makes work queues on Redis streams shared by every replica.</summary>
public sealed class RedisWorkQueueFactory(RedisConnection redis, WorkTracker tracker, TimeProvider time, ILoggerFactory loggers) : IWorkQueueFactory
{
    public IWorkQueue Create(string name, string what, int partitions, int capacity) =>
        new RedisWorkQueue(redis, tracker, time, loggers.CreateLogger<RedisWorkQueue>(), name, what, partitions, capacity);
}

/// <summary>
/// Accepted work in Redis streams, one per partition, read through one consumer group by every replica. An entry is
/// XACKed (and deleted) only once its reply is posted or given up; until then it stays pending under the replica that
/// read it, which touches it (XCLAIM to itself) while it works. A replica that dies stops touching its entries, and
/// after Redis:TakeOverAfter another takes them over (XAUTOCLAIM). An "answered" marker, written in the same step as
/// the XACK, keeps a taken-over entry whose reply was already posted from being posted again.
/// </summary>
public sealed partial class RedisWorkQueue : IWorkQueue
{
    public const string Group = "workers";

    /// <summary>How long "this was answered" is remembered: far longer than any entry waits to be taken over.</summary>
    public static readonly TimeSpan AnsweredMarkerLifetime = TimeSpan.FromHours(1);

    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan UnavailablePause = TimeSpan.FromSeconds(1);

    // Claim and queue in one step: a duplicate queues nothing, a refusal (full) leaves no claim behind.
    private const string AcceptScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        local queued = 0
        for i = 3, #KEYS do queued = queued + redis.call('XLEN', KEYS[i]) end
        if queued >= tonumber(ARGV[2]) then return -1 end
        redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
        redis.call('XADD', KEYS[2], '*', 'claim', ARGV[3], 'payload', ARGV[4], 'at', ARGV[5])
        return 1
        """;

    // The marker and the XACK together: either the entry is still pending, or it is done and marked.
    private const string FinishScript = """
        redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
        redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
        redis.call('XDEL', KEYS[1], ARGV[2])
        return 1
        """;

    private readonly RedisConnection _redis;
    private readonly WorkTracker _tracker;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _what;
    private readonly int _capacity;
    private readonly RedisKey[] _streams;
    private readonly string _consumer;

    internal RedisWorkQueue(RedisConnection redis, WorkTracker tracker, TimeProvider time, ILogger logger, string name, string what, int partitions, int capacity)
    {
        _redis = redis;
        _tracker = tracker;
        _time = time;
        _logger = logger;
        _what = what;
        _capacity = capacity;
        _streams = [.. Enumerable.Range(0, partitions).Select(p => redis.Key($"work:{name}:{p}"))];
        // Unique per process: a restarted replica is a new consumer, and the old one's pending work is taken over.
        _consumer = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
    }

    private TimeSpan TakeOverAfter => _redis.Options.TakeOverAfter;

    public async ValueTask<WorkAcceptance> TryAcceptAsync(string claimKey, TimeSpan claimTtl, int partition, string payload, CancellationToken cancellationToken)
    {
        if (_tracker.IsStopping)
        {
            return WorkAcceptance.Refused;
        }

        RedisResult result;
        try
        {
            result = await _redis.Database.ScriptEvaluateAsync(
                AcceptScript,
                [_redis.Key(RedisClaims.KeyName(claimKey)), _streams[partition], .. _streams],
                [(long)claimTtl.TotalMilliseconds, _capacity, claimKey, payload, _time.GetUtcNow().ToUnixTimeMilliseconds()]);
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            _redis.Failed("queue accepted work", ex);
            return WorkAcceptance.Refused;
        }

        return (int)result switch
        {
            1 => WorkAcceptance.Accepted,
            0 => WorkAcceptance.Duplicate,
            _ => WorkAcceptance.Refused,
        };
    }

    public Task RunAsync(WorkHandler handler) =>
        Task.WhenAll(_streams.Select(stream => Task.Run(() => WorkAsync(stream, handler), CancellationToken.None)));

    private async Task WorkAsync(RedisKey stream, WorkHandler handler)
    {
        var stopping = _tracker.Stopping;
        var takeOverEvery = TimeSpan.FromMilliseconds(Math.Clamp(TakeOverAfter.TotalMilliseconds / 4, 100, 5000));
        var lastTakeOverCheck = DateTimeOffset.MinValue;
        RedisValue takeOverCursor = "0-0";
        var groupReady = false;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (!groupReady)
                {
                    await EnsureGroupAsync(stream);
                    groupReady = true;
                }

                StreamEntry? entry = null;
                var takenOver = false;
                if (_time.GetUtcNow() - lastTakeOverCheck >= takeOverEvery)
                {
                    var claimed = await _redis.Database.StreamAutoClaimAsync(stream, Group, _consumer, (long)TakeOverAfter.TotalMilliseconds, takeOverCursor, 1);
                    takeOverCursor = claimed.NextStartId;
                    if (claimed.ClaimedEntries is [var first, ..])
                    {
                        entry = first;
                        takenOver = true;
                    }
                    else if (takeOverCursor == "0-0")
                    {
                        // A full pass found nothing idle: look again in a while.
                        lastTakeOverCheck = _time.GetUtcNow();
                    }
                }

                if (entry is null)
                {
                    var read = await _redis.Database.StreamReadGroupAsync(stream, Group, _consumer, ">", 1);
                    if (read is [var next, ..])
                    {
                        entry = next;
                    }
                }

                if (entry is not { } taken)
                {
                    await Task.Delay(IdlePoll, _time, stopping);
                    continue;
                }

                await HandleAsync(stream, taken, takenOver, handler);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested || _tracker.Abandon.IsCancellationRequested)
            {
                break;
            }
            catch (RedisServerException ex) when (ex.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
            {
                // Redis lost its data (restarted without persistence): make the group again.
                groupReady = false;
            }
            catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
            {
                _redis.Failed("read accepted work", ex);
                try
                {
                    await Task.Delay(UnavailablePause, _time, stopping);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await LeaveGroupAsync(stream);
    }

    /// <summary>
    /// A clean stop removes this process's consumer from the group, so restarts do not pile up names, but only when
    /// nothing is pending with it: deleting a consumer drops its pending entries, which would then never be taken over.
    /// </summary>
    private async Task LeaveGroupAsync(RedisKey stream)
    {
        try
        {
            var mine = await _redis.Database.StreamPendingMessagesAsync(stream, Group, 1, _consumer);
            if (mine.Length == 0)
            {
                await _redis.Database.StreamDeleteConsumerAsync(stream, Group, _consumer);
            }
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex) || ex is RedisServerException)
        {
            // Left behind: an idle name in the group, harmless.
        }
    }

    private async Task EnsureGroupAsync(RedisKey stream)
    {
        try
        {
            // From the start of the stream: work queued before any replica made the group is read too.
            await _redis.Database.StreamCreateConsumerGroupAsync(stream, Group, "0-0", createStream: true);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
        }
    }

    private async Task HandleAsync(RedisKey stream, StreamEntry entry, bool takenOver, WorkHandler handler)
    {
        var claim = (string?)entry["claim"];
        var payload = (string?)entry["payload"];
        var at = long.TryParse((string?)entry["at"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : _time.GetUtcNow();
        var answeredKey = _redis.Key("answered:" + claim);
        if (claim is null || payload is null)
        {
            await FinishAsync(stream, entry.Id, answeredKey, answered: false);
            return;
        }

        if (takenOver)
        {
            LogTakenOver(_logger, claim, (_time.GetUtcNow() - at).TotalSeconds);
            if (await _redis.Database.KeyExistsAsync(answeredKey))
            {
                await FinishAsync(stream, entry.Id, answeredKey, answered: true);
                return;
            }
        }

        // Read means ours: tracked even if the stop began a moment ago, so the drain waits for it.
        using var lease = _tracker.Start(_what);
        using var touching = _time.CreateTimer(_ => _ = TouchAsync(stream, entry.Id), null, TakeOverAfter / 3, TakeOverAfter / 3);
        bool answered;
        try
        {
            answered = await handler(new AcceptedWork(claim, payload, at, takenOver), lease, lease.Abandon);
        }
        catch (OperationCanceledException) when (lease.Abandon.IsCancellationRequested)
        {
            // The shutdown budget ran out: left pending, so another replica (or the next start) takes it over.
            throw;
        }
        catch (Exception ex)
        {
            LogHandlerFailed(_logger, ex, claim);
            answered = false;
        }

        lease.Complete(answered);
        await touching.DisposeAsync();
        // Keep trying to mark it done: were it left pending, it would be taken over and answered twice.
        while (true)
        {
            try
            {
                await FinishAsync(stream, entry.Id, answeredKey, answered);
                return;
            }
            catch (Exception ex) when (RedisConnection.IsUnavailable(ex) && !_tracker.Abandon.IsCancellationRequested)
            {
                _redis.Failed("mark work answered", ex);
                await Task.Delay(UnavailablePause, _time, _tracker.Abandon);
            }
        }
    }

    /// <summary>Resets the entry's idle time, so no other replica takes over what this one is still working on.</summary>
    private async Task TouchAsync(RedisKey stream, RedisValue id)
    {
        try
        {
            await _redis.Database.StreamClaimIdsOnlyAsync(stream, Group, _consumer, 0, [id]);
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            _redis.Failed("keep work claimed", ex);
        }
    }

    private Task FinishAsync(RedisKey stream, RedisValue id, RedisKey answeredKey, bool answered) =>
        _redis.Database.ScriptEvaluateAsync(
            FinishScript,
            [stream, answeredKey],
            [Group, id, answered ? "answered" : "given-up", (long)AnsweredMarkerLifetime.TotalMilliseconds]);

    [LoggerMessage(EventId = 135, Level = LogLevel.Warning, Message = "Took over {Claim} from a replica that stopped answering it (accepted {Seconds:0.0} s ago)")]
    private static partial void LogTakenOver(ILogger logger, string claim, double seconds);

    [LoggerMessage(EventId = 136, Level = LogLevel.Error, Message = "Answering {Claim} failed; given up")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string claim);
}
