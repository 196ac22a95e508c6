using System.Collections.Concurrent;
using Bot.TestSupport;
using StackExchange.Redis;

namespace Bot.Runtime.Tests;

/// <summary>The accepted-work queue on a real redis-server, shared by replicas.</summary>
[Collection(RedisCollection.Name)]
public class RedisWorkQueueTests(RedisServer server)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Work_accepted_by_either_replica_is_handled_once_by_one_of_them()
    {
        var prefix = RedisServer.NewPrefix();
        using var a = new Replica(server.Configuration, prefix);
        using var b = new Replica(server.Configuration, prefix);
        var queueA = a.Queues.Create("test", "test work", partitions: 4, capacity: 1000);
        var queueB = b.Queues.Create("test", "test work", partitions: 4, capacity: 1000);
        var handled = new ConcurrentQueue<(string Replica, string Payload)>();
        const int items = 100;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        WorkHandler Handler(string name) => (work, _, _) =>
        {
            handled.Enqueue((name, work.Payload));
            if (handled.Count >= items)
            {
                all.TrySetResult();
            }

            return Task.FromResult(true);
        };

        var runA = queueA.RunAsync(Handler("a"));
        var runB = queueB.RunAsync(Handler("b"));
        for (var i = 0; i < items; i++)
        {
            var queue = i % 2 == 0 ? queueA : queueB;
            Assert.Equal(WorkAcceptance.Accepted, await queue.TryAcceptAsync($"k{i}", Ttl, i % 4, $"p{i}", CancellationToken.None));
            // The same key again, through the other replica: a redelivery.
            Assert.Equal(WorkAcceptance.Duplicate, await (queue == queueA ? queueB : queueA).TryAcceptAsync($"k{i}", Ttl, i % 4, $"p{i}-again", CancellationToken.None));
        }

        await all.Task.WaitAsync(Generous);
        a.Stop();
        b.Stop();
        await Task.WhenAll(runA, runB).WaitAsync(Generous);

        Assert.Equal(items, handled.Count);
        Assert.Equal(items, handled.Select(h => h.Payload).Distinct().Count());
        Assert.DoesNotContain(handled, h => h.Payload.EndsWith("-again", StringComparison.Ordinal));
        Assert.Equal(0, await a.Redis.Database.StreamLengthAsync($"{prefix}:work:test:0"));
    }

    [Fact]
    public async Task A_full_queue_refuses_and_leaves_no_claim_behind()
    {
        using var replica = new Replica(server.Configuration, RedisServer.NewPrefix());
        var queue = replica.Queues.Create("test", "test work", partitions: 2, capacity: 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(WorkAcceptance.Accepted, await queue.TryAcceptAsync($"k{i}", Ttl, i % 2, "p", CancellationToken.None));
        }

        Assert.Equal(WorkAcceptance.Refused, await queue.TryAcceptAsync("k3", Ttl, 1, "p", CancellationToken.None));
        // Not claimed: the platform's redelivery will be taken once there is room.
        Assert.True(await replica.Claims.TryClaimAsync("k3", Ttl, CancellationToken.None));
    }

    [Fact]
    public async Task Work_a_dead_replica_read_is_taken_over_and_answered_once()
    {
        var prefix = RedisServer.NewPrefix();
        using var survivor = new Replica(server.Configuration, prefix, takeOverAfter: TimeSpan.FromSeconds(1));
        var queue = survivor.Queues.Create("test", "test work", partitions: 1, capacity: 100);
        Assert.Equal(WorkAcceptance.Accepted, await queue.TryAcceptAsync("k-orphan", Ttl, 0, "orphan", CancellationToken.None));

        // A replica reads it and dies before answering (nothing touches the entry from then on).
        var stream = (RedisKey)$"{prefix}:work:test:0";
        var db = survivor.Redis.Database;
        await db.StreamCreateConsumerGroupAsync(stream, "workers", "0-0", createStream: true);
        var read = await db.StreamReadGroupAsync(stream, "workers", "dead-replica", ">", 1);
        Assert.Single(read);

        var handled = new ConcurrentQueue<AcceptedWork>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = queue.RunAsync((work, _, _) =>
        {
            handled.Enqueue(work);
            done.TrySetResult();
            return Task.FromResult(true);
        });

        await done.Task.WaitAsync(Generous);
        survivor.Stop();
        await run.WaitAsync(Generous);

        var work = Assert.Single(handled);
        Assert.Equal("orphan", work.Payload);
        Assert.True(work.TakenOver);
        Assert.Equal(0, (await db.StreamPendingAsync(stream, "workers")).PendingMessageCount);
    }

    [Fact]
    public async Task Slow_work_of_a_live_replica_is_not_taken_over()
    {
        var prefix = RedisServer.NewPrefix();
        using var slow = new Replica(server.Configuration, prefix, takeOverAfter: TimeSpan.FromSeconds(2));
        using var other = new Replica(server.Configuration, prefix, takeOverAfter: TimeSpan.FromSeconds(2));
        var slowQueue = slow.Queues.Create("test", "test work", partitions: 1, capacity: 100);
        var otherQueue = other.Queues.Create("test", "test work", partitions: 1, capacity: 100);
        var handledBy = new ConcurrentQueue<string>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var runSlow = slowQueue.RunAsync(async (work, _, _) =>
        {
            handledBy.Enqueue("slow");
            started.TrySetResult();
            await release.Task; // A reply retried through an outage, far longer than Redis:TakeOverAfter.
            return true;
        });
        Assert.Equal(WorkAcceptance.Accepted, await slowQueue.TryAcceptAsync("k-slow", Ttl, 0, "slow", CancellationToken.None));
        await started.Task.WaitAsync(Generous);

        var runOther = otherQueue.RunAsync((work, _, _) =>
        {
            handledBy.Enqueue("other");
            return Task.FromResult(true);
        });

        // Three takeover periods: the other replica looks several times and must leave it alone.
        await Task.Delay(TimeSpan.FromSeconds(6));
        release.SetResult();
        slow.Stop();
        other.Stop();
        await Task.WhenAll(runSlow, runOther).WaitAsync(Generous);

        Assert.Equal(["slow"], handledBy);
    }

    [Fact]
    public async Task Unreachable_redis_refuses_work_instead_of_acking_it()
    {
        using var replica = new Replica($"127.0.0.1:{RedisClaimsTests.UnusedPort()},connectTimeout=500", "x");
        var queue = replica.Queues.Create("test", "test work", partitions: 1, capacity: 100);
        Assert.Equal(WorkAcceptance.Refused, await queue.TryAcceptAsync("k", Ttl, 0, "p", CancellationToken.None));
    }
}
