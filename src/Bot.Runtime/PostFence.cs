namespace Bot.Runtime;

/// <summary>What <see cref="WorkLease.BeginPostAsync"/> says about posting a reply right now.</summary>
public enum PostClearance
{
    /// <summary>This process owns the work and holds its posting claim: post now.</summary>
    Granted,

    /// <summary>Another replica took the work over (or already answered it): do not post, ever.</summary>
    StandDown,

    /// <summary>The shared store could not be asked, so it cannot be known whether this process still owns the work: try again later.</summary>
    Unavailable,
}

/// <summary>
/// Keeps a reply to shared work from being posted by two replicas: the queue that handed out the work (on Redis) sets
/// one on the <see cref="WorkLease"/>, and <see cref="ReplyRetry.DeliverAsync"/> asks it before every attempt. Work
/// without one (in memory: one process) may always be posted.
/// </summary>
public abstract class PostFence
{
    /// <summary>Right before an attempt at posting: checks this process still owns the work and takes (renews) its posting claim.</summary>
    public abstract ValueTask<PostClearance> BeginPostAsync(CancellationToken cancellationToken);

    /// <summary>The attempt <see cref="BeginPostAsync"/> cleared is over; <paramref name="delivered"/>: the platform took the reply.</summary>
    public abstract void EndPost(bool delivered);

    /// <summary>True once this process must not post the reply (another replica owns the work).</summary>
    public abstract bool StoodDown { get; }

    /// <summary>Cancelled when this process stands down: an attempt in flight is cut off.</summary>
    public abstract CancellationToken StandDown { get; }
}
