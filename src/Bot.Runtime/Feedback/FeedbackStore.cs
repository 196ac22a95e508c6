using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using Bot.Runtime.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Bot.Runtime.Feedback;

/// <summary>Where feedback is kept: a JSON-lines file on one machine, a Redis stream when replicas share Redis.</summary>
public interface IFeedbackStore
{
    Task AddAsync(FeedbackEntry entry, CancellationToken cancellationToken);

    /// <summary>Every entry recorded at or after <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<FeedbackEntry>> ReadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>`Feedback:` settings.</summary>
public sealed class FeedbackOptions
{
    public const string Section = "Feedback";

    /// <summary>The JSON-lines file feedback is appended to when Redis is not configured (relative to the working directory).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Feedback:Path must name a file.")]
    public string Path { get; set; } = "feedback.jsonl";

    /// <summary>With Redis, the stream keeps about this many entries (the oldest go first).</summary>
    [IntRange(100, 10_000_000, ErrorMessage = "Feedback:MaxEntries must be between 100 and 10000000.")]
    public int MaxEntries { get; set; } = 100_000;
}

/// <summary>Appends one JSON line per entry; a line that cannot be read (a torn write, a hand edit) is skipped, not fatal.</summary>
public sealed class FileFeedbackStore(IOptions<FeedbackOptions> options) : IFeedbackStore
{
    private readonly SemaphoreSlim _write = new(1, 1);

    public string Path => System.IO.Path.GetFullPath(options.Value.Path);

    public async Task AddAsync(FeedbackEntry entry, CancellationToken cancellationToken)
    {
        var line = JsonSerializer.Serialize(entry, FeedbackJsonContext.Default.FeedbackEntry) + "\n";
        await _write.WaitAsync(cancellationToken);
        try
        {
            if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } directory)
            {
                Directory.CreateDirectory(directory);
            }

            await File.AppendAllTextAsync(Path, line, cancellationToken);
        }
        finally
        {
            _write.Release();
        }
    }

    public async Task<IReadOnlyList<FeedbackEntry>> ReadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        var entries = new List<FeedbackEntry>();
        foreach (var line in await File.ReadAllLinesAsync(Path, cancellationToken))
        {
            if (Parse(line) is { } entry && entry.At >= since)
            {
                entries.Add(entry);
            }
        }

        return [.. entries.OrderBy(e => e.At)];
    }

    internal static FeedbackEntry? Parse(string line)
    {
        try
        {
            return string.IsNullOrWhiteSpace(line) ? null : JsonSerializer.Deserialize(line, FeedbackJsonContext.Default.FeedbackEntry);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A capped Redis stream: every replica adds to it, and its entry ids are times, so "since" is one XRANGE.</summary>
public sealed class RedisFeedbackStore(RedisConnection redis, IOptions<FeedbackOptions> options) : IFeedbackStore
{
    private const string Field = "entry";

    private RedisKey Key => redis.Key("feedback");

    public async Task AddAsync(FeedbackEntry entry, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(entry, FeedbackJsonContext.Default.FeedbackEntry);
        try
        {
            await redis.Database.StreamAddAsync(Key, Field, json, maxLength: options.Value.MaxEntries, useApproximateMaxLength: true);
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            throw redis.Failed("record feedback", ex);
        }
    }

    public async Task<IReadOnlyList<FeedbackEntry>> ReadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var entries = new List<FeedbackEntry>();
        RedisValue from = Math.Max(0, since.ToUnixTimeMilliseconds()).ToString(CultureInfo.InvariantCulture);
        try
        {
            while (true)
            {
                var page = await redis.Database.StreamRangeAsync(Key, from, "+", count: 1000);
                foreach (var message in page)
                {
                    if (FileFeedbackStore.Parse(message[Field].ToString()) is { } entry && entry.At >= since)
                    {
                        entries.Add(entry);
                    }
                }

                if (page.Length < 1000)
                {
                    return entries;
                }

                // XRANGE with an exclusive start: "(" before the last id read.
                from = "(" + page[^1].Id;
            }
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            throw redis.Failed("read feedback", ex);
        }
    }
}
