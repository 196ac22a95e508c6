namespace Bot.Discord;

/// <summary>
/// A gateway session that can be RESUMEd: Discord replays every event after <see cref="Sequence"/> to whoever resumes
/// it, so a restart (or another replica) picks up what the last process did not handle.
/// </summary>
/// <param name="UserId">Our own user id from READY: a RESUME sends no READY, and mentions are recognised by it.</param>
public sealed record GatewaySession(string SessionId, long Sequence, Uri ResumeUrl, string? UserId, DateTimeOffset SavedAt);

/// <summary>Where the session is kept between processes. In memory for now; Redis (shared by replicas) can replace it.</summary>
public interface IGatewaySessionStore
{
    Task<GatewaySession?> LoadAsync(CancellationToken cancellationToken);

    Task SaveAsync(GatewaySession session, CancellationToken cancellationToken);

    /// <summary>The session is gone (identified anew, or invalidated): nobody should try to resume it.</summary>
    Task ClearAsync(CancellationToken cancellationToken);
}

/// <summary>Keeps the session for the life of this process (a host restarted inside it, or tests sharing one instance).</summary>
public sealed class InMemoryGatewaySessionStore : IGatewaySessionStore
{
    private volatile GatewaySession? session;

    public Task<GatewaySession?> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(session);

    public Task SaveAsync(GatewaySession session, CancellationToken cancellationToken)
    {
        this.session = session;
        return Task.CompletedTask;
    }

    public Task ClearAsync(CancellationToken cancellationToken)
    {
        session = null;
        return Task.CompletedTask;
    }
}
