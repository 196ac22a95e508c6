using StackExchange.Redis;

namespace Bot.Runtime.Redis;

/// <summary>Claims shared by every replica: SET key 1 NX PX ttl, atomic in Redis, so one of any number of claimers wins.</summary>
public sealed class RedisClaims(RedisConnection redis) : IClaims
{
    /// <summary>The Redis key of a claim (the work queue's accept script sets the same key).</summary>
    public static string KeyName(string key) => "claim:" + key;

    public async ValueTask<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken)
    {
        try
        {
            return await redis.Database.StringSetAsync(redis.Key(KeyName(key)), 1, ttl, When.NotExists);
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            throw redis.Failed("claim", ex);
        }
    }

    public async ValueTask ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await redis.Database.KeyDeleteAsync(redis.Key(KeyName(key)));
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            throw redis.Failed("release a claim", ex);
        }
    }
}
