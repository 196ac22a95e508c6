using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Runtime;
using Bot.Runtime.Redis;

namespace Bot.Discord;

/// <summary>
/// A gateway session that can be RESUMEd: Discord replays every event after <see cref="Sequence"/> to whoever resumes
/// it, so a restart (or another replica) picks up what the last process did not handle.
/// </summary>
/// <param name="UserId">Our own user id from READY: a RESUME sends no READY, and mentions are recognised by it.</param>
public sealed record GatewaySession(string SessionId, long Sequence, Uri ResumeUrl, string? UserId, DateTimeOffset SavedAt);

/// <summary>Where the session is kept between processes: in memory, or in Redis shared by replicas.</summary>
public interface IGatewaySessionStore
{
    /// <summary>Takes the saved session, if any, and clears it in the same step: only one process resumes it.</summary>
    Task<GatewaySession?> TakeAsync(CancellationToken cancellationToken);

    Task SaveAsync(GatewaySession session, CancellationToken cancellationToken);

    /// <summary>The session is gone (identified anew, or invalidated): nobody should try to resume it.</summary>
    Task ClearAsync(CancellationToken cancellationToken);
}

/// <summary>Keeps the session for the life of this process (a host restarted inside it, or tests sharing one instance).</summary>
public sealed class InMemoryGatewaySessionStore : IGatewaySessionStore
{
    private GatewaySession? session;

    /// <summary>What is saved now, without taking it.</summary>
    public GatewaySession? Saved => Volatile.Read(ref session);

    public Task<GatewaySession?> TakeAsync(CancellationToken cancellationToken) => Task.FromResult(Interlocked.Exchange(ref session, null));

    public Task SaveAsync(GatewaySession session, CancellationToken cancellationToken)
    {
        Volatile.Write(ref this.session, session);
        return Task.CompletedTask;
    }

    public Task ClearAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref session, null);
        return Task.CompletedTask;
    }
}

/// <summary>
/// The session in Redis, so a new process (on any host) RESUMEs it. Taken with GETDEL, so of two replicas starting
/// together only one resumes; it expires after <see cref="Lifetime"/>, past which Discord would refuse the RESUME anyway.
/// </summary>
public sealed class RedisGatewaySessionStore(RedisConnection redis) : IGatewaySessionStore
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private StackExchange.Redis.RedisKey Key => redis.Key("discord:gateway-session");

    public async Task<GatewaySession?> TakeAsync(CancellationToken cancellationToken)
    {
        try
        {
            string? saved = await redis.Database.StringGetDeleteAsync(Key);
            return string.IsNullOrEmpty(saved) ? null : JsonSerializer.Deserialize(saved, GatewaySessionJson.Default.GatewaySession);
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            throw redis.Failed("load the Gateway session", ex);
        }
    }

    public async Task SaveAsync(GatewaySession session, CancellationToken cancellationToken)
    {
        try
        {
            await redis.Database.StringSetAsync(Key, JsonSerializer.Serialize(session, GatewaySessionJson.Default.GatewaySession), Lifetime);
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            throw redis.Failed("save the Gateway session", ex);
        }
    }

    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        try
        {
            await redis.Database.KeyDeleteAsync(Key);
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            throw redis.Failed("clear the Gateway session", ex);
        }
    }
}

[JsonSerializable(typeof(GatewaySession))]
internal sealed partial class GatewaySessionJson : JsonSerializerContext;
