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
/// read it, which touches it (XCLAIM to itself, only while it is still the owner) while it works. A replica that dies
/// stops touching its entries, and after Redis:TakeOverAfter another takes them over (XAUTOCLAIM). An "answered"
/// marker, written in the same step as the XACK, keeps a taken-over entry whose reply was already posted from being
/// posted again.
/// <para>
/// A replica that is alive but stalls past Redis:TakeOverAfter (a GC pause, SIGSTOP, a partition from Redis) is taken
/// for dead too, so every attempt at posting is fenced (<see cref="Ownership"/>): right before it, one script checks
/// the entry is still pending with this replica and takes a "posting" claim (SET PX unless another hold has it; value
/// the consumer name and which hold of it). A
/// replica that lost the entry stands down and posts nothing; one that takes an entry over first waits for the
/// previous owner's posting claim to be released (its reply posted: the "answered" marker) or to expire.
/// </para>
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

    // The marker and the XACK together: either the entry is still pending, or it is done and marked. A reply that was
    // posted is marked whoever owns the entry now (ARGV[6] 0); anything else only by its owner (1): a replica that lost
    // the entry leaves it to the one that has it.
    private const string FinishScript = """
        if ARGV[6] == '1' then
          local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[2], ARGV[2], 1)
          if #pending == 0 or pending[1][2] ~= ARGV[5] then return 0 end
        end
        redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
        redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
        redis.call('XDEL', KEYS[1], ARGV[2])
        if redis.call('GET', KEYS[3]) == ARGV[7] then redis.call('DEL', KEYS[3]) end
        return 1
        """;

    // Touch only while the entry is still pending with this consumer (an unconditional XCLAIM would take it back from
    // a replica that took it over); the posting claim, if this hold (ARGV[5]) has it, lives on with it.
    private const string TouchScript = """
        local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[2], ARGV[2], 1)
        if #pending == 0 or pending[1][2] ~= ARGV[3] then return 0 end
        redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[3], 0, ARGV[2], 'JUSTID')
        if redis.call('GET', KEYS[2]) == ARGV[5] then redis.call('PEXPIRE', KEYS[2], ARGV[4]) end
        return 1
        """;

    // The fence before an attempt at posting: answered already, no longer ours, an earlier hold's posting claim still
    // running (its milliseconds left), or ours: the posting claim taken (renewed) and the entry touched, in one step.
    // The claim's value is the consumer name and which hold of it (ARGV[5]): a replica that takes back an entry it had
    // stood down from does not mistake its own earlier claim for the one it holds now.
    private const string BeginPostScript = """
        if redis.call('EXISTS', KEYS[3]) == 1 then return 'answered' end
        local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[2], ARGV[2], 1)
        if #pending == 0 or pending[1][2] ~= ARGV[3] then return 'lost' end
        local holder = redis.call('GET', KEYS[2])
        if holder and holder ~= ARGV[5] then return tostring(redis.call('PTTL', KEYS[2])) end
        redis.call('SET', KEYS[2], ARGV[5], 'PX', ARGV[4])
        redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[3], 0, ARGV[2], 'JUSTID')
        return 'ok'
        """;

    // Before answering a taken-over entry: answered already (-3), or how long the previous owner's posting claim has left
    // (-2: none).
    private const string PreviousPostScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return -3 end
        return redis.call('PTTL', KEYS[2])
        """;

    private readonly RedisConnection _redis;
    private readonly WorkTracker _tracker;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _what;
    private readonly int _capacity;
    private readonly RedisKey[] _streams;
    private readonly string _consumer;
    private readonly string _platform;
    private long _holds;

    internal RedisWorkQueue(RedisConnection redis, WorkTracker tracker, TimeProvider time, ILogger logger, string name, string what, int partitions, int capacity)
    {
        _redis = redis;
        _tracker = tracker;
        _time = time;
        _logger = logger;
        _what = what;
        _platform = name.StartsWith(Telemetry.BotTelemetry.Discord, StringComparison.Ordinal) ? Telemetry.BotTelemetry.Discord : Telemetry.BotTelemetry.Slack;
        _capacity = capacity;
        _streams = [.. Enumerable.Range(0, partitions).Select(p => redis.Key($"work:{name}:{p}"))];
        // Unique per process: a restarted replica is a new consumer, and the old one's pending work is taken over.
        _consumer = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
    }

    private TimeSpan TakeOverAfter => _redis.Options.TakeOverAfter;

    /// <summary>
    /// How long a posting claim outlives its owner's last touch: twice Redis:TakeOverAfter, so a replica that takes the
    /// entry over (at the earliest TakeOverAfter after that touch) still finds it while the owner may be mid-post.
    /// </summary>
    private TimeSpan PostingClaimLifetime => TakeOverAfter * 2;

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
                // Whatever this call reads is ours (its idle time reset) from no earlier than now.
                var readAt = _time.GetTimestamp();
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

                await HandleAsync(stream, taken, takenOver, readAt, handler);
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

    private async Task HandleAsync(RedisKey stream, StreamEntry entry, bool takenOver, long readAt, WorkHandler handler)
    {
        var claim = (string?)entry["claim"];
        var payload = (string?)entry["payload"];
        var at = long.TryParse((string?)entry["at"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : _time.GetUtcNow();
        var keys = new EntryKeys(stream, entry.Id, _redis.Key("answered:" + claim), _redis.Key("posting:" + claim));
        if (claim is null || payload is null)
        {
            await FinishAsync(keys, answered: false, mustOwn: false, _consumer);
            return;
        }

        // Read means ours: tracked even if the stop began a moment ago, so the drain waits for it.
        using var lease = _tracker.Start(_what);
        using var ownership = new Ownership(this, keys, readAt);
        lease.Fence = ownership;
        bool answered;
        try
        {
            if (takenOver)
            {
                LogTakenOver(_logger, claim, (_time.GetUtcNow() - at).TotalSeconds);
                if (await WaitForPreviousPostAsync(keys, claim, ownership) is { } done)
                {
                    if (done)
                    {
                        await FinishAsync(keys, answered: true, mustOwn: false, ownership.Holder);
                    }
                    else
                    {
                        StoodDown(claim, ownership);
                    }

                    return;
                }
            }

            answered = await handler(new AcceptedWork(claim, payload, at, takenOver), lease, lease.Abandon);
        }
        catch (OperationCanceledException) when (lease.Abandon.IsCancellationRequested)
        {
            // The shutdown budget ran out: left pending, so another replica (or the next start) takes it over.
            throw;
        }
        catch (Exception ex) when (!RedisConnection.IsUnavailable(ex))
        {
            // (Redis going away while this waits on a previous owner is thrown on: left pending, taken over again later.)
            LogHandlerFailed(_logger, ex, claim);
            answered = false;
        }

        ownership.Stop();
        if (ownership.StoodDown && !ownership.Posted)
        {
            // Another replica has it now (or answered it): it marks it done, not this one.
            StoodDown(claim, ownership);
            return;
        }

        lease.Complete(answered);
        // Keep trying to mark it done: were it left pending, it would be taken over and answered twice.
        while (true)
        {
            try
            {
                await FinishAsync(keys, answered, mustOwn: !ownership.Posted, ownership.Holder);
                return;
            }
            catch (Exception ex) when (RedisConnection.IsUnavailable(ex) && !_tracker.Abandon.IsCancellationRequested)
            {
                _redis.Failed("mark work answered", ex);
                await Task.Delay(UnavailablePause, _time, _tracker.Abandon);
            }
        }
    }

    /// <summary>
    /// Before answering a taken-over entry: true when it was answered already; false when this replica lost it again
    /// meanwhile; null when it is to be answered. A previous owner that holds the posting claim may be mid-post (stalled,
    /// or cut off from Redis while its post goes through): its claim is waited out (it cannot renew it, the entry no
    /// longer being its own), so its reply, if posted, is marked answered or can be seen in the thread by the handler.
    /// </summary>
    private async Task<bool?> WaitForPreviousPostAsync(EntryKeys keys, string claim, Ownership ownership)
    {
        var logged = false;
        while (true)
        {
            var left = (long)await _redis.Database.ScriptEvaluateAsync(PreviousPostScript, [keys.Answered, keys.Posting]);
            if (left == -3)
            {
                return true;
            }

            if (left < 0)
            {
                return null;
            }

            if (ownership.StoodDown)
            {
                return false;
            }

            if (!logged)
            {
                LogWaitingForPost(_logger, claim, left / 1000.0);
                logged = true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(left + 10, 10, 1000)), _time, _tracker.Abandon);
        }
    }

    private void StoodDown(string claim, Ownership ownership)
    {
        LogStoodDown(_logger, claim, ownership.Why ?? "another replica has it");
        Telemetry.BotTelemetry.RecordDedupHit(_platform, "reply");
    }

    private Task FinishAsync(EntryKeys keys, bool answered, bool mustOwn, string holder) =>
        _redis.Database.ScriptEvaluateAsync(
            FinishScript,
            [keys.Stream, keys.Answered, keys.Posting],
            [Group, keys.Id, answered ? "answered" : "given-up", (long)AnsweredMarkerLifetime.TotalMilliseconds, _consumer, mustOwn ? "1" : "0", holder]);

    /// <summary>The keys of one entry: its stream and id, its "answered" marker and its "posting" claim.</summary>
    private readonly record struct EntryKeys(RedisKey Stream, RedisValue Id, RedisKey Answered, RedisKey Posting);

    /// <summary>
    /// This replica's hold on one entry while it works on it, and the fence before every attempt at posting its reply.
    /// It touches the entry every third of Redis:TakeOverAfter, but only while the entry is still its own; it stands
    /// down (for good: <see cref="PostFence.StandDown"/> is cancelled) when a touch or the fence finds another replica
    /// owns it or answered it, or when an attempt at posting is in flight and ownership has gone unconfirmed for
    /// Redis:TakeOverAfter (cut off from Redis, or stalled): another replica may be taking it over, and it waits out
    /// this replica's posting claim and then looks for the reply before posting its own.
    /// </summary>
    private sealed class Ownership : PostFence, IDisposable
    {
        private readonly RedisWorkQueue _queue;
        private readonly EntryKeys _keys;
        private readonly CancellationTokenSource _standDown = new();
        private readonly ITimer _touching;
        private readonly Lock _lock = new();
        private long _confirmedAt;
        private int _touchInFlight;
        private int _postsInFlight;
        private int _stopped;
        private string? _why;

        public Ownership(RedisWorkQueue queue, EntryKeys keys, long readAt)
        {
            _queue = queue;
            _keys = keys;
            _confirmedAt = readAt;
            Holder = $"{queue._consumer}/{Interlocked.Increment(ref queue._holds)}";
            var every = queue.TakeOverAfter / 3;
            _touching = queue._time.CreateTimer(_ => Tick(), null, every, every);
        }

        /// <summary>The posting claim's value while this hold has it: the consumer name and which hold of it.</summary>
        public string Holder { get; }

        /// <summary>Why this replica stood down, for the log line.</summary>
        public string? Why => Volatile.Read(ref _why);

        /// <summary>An attempt the fence cleared was delivered: the reply is out, whoever owns the entry now.</summary>
        public bool Posted { get; private set; }

        public override bool StoodDown => Why is not null;

        public override CancellationToken StandDown => _standDown.Token;

        private TimeProvider Time => _queue._time;

        private string TakenFromUs =>
            $"another replica took it over (this one had not touched it for Redis:TakeOverAfter, {_queue.TakeOverAfter.TotalSeconds:0.#} s: it stalled, or was cut off from Redis)";

        private TimeSpan Unconfirmed => Time.GetElapsedTime(Volatile.Read(ref _confirmedAt));

        public override async ValueTask<PostClearance> BeginPostAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _postsInFlight);
            var clearance = PostClearance.StandDown;
            try
            {
                while (!StoodDown)
                {
                    var asked = Time.GetTimestamp();
                    string answer;
                    try
                    {
                        answer = (string?)await _queue._redis.Database.ScriptEvaluateAsync(
                            BeginPostScript,
                            [_keys.Stream, _keys.Posting, _keys.Answered],
                            [Group, _keys.Id, _queue._consumer, (long)_queue.PostingClaimLifetime.TotalMilliseconds, Holder]) ?? "";
                    }
                    catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
                    {
                        _queue._redis.Failed("check work is still ours before posting", ex);
                        return clearance = PostClearance.Unavailable;
                    }
                    catch (RedisServerException ex) when (ex.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
                    {
                        // Redis lost its data: no other replica can have this entry, this process is the only one to answer it.
                        return clearance = PostClearance.Granted;
                    }

                    switch (answer)
                    {
                        case "ok":
                            Confirmed(asked);
                            if (Time.GetElapsedTime(asked) < _queue.TakeOverAfter)
                            {
                                return clearance = PostClearance.Granted;
                            }

                            // The answer took so long (a stall) that it may be stale already: ask again.
                            continue;
                        case "answered":
                            StandDownFor("another replica answered it already");
                            break;
                        case "lost":
                            StandDownFor(TakenFromUs);
                            break;
                        default:
                            // The previous owner's posting claim still runs (it cannot renew it): wait it out.
                            var left = long.TryParse(answer, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pttl) ? pttl : 100;
                            await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(left + 10, 10, 1000)), Time, cancellationToken);
                            break;
                    }
                }

                return clearance = PostClearance.StandDown;
            }
            finally
            {
                if (clearance != PostClearance.Granted)
                {
                    Interlocked.Decrement(ref _postsInFlight);
                }
            }
        }

        public override void EndPost(bool delivered)
        {
            if (delivered)
            {
                Posted = true;
            }

            Interlocked.Decrement(ref _postsInFlight);
        }

        /// <summary>The handler is done: no more touching (a touch still in flight changes nothing).</summary>
        public void Stop()
        {
            if (Interlocked.Exchange(ref _stopped, 1) == 0)
            {
                _touching.Dispose();
            }
        }

        public void Dispose() => Stop();

        private void Tick()
        {
            if (StoodDown || Volatile.Read(ref _stopped) == 1)
            {
                return;
            }

            if (Volatile.Read(ref _postsInFlight) > 0 && Unconfirmed >= _queue.TakeOverAfter)
            {
                StandDownFor($"it could not confirm the work was still its own for Redis:TakeOverAfter ({_queue.TakeOverAfter.TotalSeconds:0.#} s) while posting "
                    + "(cut off from Redis, or stalled): the attempt is cut off and left to the takeover, which looks for it before answering");
                return;
            }

            if (Interlocked.Exchange(ref _touchInFlight, 1) == 0)
            {
                _ = TouchAsync();
            }
        }

        private async Task TouchAsync()
        {
            var asked = Time.GetTimestamp();
            try
            {
                var mine = (long)await _queue._redis.Database.ScriptEvaluateAsync(
                    TouchScript,
                    [_keys.Stream, _keys.Posting],
                    [Group, _keys.Id, _queue._consumer, (long)_queue.PostingClaimLifetime.TotalMilliseconds, Holder]) == 1;
                if (mine)
                {
                    Confirmed(asked);
                }
                else if (Volatile.Read(ref _stopped) == 0)
                {
                    StandDownFor(TakenFromUs);
                }
            }
            catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
            {
                _queue._redis.Failed("keep work claimed", ex);
            }
            catch (RedisServerException)
            {
                // NOGROUP (Redis lost its data): nothing to touch; the worker loop makes the group again.
            }
            finally
            {
                Volatile.Write(ref _touchInFlight, 0);
            }
        }

        private void Confirmed(long asked)
        {
            lock (_lock)
            {
                if (asked > _confirmedAt)
                {
                    Volatile.Write(ref _confirmedAt, asked);
                }
            }
        }

        private void StandDownFor(string why)
        {
            if (Interlocked.CompareExchange(ref _why, why, null) is null)
            {
                _standDown.Cancel();
            }
        }
    }

    [LoggerMessage(EventId = 135, Level = LogLevel.Warning, Message = "Took over {Claim} from a replica that stopped answering it (accepted {Seconds:0.0} s ago)")]
    private static partial void LogTakenOver(ILogger logger, string claim, double seconds);

    [LoggerMessage(EventId = 136, Level = LogLevel.Error, Message = "Answering {Claim} failed; given up")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string claim);

    [LoggerMessage(EventId = 137, Level = LogLevel.Warning, Message = "Stood down from {Claim}: {Why}. Not posting its reply from this replica")]
    private static partial void LogStoodDown(ILogger logger, string claim, string why);

    [LoggerMessage(EventId = 138, Level = LogLevel.Information, Message = "Taken-over {Claim} may be mid-post at the replica it was taken from: waiting up to {Seconds:0.0} s for its posting claim to end")]
    private static partial void LogWaitingForPost(ILogger logger, string claim, double seconds);
}
