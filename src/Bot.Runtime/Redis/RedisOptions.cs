using System.ComponentModel.DataAnnotations;

namespace Bot.Runtime.Redis;

/// <summary>`Redis:` settings. With <see cref="Configuration"/> set, replicas share claims, accepted work, conversations and the Gateway session.</summary>
public sealed class RedisOptions : IValidatableObject
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string ("127.0.0.1:6379", "redis:6379,password=…,ssl=true"); empty: everything stays in memory.</summary>
    public string? Configuration { get; set; }

    /// <summary>Put before every key, so several bots (or tests) can share one Redis.</summary>
    [RegularExpression("^[A-Za-z0-9_.:-]{1,64}$", ErrorMessage = "Redis:KeyPrefix must be 1-64 letters, digits or _ . : -")]
    public string KeyPrefix { get; set; } = "bot";

    /// <summary>
    /// Work another replica read and has not touched for this long is taken over (XAUTOCLAIM): that replica is taken
    /// to be dead. A live replica touches what it works on every third of this, so a slow reply is never taken from it.
    /// </summary>
    [TimeSpanRange("00:00:01", "01:00:00", ErrorMessage = "Redis:TakeOverAfter must be between 00:00:01 and 01:00:00.")]
    public TimeSpan TakeOverAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the conversation memory of a thread is kept after its last turn.</summary>
    [TimeSpanRange("00:01:00", "30.00:00:00", ErrorMessage = "Redis:ConversationLifetime must be between 00:01:00 and 30.00:00:00.")]
    public TimeSpan ConversationLifetime { get; set; } = TimeSpan.FromDays(1);

    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        string? problem = null;
        try
        {
            if (StackExchange.Redis.ConfigurationOptions.Parse(Configuration!).EndPoints.Count == 0)
            {
                problem = "names no host:port";
            }
        }
        catch (ArgumentException ex)
        {
            // The message names the bad option, never its value (which may be a password).
            problem = ex.Message;
        }

        if (problem is not null)
        {
            yield return new ValidationResult($"Redis:Configuration is not a valid StackExchange.Redis configuration: {problem}", [nameof(Configuration)]);
        }
    }
}
