using System.ComponentModel.DataAnnotations;

namespace Bot.Runtime;

/// <summary>`Host:` settings: how long a stop may take.</summary>
public sealed class ShutdownOptions
{
    public const string Section = "Host";

    /// <summary>
    /// The whole shutdown budget (HostOptions.ShutdownTimeout): accepted work is answered within it, what is still
    /// open when it runs out is abandoned (and logged). Kubernetes gives 30 s before SIGKILL; 25 s leaves room.
    /// </summary>
    [TimeSpanRange("00:00:01", "00:10:00", ErrorMessage = "Host:ShutdownTimeout must be between 00:00:01 and 00:10:00.")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(25);
}

/// <summary>`Replies:` settings: how long a failed reply is retried.</summary>
public sealed class ReplyOptions
{
    public const string Section = "Replies";

    /// <summary>
    /// A reply to a mention (or a slow slash command's follow-up) that fails with 5xx, 429 or a network error is
    /// retried with backoff for this long after the message arrived; past it, the answer is no longer useful.
    /// </summary>
    [TimeSpanRange("00:00:01", "01:00:00", ErrorMessage = "Replies:RetryWindow must be between 00:00:01 and 01:00:00.")]
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest pause between two attempts (Retry-After may ask for more; it is obeyed up to the window).</summary>
    [TimeSpanRange("00:00:00.010", "00:10:00", ErrorMessage = "Replies:MaxBackoff must be between 00:00:00.010 and 00:10:00.")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>This many failed attempts in a row (no success between) turn /readyz's `replies` check Degraded.</summary>
    [IntRange(1, 1000, ErrorMessage = "Replies:DegradedAfterFailures must be between 1 and 1000.")]
    public int DegradedAfterFailures { get; set; } = 3;
}
