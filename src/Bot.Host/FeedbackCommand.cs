using System.Globalization;
using Bot.Runtime;
using Bot.Runtime.Feedback;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Host;

/// <summary>
/// `feedback [--since 7d]`: the 👍 and 👎 people gave, newest last, with the question and the fact-set entries each
/// answer rested on, then a tally per entry; read from where the service keeps them (Redis when configured, else
/// Feedback:Path), so whoever maintains responses/ knows what to mend.
/// </summary>
public static class FeedbackCommand
{
    public const string Usage = "usage: Bot.Host feedback [--since 7d|24h|30m|2026-11-01]   list feedback on answers (default: the last 7 days)";

    public static async Task<int> RunAsync(string[] args, TimeProvider time, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var since = TimeSpan.FromDays(7);
        DateTimeOffset? from = null;
        var settings = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var value = args[i] == "--since" && i + 1 < args.Length ? args[++i] : args[i].StartsWith("--since=", StringComparison.Ordinal) ? args[i]["--since=".Length..] : null;
            if (value is null)
            {
                if (args[i] == "--since")
                {
                    await error.WriteLineAsync($"error: --since needs a duration (7d, 24h, 30m) or a date (2026-11-01).\n{Usage}");
                    return 2;
                }

                settings.Add(args[i]);
                continue;
            }

            if (ParseDuration(value) is { } span)
            {
                since = span;
            }
            else if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                from = date;
            }
            else
            {
                await error.WriteLineAsync($"error: --since '{value}' is neither a duration (7d, 24h, 30m) nor a date (2026-11-01).");
                return 2;
            }
        }

        var configuration = BotConfiguration.Build([.. settings]);
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(time)
            .AddBotRuntime(configuration);
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IFeedbackStore>();
        var start = from ?? time.GetUtcNow() - since;
        IReadOnlyList<FeedbackEntry> entries;
        try
        {
            entries = await store.ReadSinceAsync(start, cancellationToken);
        }
        catch (SharedStoreUnavailableException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }

        var where = store is FileFeedbackStore file ? file.Path : "Redis";
        if (entries.Count == 0)
        {
            await output.WriteLineAsync($"No feedback since {start:yyyy-MM-dd HH:mm} UTC ({where}).");
            return 0;
        }

        await output.WriteLineAsync($"{entries.Count} votes since {start:yyyy-MM-dd HH:mm} UTC ({where}): {entries.Count(e => e.Helpful)} 👍, {entries.Count(e => !e.Helpful)} 👎");
        foreach (var entry in entries)
        {
            var topics = entry.Topics.Count == 0 ? "-" : string.Join(',', entry.Topics);
            await output.WriteLineAsync(
                $"{entry.At.UtcDateTime:yyyy-MM-dd HH:mm}  {(entry.Helpful ? "👍" : "👎")}  {entry.Platform,-7}  {entry.AnswerKind,-9}  {topics}  \"{entry.Question}\"  (user {entry.User})");
        }

        // The entries people disagree with most, first: where responses/ needs work.
        var tally = entries.SelectMany(e => (e.Topics.Count == 0 ? ["(no entry: " + e.AnswerKind + ")"] : e.Topics).Select(t => (Topic: t, e.Helpful)))
            .GroupBy(v => v.Topic)
            .Select(g => (Topic: g.Key, Up: g.Count(v => v.Helpful), Down: g.Count(v => !v.Helpful)))
            .OrderByDescending(t => t.Down).ThenBy(t => t.Up).ThenBy(t => t.Topic, StringComparer.Ordinal);
        await output.WriteLineAsync("by entry (most 👎 first):");
        foreach (var (topic, up, down) in tally)
        {
            await output.WriteLineAsync($"  {topic}: {down} 👎, {up} 👍");
        }

        return 0;
    }

    /// <summary>"7d", "24h", "30m", or a TimeSpan ("1.00:00:00").</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        if (text.Length >= 2 && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            switch (text[^1])
            {
                case 'd':
                    return TimeSpan.FromDays(amount);
                case 'h':
                    return TimeSpan.FromHours(amount);
                case 'm':
                    return TimeSpan.FromMinutes(amount);
                case 'w':
                    return TimeSpan.FromDays(7 * amount);
            }
        }

        return text.Contains(':') && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero ? span : null;
    }
}
