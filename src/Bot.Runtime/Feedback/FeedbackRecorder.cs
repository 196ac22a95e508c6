using Bot.Runtime.Telemetry;
using Microsoft.Extensions.Logging;

namespace Bot.Runtime.Feedback;

/// <summary>Records a 👍 or 👎 for either platform: kept in the store, counted in bot.feedback, and one log line.</summary>
public sealed partial class FeedbackRecorder(IFeedbackStore store, TimeProvider time, ILogger<FeedbackRecorder> logger)
{
    /// <summary>The longest question kept with a vote: enough to see what was asked.</summary>
    public const int MaxQuestionLength = 500;

    /// <returns>False when the store could not be reached (the vote is counted and logged, but not kept).</returns>
    /// <param name="kind">The answer's kind (the engine's AnswerKind), kept by its metric name: fact, not_found, help or error.</param>
    public async Task<bool> RecordAsync(
        string platform, string? workspace, string userId, bool helpful, Enum kind, IReadOnlyList<string> topics, string question, CancellationToken cancellationToken)
    {
        var answerKind = BotTelemetry.KindName(kind);
        var entry = new FeedbackEntry(
            time.GetUtcNow(),
            platform,
            FeedbackEntry.OpaqueUser(platform, workspace, userId),
            helpful,
            answerKind,
            topics,
            question.Length > MaxQuestionLength ? question[..MaxQuestionLength] : question);
        BotTelemetry.RecordFeedback(platform, helpful, answerKind);
        LogFeedback(platform, helpful ? "helpful" : "not helpful", answerKind, string.Join(',', topics), entry.User);
        try
        {
            await store.AddAsync(entry, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is SharedStoreUnavailableException or IOException or UnauthorizedAccessException)
        {
            LogNotKept(ex.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Feedback from {Platform}: {Vote} on a {AnswerKind} answer (topics: {Topics}; user {User})")]
    private partial void LogFeedback(string platform, string vote, string answerKind, string topics, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feedback was counted but not kept: {Reason}")]
    private partial void LogNotKept(string reason);
}
