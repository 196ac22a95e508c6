using Microsoft.Extensions.Logging;

namespace Bot.Discord;

/// <summary>The adapter's log lines, source-generated ([LoggerMessage]): no formatting cost when a level is off.</summary>
internal static partial class DiscordLog
{
    [LoggerMessage(EventId = 310, Level = LogLevel.Error, Message = "The engine failed on a mention")]
    public static partial void EngineFailedOnMention(ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 311, Level = LogLevel.Error, Message = "Could not answer a Discord mention")]
    public static partial void MentionFailed(ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 312, Level = LogLevel.Warning, Message = "No permission to create threads in channel {Channel} (grant Create Public Threads); replying in the channel")]
    public static partial void NoThreadPermission(ILogger logger, string channel);

    [LoggerMessage(EventId = 313, Level = LogLevel.Error, Message = "Discord interaction failed")]
    public static partial void InteractionFailed(ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 314, Level = LogLevel.Information, Message = "Interaction {Id} seen before; not answering twice")]
    public static partial void InteractionRepeated(ILogger logger, string id);

    [LoggerMessage(EventId = 315, Level = LogLevel.Error, Message = "Autocomplete for /{Command} failed")]
    public static partial void AutocompleteFailed(ILogger logger, Exception? exception, string command);

    [LoggerMessage(EventId = 316, Level = LogLevel.Warning, Message = "Interaction {Id}: the deferral was not delivered, so there is nothing to edit; answer dropped")]
    public static partial void DeferralNotDelivered(ILogger logger, string id);

    [LoggerMessage(EventId = 317, Level = LogLevel.Error, Message = "Could not deliver a deferred interaction reply")]
    public static partial void DeferredReplyFailed(ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 318, Level = LogLevel.Error, Message = "The engine failed")]
    public static partial void EngineFailedOnInteraction(ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 319, Level = LogLevel.Information, Message = "Invite the Discord bot to a server with: {Url} (or install it for yourself: {UserInstallUrl})")]
    public static partial void InviteUrl(ILogger logger, string url, string userInstallUrl);

    [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "Discord slash commands {Result} ({Scope})")]
    public static partial void CommandsSynced(ILogger logger, string result, string scope);

    [LoggerMessage(EventId = 321, Level = LogLevel.Warning, Message = "Could not register the Discord slash commands: {Error}")]
    public static partial void CommandRegistrationFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 322, Level = LogLevel.Warning, Message = "Discord gateway connection failed: {Error}")]
    public static partial void GatewayConnectFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 323, Level = LogLevel.Information, Message = "Resuming the Discord gateway session saved {Age:0} s ago at sequence {Sequence}")]
    public static partial void ResumingSavedSession(ILogger logger, double age, long sequence);

    [LoggerMessage(EventId = 324, Level = LogLevel.Warning, Message = "Could not load the saved Discord gateway session ({Error}); identifying anew")]
    public static partial void SessionLoadFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 325, Level = LogLevel.Information, Message = "Discord gateway session kept for the next start to resume (sequence {Sequence})")]
    public static partial void SessionKept(ILogger logger, long sequence);

    [LoggerMessage(EventId = 326, Level = LogLevel.Warning, Message = "Could not save the Discord gateway session ({Error}); the next start identifies anew")]
    public static partial void SessionSaveFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 327, Level = LogLevel.Warning, Message = "Discord identify budget used up; waiting {Minutes:0} min")]
    public static partial void IdentifyBudgetUsedUp(ILogger logger, double minutes);

    [LoggerMessage(EventId = 328, Level = LogLevel.Information, Message = "Discord asked us to reconnect; resuming")]
    public static partial void ReconnectRequested(ILogger logger);

    [LoggerMessage(EventId = 329, Level = LogLevel.Information, Message = "Discord invalidated the session ({Mode})")]
    public static partial void SessionInvalidated(ILogger logger, string mode);

    [LoggerMessage(EventId = 330, Level = LogLevel.Warning, Message = "Discord gateway missed a heartbeat ACK; reconnecting to resume")]
    public static partial void HeartbeatAckMissed(ILogger logger);

    [LoggerMessage(EventId = 331, Level = LogLevel.Warning, Message = "Discord gateway sent no {What} in time; reconnecting")]
    public static partial void GatewaySilent(ILogger logger, string what);

    [LoggerMessage(EventId = 332, Level = LogLevel.Warning, Message = "Discord gateway connection lost ({Error}); reconnecting")]
    public static partial void GatewayConnectionLost(ILogger logger, string error);

    [LoggerMessage(EventId = 333, Level = LogLevel.Information, Message = "Discord gateway closed ({Code} {Description})")]
    public static partial void GatewayClosed(ILogger logger, int code, string? description);

    [LoggerMessage(EventId = 334, Level = LogLevel.Critical, Message = "{Reason} The Discord gateway connection has stopped.")]
    public static partial void GatewayStopped(ILogger logger, string reason);

    [LoggerMessage(EventId = 335, Level = LogLevel.Information, Message = "Discord gateway ready as user {UserId}")]
    public static partial void GatewayReady(ILogger logger, string? userId);

    [LoggerMessage(EventId = 336, Level = LogLevel.Information, Message = "Discord gateway session resumed")]
    public static partial void GatewayResumed(ILogger logger);

    [LoggerMessage(EventId = 337, Level = LogLevel.Error, Message = "Could not answer a Discord interaction")]
    public static partial void GatewayInteractionFailed(ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 338, Level = LogLevel.Warning, Message = "Could not clear the saved Discord gateway session ({Error})")]
    public static partial void SessionClearFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 339, Level = LogLevel.Information, Message = "Discord gateway: running shards {Shards} of {ShardCount} (identify concurrency {MaxConcurrency})")]
    public static partial void ShardsStarting(ILogger logger, string shards, int shardCount, int maxConcurrency);

    [LoggerMessage(EventId = 340, Level = LogLevel.Warning, Message = "A Discord feedback vote could not be kept ({Error})")]
    public static partial void FeedbackNotKept(ILogger logger, string error);
}
