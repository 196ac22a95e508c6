using System.Collections.Concurrent;
using System.Diagnostics;
using Bot.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Bot.Runtime.Tests;

/// <summary>
/// The post fence on a real redis-server: two replicas of one queue with a short Redis:TakeOverAfter, one of them
/// stalled past it (its clock frozen, as in a long GC pause or SIGSTOP: it stops touching what it works on). At most one
/// posts the reply, and nothing acknowledged is lost.
/// </summary>
[Collection(RedisCollection.Name)]
public class PostFenceTests(RedisServer server)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset Deadline = DateTimeOffset.UtcNow.AddHours(1);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_replica_stalled_past_takeover_stands_down_and_the_reply_is_posted_once(bool itsClockRunsBeforeItPosts)
    {
        var takeOverAfter = TimeSpan.FromSeconds(1);
        var prefix = RedisServer.NewPrefix();
        var frozen = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var a = new Replica(server.Configuration, prefix, takeOverAfter, frozen);
        using var b = new Replica(server.Configuration, prefix, takeOverAfter);
        var queueA = a.Queues.Create("test", "test work", partitions: 1, capacity: 100);
        var queueB = b.Queues.Create("test", "test work", partitions: 1, capacity: 100);
        var stream = (RedisKey)$"{prefix}:work:test:0";
        var db = b.Redis.Database;
        var retry = Retry();
        var posts = new ConcurrentQueue<string>();

        var aStarted = Signal<WorkLease>();
        var aWakes = Signal<bool>();
        var aDelivered = Signal<bool>();
        Assert.Equal(WorkAcceptance.Accepted, await queueA.TryAcceptAsync("k-stall", Ttl, 0, "stall", CancellationToken.None));
        var runA = queueA.RunAsync(async (work, lease, abandon) =>
        {
            aStarted.TrySetResult(lease);
            await aWakes.Task; // Stalled before its post; its clock is frozen, so nothing touches the entry.
            var delivered = await retry.DeliverAsync("reply from a", Deadline, _ => Post(posts, "a"), abandon, lease);
            aDelivered.TrySetResult(delivered);
            return delivered;
        });
        var leaseA = await aStarted.Task.WaitAsync(Generous);
        var ownerA = await OwnerAsync(db, stream);

        var bStarted = Signal<AcceptedWork>();
        var bGoes = Signal<bool>();
        var bDelivered = Signal<bool>();
        var runB = queueB.RunAsync(async (work, lease, abandon) =>
        {
            bStarted.TrySetResult(work);
            await bGoes.Task;
            var delivered = await retry.DeliverAsync("reply from b", Deadline, _ => Post(posts, "b"), abandon, lease);
            bDelivered.TrySetResult(delivered);
            return delivered;
        });
        var taken = await bStarted.Task.WaitAsync(Generous);
        Assert.True(taken.TakenOver);
        var ownerB = await OwnerAsync(db, stream);
        Assert.NotEqual(ownerA, ownerB);

        if (itsClockRunsBeforeItPosts)
        {
            // A's timers fire again: its touch finds the entry is B's now, takes nothing back, and A stands down.
            frozen.Advance(takeOverAfter);
            await Eventually.WaitUntilAsync(() => Task.FromResult(leaseA.StandDown.IsCancellationRequested), "the stalled replica to learn it lost the work", Generous);
            Assert.Equal(ownerB, await OwnerAsync(db, stream));
        }

        bGoes.SetResult(true);
        Assert.True(await bDelivered.Task.WaitAsync(Generous));
        // A wakes and goes to post: the fence (its own flag, or the check in Redis) says no.
        aWakes.SetResult(true);
        Assert.False(await aDelivered.Task.WaitAsync(Generous));
        Assert.True(leaseA.StoodDown);

        await Eventually.WaitUntilAsync(async () => await db.StreamLengthAsync(stream) == 0, "the entry to be done", Generous);
        a.Stop();
        b.Stop();
        await Task.WhenAll(runA, runB).WaitAsync(Generous);

        Assert.Equal(["b"], posts);
        var stoodDown = Assert.Single(a.Logs, l => l.Contains("Stood down from k-stall", StringComparison.Ordinal));
        // Its touch saw the entry taken over; or, woken after B's reply, the fence saw it taken over or already answered.
        Assert.Matches(itsClockRunsBeforeItPosts ? "another replica took it over" : "another replica (took it over|answered it already)", stoodDown);
        Assert.StartsWith("Warning:", stoodDown, StringComparison.Ordinal);
        Assert.Equal(0, (await db.StreamPendingAsync(stream, "workers")).PendingMessageCount);
    }

    [Fact]
    public async Task A_replica_stalled_mid_post_keeps_the_taker_over_from_posting_until_its_reply_is_marked()
    {
        // Longer here: the posting claim (twice this) must outlast the takeover plus the moment the test takes to wake A.
        var takeOverAfter = TimeSpan.FromSeconds(3);
        var prefix = RedisServer.NewPrefix();
        var frozen = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var a = new Replica(server.Configuration, prefix, takeOverAfter, frozen);
        using var b = new Replica(server.Configuration, prefix, takeOverAfter);
        var queueA = a.Queues.Create("test", "test work", partitions: 1, capacity: 100);
        var queueB = b.Queues.Create("test", "test work", partitions: 1, capacity: 100);
        var stream = (RedisKey)$"{prefix}:work:test:0";
        var db = b.Redis.Database;
        var retry = Retry();
        var posts = new ConcurrentQueue<string>();

        var aPosting = Signal<bool>();
        var aWakes = Signal<bool>();
        Assert.Equal(WorkAcceptance.Accepted, await queueA.TryAcceptAsync("k-midpost", Ttl, 0, "midpost", CancellationToken.None));
        var runA = queueA.RunAsync((work, lease, abandon) => retry.DeliverAsync("reply from a", Deadline, async _ =>
        {
            // Past the fence, holding the posting claim: stalled (or cut off from Redis) while the post goes out.
            aPosting.TrySetResult(true);
            await aWakes.Task;
            return await Post(posts, "a");
        }, abandon, lease));
        await aPosting.Task.WaitAsync(Generous);
        var ownerA = await OwnerAsync(db, stream);

        var bHandled = new ConcurrentQueue<AcceptedWork>();
        var runB = queueB.RunAsync((work, lease, abandon) =>
        {
            bHandled.Enqueue(work);
            return retry.DeliverAsync("reply from b", Deadline, _ => Post(posts, "b"), abandon, lease);
        });

        // B takes the entry over and finds A's posting claim: it waits instead of answering.
        await Eventually.WaitUntilAsync(() => Task.FromResult(b.Logs.Any(l => l.Contains("may be mid-post", StringComparison.Ordinal))), "the taker-over to wait for the posting claim", Generous);
        Assert.NotEqual(ownerA, await OwnerAsync(db, stream));
        aWakes.SetResult(true);

        await Eventually.WaitUntilAsync(async () => await db.StreamLengthAsync(stream) == 0, "the entry to be done", Generous);
        a.Stop();
        b.Stop();
        await Task.WhenAll(runA, runB).WaitAsync(Generous);

        Assert.Equal(["a"], posts);
        Assert.Empty(bHandled);
        Assert.True(await db.KeyExistsAsync($"{prefix}:answered:k-midpost"));
        Assert.False(await db.KeyExistsAsync($"{prefix}:posting:k-midpost"));
    }

    [Fact]
    public async Task A_replica_that_wakes_mid_post_unsure_it_still_owns_the_work_cuts_the_attempt_off_and_the_takeover_answers_once()
    {
        var takeOverAfter = TimeSpan.FromSeconds(2);
        var prefix = RedisServer.NewPrefix();
        var frozen = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var a = new Replica(server.Configuration, prefix, takeOverAfter, frozen);
        using var b = new Replica(server.Configuration, prefix, takeOverAfter);
        var queueA = a.Queues.Create("test", "test work", partitions: 1, capacity: 100);
        var queueB = b.Queues.Create("test", "test work", partitions: 1, capacity: 100);
        var stream = (RedisKey)$"{prefix}:work:test:0";
        var db = b.Redis.Database;
        var retry = Retry();
        var posts = new ConcurrentQueue<string>();

        var aLease = Signal<WorkLease>();
        var aDelivered = Signal<bool>();
        Assert.Equal(WorkAcceptance.Accepted, await queueA.TryAcceptAsync("k-cutoff", Ttl, 0, "cutoff", CancellationToken.None));
        var runA = queueA.RunAsync(async (work, lease, abandon) =>
        {
            var delivered = await retry.DeliverAsync("reply from a", Deadline, async attempt =>
            {
                // Past the fence, the request on its way (a slow call, a rate limit's wait)...
                aLease.TrySetResult(lease);
                await Task.Delay(Timeout.InfiniteTimeSpan, attempt);
                return await Post(posts, "a");
            }, abandon, lease);
            aDelivered.TrySetResult(delivered);
            return delivered;
        });
        var leaseA = await aLease.Task.WaitAsync(Generous);

        // ...when the process stalls for longer than Redis:TakeOverAfter: on waking, nothing has confirmed the work is
        // still its own for that long, so the attempt is cut off and the replica stands down.
        frozen.Advance(takeOverAfter * 3);
        Assert.False(await aDelivered.Task.WaitAsync(Generous));
        Assert.True(leaseA.StoodDown);

        var bHandled = new ConcurrentQueue<AcceptedWork>();
        var runB = queueB.RunAsync((work, lease, abandon) =>
        {
            bHandled.Enqueue(work);
            return retry.DeliverAsync("reply from b", Deadline, _ => Post(posts, "b"), abandon, lease);
        });

        await Eventually.WaitUntilAsync(async () => await db.StreamLengthAsync(stream) == 0, "the entry to be answered", Generous);
        a.Stop();
        b.Stop();
        await Task.WhenAll(runA, runB).WaitAsync(Generous);

        Assert.Equal(["b"], posts);
        Assert.True(Assert.Single(bHandled).TakenOver);
        Assert.Contains(a.Logs, l => l.Contains("Stood down from k-cutoff: it could not confirm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_replica_that_dies_between_its_posting_claim_and_its_post_is_answered_for_once_the_claim_expires()
    {
        var prefix = RedisServer.NewPrefix();
        using var survivor = new Replica(server.Configuration, prefix, takeOverAfter: TimeSpan.FromSeconds(1));
        var queue = survivor.Queues.Create("test", "test work", partitions: 1, capacity: 100);
        Assert.Equal(WorkAcceptance.Accepted, await queue.TryAcceptAsync("k-crash", Ttl, 0, "crash", CancellationToken.None));

        // A replica reads it, takes the posting claim and dies before posting (nothing touches or renews either).
        var stream = (RedisKey)$"{prefix}:work:test:0";
        var db = survivor.Redis.Database;
        await db.StreamCreateConsumerGroupAsync(stream, "workers", "0-0", createStream: true);
        Assert.Single(await db.StreamReadGroupAsync(stream, "workers", "dead-replica", ">", 1));
        var claimLife = TimeSpan.FromSeconds(3);
        Assert.True(await db.StringSetAsync($"{prefix}:posting:k-crash", "dead-replica/1", claimLife, When.NotExists));
        var died = Stopwatch.StartNew();

        var retry = Retry();
        var posts = new ConcurrentQueue<string>();
        var handled = new ConcurrentQueue<(AcceptedWork Work, TimeSpan At)>();
        var run = queue.RunAsync((work, lease, abandon) =>
        {
            handled.Enqueue((work, died.Elapsed));
            return retry.DeliverAsync("reply from the survivor", Deadline, _ => Post(posts, "survivor"), abandon, lease);
        });

        await Eventually.WaitUntilAsync(async () => await db.StreamLengthAsync(stream) == 0, "the entry to be answered", Generous);
        survivor.Stop();
        await run.WaitAsync(Generous);

        var (work, at) = Assert.Single(handled);
        Assert.True(work.TakenOver);
        // Not before the dead replica's claim ran out: until then it might have been mid-post.
        Assert.True(at >= claimLife - TimeSpan.FromMilliseconds(100), $"answered {at.TotalSeconds:F1} s after the death, the claim lived {claimLife.TotalSeconds} s");
        Assert.Equal(["survivor"], posts);
        Assert.Contains(survivor.Logs, l => l.Contains("may be mid-post", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_memory_work_has_no_fence_and_is_always_posted()
    {
        using var replica = new Replica(server.Configuration, RedisServer.NewPrefix());
        var queue = new InMemoryWorkQueueFactory(new InMemoryClaims(TimeProvider.System), replica.Tracker, TimeProvider.System).Create("test", "test work", 1, 10);
        var posts = new ConcurrentQueue<string>();
        var done = Signal<(WorkLease Lease, PostClearance Clearance, bool Delivered)>();
        var retry = Retry();
        var run = queue.RunAsync(async (work, lease, abandon) =>
        {
            var clearance = await lease.BeginPostAsync(abandon);
            lease.EndPost(delivered: false);
            var delivered = await retry.DeliverAsync("reply", Deadline, _ => Post(posts, "only"), abandon, lease);
            done.TrySetResult((lease, clearance, delivered));
            return delivered;
        });
        Assert.Equal(WorkAcceptance.Accepted, await queue.TryAcceptAsync("k", Ttl, 0, "p", CancellationToken.None));

        var (lease, clearance, delivered) = await done.Task.WaitAsync(Generous);
        replica.Stop();
        await run.WaitAsync(Generous);

        Assert.Null(lease.Fence);
        Assert.Equal(PostClearance.Granted, clearance);
        Assert.True(delivered);
        Assert.False(lease.StoodDown);
        Assert.Equal(["only"], posts);
    }

    private static ReplyRetry Retry() =>
        new(Options.Create(new ReplyOptions()), new ReplyHealth(Options.Create(new ReplyOptions())), TimeProvider.System, NullLogger<ReplyRetry>.Instance);

    private static Task<ReplyAttempt> Post(ConcurrentQueue<string> posts, string by)
    {
        posts.Enqueue(by);
        return Task.FromResult(ReplyAttempt.Success);
    }

    private static TaskCompletionSource<T> Signal<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The consumer the one pending entry is pending with.</summary>
    private static async Task<string> OwnerAsync(IDatabase db, RedisKey stream) =>
        Assert.Single(await db.StreamPendingMessagesAsync(stream, "workers", 10, RedisValue.Null)).ConsumerName.ToString();
}
