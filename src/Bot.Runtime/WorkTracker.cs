using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Runtime;

/// <summary>
/// Every piece of work the bot has accepted (acked) and not yet answered, across both adapters. On shutdown
/// (ApplicationStopping) it stops taking new work at once, and <see cref="DrainAsync"/> waits for what is in hand
/// until the shutdown budget runs out; then <see cref="Abandon"/> fires and one line says what was drained and
/// what was abandoned, and why.
/// </summary>
public sealed partial class WorkTracker : IDisposable
{
    /// <summary>Kept back from the budget so the last log line and the sockets' close frames still fit in it.</summary>
    public static readonly TimeSpan FinalMargin = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<WorkLease, byte> _open = new();
    private readonly CancellationTokenSource _abandon = new();
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider _time;
    private readonly TimeSpan _budget;
    private readonly ILogger<WorkTracker> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _deadline;
    private long _stopStartedTicks;
    private int _drained;
    private int _gaveUp;
    private int _reported;
    private List<WorkLease>? _abandoned;

    public WorkTracker(IHostApplicationLifetime lifetime, IOptions<ShutdownOptions> shutdown, TimeProvider time, ILogger<WorkTracker> logger)
    {
        _time = time;
        _budget = shutdown.Value.ShutdownTimeout;
        _logger = logger;
        lifetime.ApplicationStopping.Register(BeginDrain);
    }

    /// <summary>True from the moment the host starts stopping: no new work is taken.</summary>
    public bool IsStopping => _stopping.IsCancellationRequested;

    /// <summary>Cancelled when the host starts stopping (adapters close their connections on it).</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Cancelled when the shutdown budget is spent: whatever is still running gives up.</summary>
    public CancellationToken Abandon => _abandon.Token;

    /// <summary>Work accepted and not yet finished.</summary>
    public int InFlight => _open.Count;

    /// <summary>New work, unless the host is stopping (then null: do not ack it, the platform redelivers it elsewhere).</summary>
    public WorkLease? TryStart(string what)
    {
        if (IsStopping)
        {
            return null;
        }

        var lease = Start(what);
        // Stopping may have begun between the check and the add: the drain counts this lease either way.
        return lease;
    }

    /// <summary>Work that was already acknowledged (e.g. a slow slash command's follow-up): tracked even while stopping.</summary>
    public WorkLease Start(string what)
    {
        var lease = new WorkLease(this, what);
        _open[lease] = 0;
        Telemetry.BotTelemetry.InFlightChanged(1);
        return lease;
    }

    /// <summary>Starts the drain by hand (the host does it on ApplicationStopping). Safe to call twice.</summary>
    public void BeginDrain()
    {
        if (Interlocked.CompareExchange(ref _stopStartedTicks, _time.GetTimestamp(), 0) != 0)
        {
            return;
        }

        var limit = _budget > FinalMargin * 2 ? _budget - FinalMargin : _budget / 2;
        _deadline = _time.CreateTimer(_ => AbandonNow(), null, limit, Timeout.InfiniteTimeSpan);
        LogDraining(_logger, _open.Count, limit.TotalSeconds);
        CancelQuietly(_stopping);
        CheckIdle();
    }

    /// <summary>Waits until every lease is finished or the budget is spent, then logs the one summary line.</summary>
    public async Task DrainAsync(CancellationToken hostDeadline)
    {
        BeginDrain();
        try
        {
            await _idle.Task.WaitAsync(hostDeadline).WaitAsync(_abandon.Token);
        }
        catch (OperationCanceledException)
        {
            AbandonNow();
        }

        Report();
    }

    /// <summary>The budget is spent: what is open now is abandoned (noted before the cancellation unwinds it).</summary>
    private void AbandonNow()
    {
        lock (_open)
        {
            _abandoned ??= [.. _open.Keys];
        }

        CancelQuietly(_abandon);
    }

    private void Report()
    {
        if (Interlocked.Exchange(ref _reported, 1) == 1)
        {
            return;
        }

        var elapsed = _time.GetElapsedTime(Interlocked.Read(ref _stopStartedTicks));
        List<WorkLease> open;
        lock (_open)
        {
            open = _abandoned ?? [];
        }

        if (open.Count == 0)
        {
            LogDrained(_logger, Volatile.Read(ref _drained), Volatile.Read(ref _gaveUp), elapsed.TotalMilliseconds);
            return;
        }

        var why = string.Join("; ", open
            .GroupBy(l => l.What)
            .Select(g => $"{g.Count()} {g.Key}" + (g.Select(l => l.Status).FirstOrDefault(s => s is not null) is { } status ? $" ({status})" : "")));
        LogAbandoned(_logger, Volatile.Read(ref _drained), open.Count, _budget.TotalSeconds, why);
    }

    internal void Finish(WorkLease lease, bool answered)
    {
        if (!_open.TryRemove(lease, out _))
        {
            return;
        }

        Telemetry.BotTelemetry.InFlightChanged(-1);

        if (IsStopping && !_abandon.IsCancellationRequested)
        {
            Interlocked.Increment(ref _drained);
            if (!answered)
            {
                Interlocked.Increment(ref _gaveUp);
            }
        }

        CheckIdle();
    }

    private void CheckIdle()
    {
        if (IsStopping && _open.IsEmpty)
        {
            _idle.TrySetResult();
        }
    }

    private static void CancelQuietly(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _deadline?.Dispose();
        _abandon.Dispose();
        _stopping.Dispose();
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Shutting down: taking no new work, draining {InFlight} accepted item(s) within {Seconds:0.#} s")]
    private static partial void LogDraining(ILogger logger, int inFlight, double seconds);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Shutdown drain done: drained {Drained}, abandoned 0 ({GaveUp} of them given up as undeliverable) in {Milliseconds:0} ms")]
    private static partial void LogDrained(ILogger logger, int drained, int gaveUp, double milliseconds);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Shutdown drain cut short: drained {Drained}, abandoned {Abandoned} (the {Seconds:0.#} s shutdown budget ran out: {Why})")]
    private static partial void LogAbandoned(ILogger logger, int drained, int abandoned, double seconds, string why);
}

/// <summary>One accepted piece of work. Dispose (or <see cref="Complete"/>) when it is answered or given up.</summary>
public sealed class WorkLease : IDisposable
{
    private readonly WorkTracker _tracker;

    internal WorkLease(WorkTracker tracker, string what)
    {
        _tracker = tracker;
        What = what;
    }

    /// <summary>What kind of work, for the shutdown summary: "Slack mention", "Discord interaction", …</summary>
    public string What { get; }

    /// <summary>Where it stands, e.g. "retrying: http_503"; shown if it is abandoned.</summary>
    public string? Status { get; set; }

    /// <summary>Cancelled when the shutdown budget is spent.</summary>
    public CancellationToken Abandon => _tracker.Abandon;

    /// <summary>Set by a queue whose work other replicas can take over (Redis); none: this process may always post.</summary>
    public PostFence? Fence { get; internal set; }

    /// <summary>True once another replica owns this work: its reply must not be posted from here.</summary>
    public bool StoodDown => Fence?.StoodDown ?? false;

    /// <summary>Cancelled when this process stands down from the work (never, without a <see cref="Fence"/>).</summary>
    public CancellationToken StandDown => Fence?.StandDown ?? CancellationToken.None;

    /// <summary>
    /// Right before posting the reply: whether this process may post it now (see <see cref="PostFence"/>).
    /// <see cref="ReplyRetry.DeliverAsync"/> asks before every attempt; call <see cref="EndPost"/> after a granted one.
    /// </summary>
    public ValueTask<PostClearance> BeginPostAsync(CancellationToken cancellationToken) =>
        Fence?.BeginPostAsync(cancellationToken) ?? ValueTask.FromResult(PostClearance.Granted);

    /// <summary>The attempt <see cref="BeginPostAsync"/> cleared is over; <paramref name="delivered"/>: the reply was posted.</summary>
    public void EndPost(bool delivered) => Fence?.EndPost(delivered);

    public void Complete(bool answered) => _tracker.Finish(this, answered);

    public void Dispose() => _tracker.Finish(this, answered: true);
}

/// <summary>Drains the <see cref="WorkTracker"/> on stop. Registered before the adapters' services, so it stops after them.</summary>
public sealed class DrainService(WorkTracker tracker) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => tracker.DrainAsync(cancellationToken);
}
