using System.Collections.Concurrent;

namespace Bot.Runtime;

/// <summary>
/// "First one wins" claims on ids (a Slack event_id, a Discord interaction or message id), so a redelivery, a replay
/// after a RESUME, or the same event reaching two replicas is handled once. In this process's memory, or on Redis
/// (SET NX PX) when replicas share one.
/// </summary>
public interface IClaims
{
    /// <summary>True the first time <paramref name="key"/> is claimed within <paramref name="ttl"/>; false for every repeat.</summary>
    /// <exception cref="SharedStoreUnavailableException">The shared store cannot be reached: nobody knows whether it was claimed.</exception>
    ValueTask<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Forgets a claim whose work was not taken after all (queue full, stopping), so its redelivery is.</summary>
    ValueTask ReleaseAsync(string key, CancellationToken cancellationToken);
}

/// <summary>The shared store (Redis) could not answer; what was asked is undecided, so the caller must not ack.</summary>
public sealed class SharedStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Claims in this process's memory, each for its own time to live, never more than a fixed number of them.</summary>
public sealed class InMemoryClaims(TimeProvider time, int capacity = InMemoryClaims.DefaultCapacity) : IClaims
{
    /// <summary>Far above what one workspace sends in a retry window; a flood beyond it forgets the oldest claims first.</summary>
    public const int DefaultCapacity = 100_000;

    private const int PruneEvery = 256;
    private readonly ConcurrentDictionary<string, Claim> _claims = new(StringComparer.Ordinal);
    private int _adds;

    // Kept beside the dictionary: its Count takes every lock, and this is asked on every claim.
    private int _count;

    // The earliest expiry that may be held (UTC ticks): until then a prune would find nothing to drop, so none is made.
    private long _nextExpiry = long.MaxValue;

    internal int Count => _claims.Count;

    public ValueTask<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken) => ValueTask.FromResult(TryClaim(key, ttl));

    public ValueTask ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        if (_claims.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _count);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc cref="IClaims.TryClaimAsync"/>
    public bool TryClaim(string key, TimeSpan ttl)
    {
        var now = time.GetUtcNow();
        if ((Interlocked.Increment(ref _adds) % PruneEvery == 0 && now.UtcTicks >= Volatile.Read(ref _nextExpiry)) || Volatile.Read(ref _count) >= capacity)
        {
            Prune(now);
        }

        var claim = new Claim(now, now + ttl);
        while (true)
        {
            if (_claims.TryAdd(key, claim))
            {
                Interlocked.Increment(ref _count);
                NoteExpiry(claim.Expires.UtcTicks);
                return true;
            }

            if (_claims.TryGetValue(key, out var held))
            {
                if (now < held.Expires)
                {
                    return false;
                }

                // Expired: claim it again only if nobody else did meanwhile.
                if (_claims.TryUpdate(key, claim, held))
                {
                    NoteExpiry(claim.Expires.UtcTicks);
                    return true;
                }
            }
        }
    }

    private void NoteExpiry(long ticks)
    {
        var seen = Volatile.Read(ref _nextExpiry);
        while (ticks < seen)
        {
            var was = Interlocked.CompareExchange(ref _nextExpiry, ticks, seen);
            if (was == seen)
            {
                return;
            }

            seen = was;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        // Claims added during the scan note their own expiry; the scan notes the earliest of those it keeps.
        Volatile.Write(ref _nextExpiry, long.MaxValue);
        var earliest = long.MaxValue;
        foreach (var (key, claim) in _claims)
        {
            if (now >= claim.Expires)
            {
                Remove(key, claim);
            }
            else
            {
                earliest = Math.Min(earliest, claim.Expires.UtcTicks);
            }
        }

        NoteExpiry(earliest);

        // Still full of live claims (a flood of distinct ids): forget the oldest half rather than grow without bound.
        // The cut is the median age of a sample (all of them when few), so no sort of the whole set is needed.
        if (Volatile.Read(ref _count) >= capacity)
        {
            var step = Math.Max(1, _claims.Count / 1024);
            var sample = new List<long>(1024 + 1);
            var i = 0;
            foreach (var (_, claim) in _claims)
            {
                if (i++ % step == 0)
                {
                    sample.Add(claim.At.UtcTicks);
                }
            }

            if (sample.Count > 0)
            {
                sample.Sort();
                var cut = sample[(sample.Count - 1) / 2];
                foreach (var (key, claim) in _claims)
                {
                    if (claim.At.UtcTicks <= cut)
                    {
                        Remove(key, claim);
                    }
                }
            }
        }
    }

    private void Remove(string key, Claim claim)
    {
        if (_claims.TryRemove(new KeyValuePair<string, Claim>(key, claim)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private sealed record Claim(DateTimeOffset At, DateTimeOffset Expires);
}
