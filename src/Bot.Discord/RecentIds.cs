using System.Collections.Concurrent;

namespace Bot.Discord;

/// <summary>Remembers ids seen in the last while, so a replayed or repeated event is handled once.</summary>
public sealed class RecentIds(TimeProvider time, TimeSpan ttl, int capacity = 10_000)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> seen = new();

    /// <summary>True the first time an id is seen within the time to live.</summary>
    public bool TryAdd(string id)
    {
        var now = time.GetUtcNow();
        if (seen.Count >= capacity)
        {
            foreach (var (key, at) in seen)
            {
                if (now - at > ttl)
                {
                    seen.TryRemove(key, out _);
                }
            }

            // Still full of live ids (a flood): forget the oldest half rather than grow without bound.
            if (seen.Count >= capacity)
            {
                foreach (var (key, _) in seen.OrderBy(e => e.Value).Take(seen.Count / 2).ToList())
                {
                    seen.TryRemove(key, out _);
                }
            }
        }

        if (seen.TryAdd(id, now))
        {
            return true;
        }

        // An expired entry counts as new.
        if (seen.TryGetValue(id, out var when) && now - when > ttl && seen.TryUpdate(id, now, when))
        {
            return true;
        }

        return false;
    }
}
