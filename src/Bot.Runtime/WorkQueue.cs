using System.Threading.Channels;

namespace Bot.Runtime;

/// <summary>What became of work offered to <see cref="IWorkQueue.TryAcceptAsync"/>.</summary>
public enum WorkAcceptance
{
    /// <summary>Queued: ack it; it is owned until answered.</summary>
    Accepted,

    /// <summary>Its claim key was taken before (a redelivery, a replay): ack it and do nothing.</summary>
    Duplicate,

    /// <summary>Full, stopping, or the shared store is unreachable: do NOT ack, so the platform delivers it again.</summary>
    Refused,
}

/// <summary>One piece of accepted work as a worker gets it.</summary>
/// <param name="Payload">What the adapter queued (its own format, e.g. the event's JSON).</param>
/// <param name="AcceptedAt">When it was acked: the answer's usefulness (Replies:RetryWindow) counts from then.</param>
/// <param name="TakenOver">It was first read by another replica that stopped answering (crashed): it may have been half done.</param>
public sealed record AcceptedWork(string ClaimKey, string Payload, DateTimeOffset AcceptedAt, bool TakenOver = false);

/// <summary>Answers one piece of work; false when it was given up. The token is the shutdown's abandon signal.</summary>
public delegate Task<bool> WorkHandler(AcceptedWork work, WorkLease lease, CancellationToken abandon);

/// <summary>
/// Work that was acked before it was answered. Accepting claims the work's key and queues it in one step, so a
/// redelivery is never queued twice and a refusal leaves no claim behind. In memory, everything accepted is drained on
/// stop; on Redis (a stream with a consumer group) any replica answers it and a crashed replica's work is taken over.
/// Each partition is worked off one item at a time (an adapter puts what must stay in order in one partition).
/// </summary>
public interface IWorkQueue
{
    /// <param name="claimKey">E.g. "slack:event:Ev123"; claimed for <paramref name="claimTtl"/> on acceptance.</param>
    ValueTask<WorkAcceptance> TryAcceptAsync(string claimKey, TimeSpan claimTtl, int partition, string payload, CancellationToken cancellationToken);

    /// <summary>Works off every partition until the host stops and what was taken is answered (or the budget is spent).</summary>
    Task RunAsync(WorkHandler handler);
}

/// <summary>Which partition a key (a channel) belongs to: a stable hash (FNV-1a), the same in every process and replica.</summary>
public static class WorkPartition
{
    public static int For(string key, int partitions)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)partitions);
    }
}

/// <summary>Makes the queues: on Redis when <c>Redis:Configuration</c> is set, else in memory.</summary>
public interface IWorkQueueFactory
{
    /// <param name="name">Names the queue ("slack-events"), its Redis keys and its drain line ("Slack mention(s)" is <paramref name="what"/>).</param>
    /// <param name="capacity">Accepted and unanswered at most; beyond it work is refused (left unacked).</param>
    IWorkQueue Create(string name, string what, int partitions, int capacity);
}

/// <summary>
/// The in-memory queues, bounded by size; this process answers what it accepted, and drains it on stop. No other
/// process can take its work over, so its leases carry no <see cref="PostFence"/>: the fence is trivially held.
/// </summary>
public sealed class InMemoryWorkQueueFactory(IClaims claims, WorkTracker tracker, TimeProvider time) : IWorkQueueFactory
{
    public IWorkQueue Create(string name, string what, int partitions, int capacity) => new InMemoryWorkQueue(claims, tracker, time, what, partitions, capacity);
}

internal sealed class InMemoryWorkQueue : IWorkQueue
{
    private readonly IClaims _claims;
    private readonly WorkTracker _tracker;
    private readonly TimeProvider _time;
    private readonly string _what;
    private readonly Channel<(AcceptedWork Work, WorkLease Lease)>[] _partitions;

    // Accepted and not yet finished, across all partitions.
    private readonly SemaphoreSlim _slots;

    public InMemoryWorkQueue(IClaims claims, WorkTracker tracker, TimeProvider time, string what, int partitions, int capacity)
    {
        _claims = claims;
        _tracker = tracker;
        _time = time;
        _what = what;
        _slots = new SemaphoreSlim(capacity, capacity);
        _partitions = [.. Enumerable.Range(0, partitions).Select(_ => Channel.CreateUnbounded<(AcceptedWork, WorkLease)>(new UnboundedChannelOptions { SingleReader = true }))];
        // Stopping: nothing more is queued (so nothing more is acked); the workers answer what is queued.
        tracker.Stopping.Register(() =>
        {
            foreach (var partition in _partitions)
            {
                partition.Writer.TryComplete();
            }
        });
    }

    public async ValueTask<WorkAcceptance> TryAcceptAsync(string claimKey, TimeSpan claimTtl, int partition, string payload, CancellationToken cancellationToken)
    {
        if (!await _claims.TryClaimAsync(claimKey, claimTtl, cancellationToken))
        {
            return WorkAcceptance.Duplicate;
        }

        var lease = _tracker.TryStart(_what);
        var slot = lease is not null && _slots.Wait(0);
        if (slot && _partitions[partition].Writer.TryWrite((new AcceptedWork(claimKey, payload, _time.GetUtcNow()), lease!)))
        {
            return WorkAcceptance.Accepted;
        }

        // Not ours after all: forget the claim, so the redelivery is taken.
        if (slot)
        {
            _slots.Release();
        }

        lease?.Complete(answered: false);
        await _claims.ReleaseAsync(claimKey, cancellationToken);
        return WorkAcceptance.Refused;
    }

    public Task RunAsync(WorkHandler handler) =>
        Task.WhenAll(_partitions.Select(partition => Task.Run(() => WorkAsync(partition.Reader, handler), CancellationToken.None)));

    private async Task WorkAsync(ChannelReader<(AcceptedWork Work, WorkLease Lease)> partition, WorkHandler handler)
    {
        // Not the stopping token: what was accepted is answered after it too, until the abandon signal.
        var abandon = _tracker.Abandon;
        try
        {
            await foreach (var (work, lease) in partition.ReadAllAsync(abandon))
            {
                using (lease)
                {
                    try
                    {
                        lease.Complete(await handler(work, lease, abandon));
                    }
                    catch (Exception) when (!abandon.IsCancellationRequested)
                    {
                        // A handler's bug must not stop the partition: this item is given up, the next one answered.
                        lease.Complete(answered: false);
                    }
                    finally
                    {
                        _slots.Release();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
        }
    }
}
