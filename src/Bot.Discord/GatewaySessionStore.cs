using System.Collections.Concurrent;
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

/// <summary>
/// One shard of the bot: its id and the shard count it was identified with. A session belongs to both, since a
/// session of shard 0 of 1 receives other guilds than shard 0 of 2.
/// </summary>
public readonly record struct GatewayShard(int Id, int Count)
{
    public static readonly GatewayShard Unsharded = new(0, 1);

    /// <summary>The storage key's suffix: none when unsharded, so a session saved before sharding still resumes.</summary>
    public string KeySuffix => Count == 1 ? "" : $":{Id}/{Count}";

    public override string ToString() => $"[{Id}, {Count}]";
}

/// <summary>Where each shard's session is kept between processes: in memory, or in Redis shared by replicas.</summary>
public interface IGatewaySessionStore
{
    /// <summary>Takes the shard's saved session, if any, and clears it in the same step: only one process resumes it.</summary>
    Task<GatewaySession?> TakeAsync(GatewayShard shard, CancellationToken cancellationToken);

    Task SaveAsync(GatewayShard shard, GatewaySession session, CancellationToken cancellationToken);

    /// <summary>The shard's session is gone (identified anew, or invalidated): nobody should try to resume it.</summary>
    Task ClearAsync(GatewayShard shard, CancellationToken cancellationToken);
}

/// <summary>Keeps the session for the life of this process (a host restarted inside it, or tests sharing one instance).</summary>
public sealed class InMemoryGatewaySessionStore : IGatewaySessionStore
{
    private readonly ConcurrentDictionary<GatewayShard, GatewaySession> sessions = new();

    /// <summary>What is saved now for the unsharded bot, without taking it.</summary>
    public GatewaySession? Saved => SavedFor(GatewayShard.Unsharded);

    /// <summary>What is saved now for one shard, without taking it.</summary>
    public GatewaySession? SavedFor(GatewayShard shard) => sessions.TryGetValue(shard, out var saved) ? saved : null;

    public Task<GatewaySession?> TakeAsync(GatewayShard shard, CancellationToken cancellationToken) =>
        Task.FromResult(sessions.TryRemove(shard, out var saved) ? saved : null);

    public Task SaveAsync(GatewayShard shard, GatewaySession session, CancellationToken cancellationToken)
    {
        sessions[shard] = session;
        return Task.CompletedTask;
    }

    public Task ClearAsync(GatewayShard shard, CancellationToken cancellationToken)
    {
        sessions.TryRemove(shard, out _);
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

    private StackExchange.Redis.RedisKey Key(GatewayShard shard) => redis.Key("discord:gateway-session" + shard.KeySuffix);

    public async Task<GatewaySession?> TakeAsync(GatewayShard shard, CancellationToken cancellationToken)
    {
        try
        {
            string? saved = await redis.Database.StringGetDeleteAsync(Key(shard));
            return string.IsNullOrEmpty(saved) ? null : JsonSerializer.Deserialize(saved, GatewaySessionJson.Default.GatewaySession);
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            throw redis.Failed("load the Gateway session", ex);
        }
    }

    public async Task SaveAsync(GatewayShard shard, GatewaySession session, CancellationToken cancellationToken)
    {
        try
        {
            await redis.Database.StringSetAsync(Key(shard), JsonSerializer.Serialize(session, GatewaySessionJson.Default.GatewaySession), Lifetime);
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            throw redis.Failed("save the Gateway session", ex);
        }
    }

    public async Task ClearAsync(GatewayShard shard, CancellationToken cancellationToken)
    {
        try
        {
            await redis.Database.KeyDeleteAsync(Key(shard));
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            throw redis.Failed("clear the Gateway session", ex);
        }
    }
}

[JsonSerializable(typeof(GatewaySession))]
internal sealed partial class GatewaySessionJson : JsonSerializerContext;
