using System.Collections.Concurrent;

namespace Bot.Slack;

/// <summary>
/// Remembers event ids for a while so a redelivered event (HTTP retry, Socket Mode retry_attempt,
/// or the same event on two connections during a refresh) is answered once.
/// </summary>
public sealed class SlackEventDeduplicator(TimeProvider time, int capacity = SlackEventDeduplicator.DefaultCapacity)
{
    /// <summary>Far above what one workspace sends in <see cref="Ttl"/>; a flood beyond it forgets the oldest ids first.</summary>
    public const int DefaultCapacity = 100_000;

    /// <summary>Slack retries for up to ~6 minutes by default; keep ids well beyond that.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromMinutes(15);

    private const int PruneEvery = 256;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private int _adds;

    /// <summary>True the first time an id is seen within the TTL; false for every repeat.</summary>
    public bool TryClaim(string eventId)
    {
        var now = time.GetUtcNow();
        if (Interlocked.Increment(ref _adds) % PruneEvery == 0 || _seen.Count >= capacity)
        {
            Prune(now);
        }

        while (true)
        {
            if (_seen.TryAdd(eventId, now))
            {
                return true;
            }

            if (_seen.TryGetValue(eventId, out var seenAt))
            {
                if (now - seenAt < Ttl)
                {
                    return false;
                }

                // Expired: claim it again only if nobody else refreshed it meanwhile.
                if (_seen.TryUpdate(eventId, now, seenAt))
                {
                    return true;
                }
            }
        }
    }

    /// <summary>Forgets a claim whose event was not taken after all (queue full, stopping), so its redelivery is.</summary>
    public void Release(string eventId) => _seen.TryRemove(eventId, out _);

    internal int Count => _seen.Count;

    private void Prune(DateTimeOffset now)
    {
        foreach (var (id, seenAt) in _seen)
        {
            if (now - seenAt >= Ttl)
            {
                _seen.TryRemove(new KeyValuePair<string, DateTimeOffset>(id, seenAt));
            }
        }

        // Still full of live ids (a flood of distinct ids): forget the oldest half rather than grow without bound.
        if (_seen.Count >= capacity)
        {
            foreach (var (id, seenAt) in _seen.OrderBy(e => e.Value).Take(_seen.Count / 2).ToList())
            {
                _seen.TryRemove(new KeyValuePair<string, DateTimeOffset>(id, seenAt));
            }
        }
    }
}
