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

    internal int Count => _claims.Count;

    public ValueTask<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken) => ValueTask.FromResult(TryClaim(key, ttl));

    public ValueTask ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        _claims.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc cref="IClaims.TryClaimAsync"/>
    public bool TryClaim(string key, TimeSpan ttl)
    {
        var now = time.GetUtcNow();
        if (Interlocked.Increment(ref _adds) % PruneEvery == 0 || _claims.Count >= capacity)
        {
            Prune(now);
        }

        var claim = new Claim(now, now + ttl);
        while (true)
        {
            if (_claims.TryAdd(key, claim))
            {
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
                    return true;
                }
            }
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, claim) in _claims)
        {
            if (now >= claim.Expires)
            {
                _claims.TryRemove(new KeyValuePair<string, Claim>(key, claim));
            }
        }

        // Still full of live claims (a flood of distinct ids): forget the oldest half rather than grow without bound.
        if (_claims.Count >= capacity)
        {
            foreach (var (key, claim) in _claims.OrderBy(e => e.Value.At).Take(_claims.Count / 2).ToList())
            {
                _claims.TryRemove(new KeyValuePair<string, Claim>(key, claim));
            }
        }
    }

    private sealed record Claim(DateTimeOffset At, DateTimeOffset Expires);
}
