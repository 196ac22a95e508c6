using Microsoft.Extensions.Logging;

namespace Bot.Slack;

/// <summary>The adapter's log lines, source-generated ([LoggerMessage]): no formatting cost when a level is off.</summary>
internal static partial class SlackLog
{
    [LoggerMessage(EventId = 210, Level = LogLevel.Warning, Message = "Slack response_url follow-up failed with HTTP {Status}")]
    public static partial void ResponseUrlFollowUpFailed(ILogger logger, int? status);

    [LoggerMessage(EventId = 211, Level = LogLevel.Information, Message = "Slack {Method} warning: {Warning}")]
    public static partial void ApiWarning(ILogger logger, string method, string warning);

    [LoggerMessage(EventId = 212, Level = LogLevel.Warning, Message = "Slack {Method} failed: {Error}")]
    public static partial void ApiCallFailed(ILogger logger, string method, string error);

    [LoggerMessage(EventId = 213, Level = LogLevel.Information, Message = "Slack rate-limited {What}; retrying in {Delay} s")]
    public static partial void RateLimitedRetrying(ILogger logger, string what, double delay);

    [LoggerMessage(EventId = 214, Level = LogLevel.Information, Message = "Slack answered HTTP {Status} for {What}; retrying")]
    public static partial void ServerErrorRetrying(ILogger logger, int? status, string what);

    [LoggerMessage(EventId = 215, Level = LogLevel.Warning, Message = "Slack request {What} failed: {Reason}")]
    public static partial void RequestGaveUp(ILogger logger, string what, string reason);

    [LoggerMessage(EventId = 216, Level = LogLevel.Error, Message = "Slack request failed")]
    public static partial void HttpRequestFailed(ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 217, Level = LogLevel.Error, Message = "Slack Socket Mode loop failed; reconnecting")]
    public static partial void SocketModeLoopFailed(ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 218, Level = LogLevel.Information, Message = "Slack Socket Mode reconnecting ({Reason}); opening the new connection first")]
    public static partial void SocketModeRefreshing(ILogger logger, string reason);

    [LoggerMessage(EventId = 219, Level = LogLevel.Warning, Message = "Slack Socket Mode connection ended ({Reason}); reconnecting")]
    public static partial void SocketModeConnectionEnded(ILogger logger, string reason);

    [LoggerMessage(EventId = 220, Level = LogLevel.Error, Message = "Slack Socket Mode stopped: {Why}")]
    public static partial void SocketModeStopped(ILogger logger, string why);

    [LoggerMessage(EventId = 221, Level = LogLevel.Warning, Message = "apps.connections.open returned no usable url")]
    public static partial void ConnectionsOpenGaveNoUrl(ILogger logger);

    [LoggerMessage(EventId = 222, Level = LogLevel.Warning, Message = "Slack Socket Mode connection to {Host} failed: {Reason}")]
    public static partial void SocketModeConnectFailed(ILogger logger, string host, string reason);

    [LoggerMessage(EventId = 223, Level = LogLevel.Warning, Message = "Slack Socket Mode receive failed: {Reason}")]
    public static partial void SocketModeReceiveFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 224, Level = LogLevel.Information, Message = "Slack Socket Mode connected ({Connections} connection(s) for this app)")]
    public static partial void SocketModeConnected(ILogger logger, string connections);

    [LoggerMessage(EventId = 225, Level = LogLevel.Information, Message = "Slack Socket Mode disconnect: {Reason}")]
    public static partial void SocketModeDisconnect(ILogger logger, string reason);

    [LoggerMessage(EventId = 226, Level = LogLevel.Warning, Message = "Slack envelope {EnvelopeId} could not be handled: {Reason}")]
    public static partial void EnvelopeNotHandled(ILogger logger, string envelopeId, string reason);

    [LoggerMessage(EventId = 227, Level = LogLevel.Error, Message = "Answering /{Command} failed")]
    public static partial void CommandAnswerFailed(ILogger logger, Exception? exception, string command);

    [LoggerMessage(EventId = 228, Level = LogLevel.Information, Message = "Slack bot user is {UserId} in team {Team}")]
    public static partial void BotIdentity(ILogger logger, string? userId, string? team);

    [LoggerMessage(EventId = 229, Level = LogLevel.Error, Message = "Handling a Slack event failed")]
    public static partial void EventHandlingFailed(ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 230, Level = LogLevel.Warning, Message = "Slack app_mention without channel or ts; ignored")]
    public static partial void MentionWithoutChannelOrTs(ILogger logger);

    [LoggerMessage(EventId = 231, Level = LogLevel.Error, Message = "Slow Slack command answer could not be sent")]
    public static partial void SlowCommandFollowUpFailed(ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 232, Level = LogLevel.Warning, Message = "Slack auth.test failed ({Error}); asking again with the first event")]
    public static partial void AuthTestFailed(ILogger logger, string error);
}
