namespace Bot.Discord;

/// <summary>
/// Discord's identify rate limit: shards whose <c>id % max_concurrency</c> match share a bucket, and a bucket starts at
/// most one session per interval (5 s); different buckets identify at the same time.
/// </summary>
public sealed class IdentifyGate(int maxConcurrency, TimeSpan interval, TimeProvider time)
{
    private readonly Dictionary<int, DateTimeOffset> nextTurn = [];
    private readonly Lock gate = new();

    public int MaxConcurrency { get; } = Math.Max(1, maxConcurrency);

    /// <summary>Waits for this shard's bucket to allow an identify, and takes that turn.</summary>
    public Task WaitTurnAsync(int shardId, CancellationToken cancellationToken)
    {
        var bucket = shardId % MaxConcurrency;
        var now = time.GetUtcNow();
        DateTimeOffset turn;
        lock (gate)
        {
            // Turns are handed out in order, so shards of one bucket waiting together each get their own slot.
            turn = nextTurn.TryGetValue(bucket, out var next) && next > now ? next : now;
            nextTurn[bucket] = turn + interval;
        }

        var wait = turn - now;
        return wait > TimeSpan.Zero ? Task.Delay(wait, time, cancellationToken) : Task.CompletedTask;
    }
}
