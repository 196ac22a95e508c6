using System.Diagnostics;
using StackExchange.Redis;

namespace Bot.TestSupport;

/// <summary>
/// The Redis streams one work queue keeps (<c>{prefix}:work:{queue}:{partition}</c>), as replica tests watch them:
/// what a replica holds unacknowledged, and what is still queued.
/// </summary>
public sealed record WorkStreams(string Prefix, string Queue, int Partitions)
{
    /// <summary>Entries pending with consumers whose name starts with <paramref name="consumerPrefix"/> (one replica).</summary>
    public async Task<long> PendingWithAsync(IDatabase db, string consumerPrefix)
    {
        long pending = 0;
        for (var p = 0; p < Partitions; p++)
        {
            var key = Key(p);
            if (!await db.KeyExistsAsync(key) || (await db.StreamGroupInfoAsync(key)).Length == 0)
            {
                continue;
            }

            var info = await db.StreamPendingAsync(key, "workers");
            pending += info.Consumers.Where(c => c.Name.ToString().StartsWith(consumerPrefix, StringComparison.Ordinal)).Sum(c => (long)c.PendingMessageCount);
        }

        return pending;
    }

    /// <summary>Entries still in the streams (waiting or being worked on).</summary>
    public async Task<long> QueuedAsync(IDatabase db)
    {
        long queued = 0;
        for (var p = 0; p < Partitions; p++)
        {
            queued += await db.StreamLengthAsync(Key(p));
        }

        return queued;
    }

    private RedisKey Key(int partition) => $"{Prefix}:work:{Queue}:{partition}";
}

/// <summary>Waiting on a condition, never on a duration: the tests stay right on a slow machine.</summary>
public static class Eventually
{
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed >= timeout)
            {
                throw new TimeoutException($"Timed out waiting for {what}");
            }

            await Task.Delay(25);
        }
    }
}
