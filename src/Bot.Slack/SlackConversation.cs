using Bot.Engine.Commands;

namespace Bot.Slack;

/// <summary>
/// The engine's conversation keys for Slack (<see cref="BotRequest.Conversation"/>): requests with the same key share
/// memory, so "and Unison?" follows on from "what did Corbyn say?". Every key starts with "slack:", so it can never
/// meet a Discord or console key in the same engine.
/// </summary>
public static class SlackConversation
{
    public const string Prefix = "slack:";

    /// <summary>
    /// A mention's conversation is the thread the bot answers in: <c>thread_ts</c> inside a thread, else the mention's
    /// own <c>ts</c> (the bot's reply starts a thread on it). Channel ids are only unique within a workspace, hence the team.
    /// </summary>
    public static string ForThread(string? team, string channel, string threadTs) => $"{Prefix}{team}:{channel}:{threadTs}";

    /// <summary>
    /// Slash commands are answered on their own, except <c>/ask</c>: Slack cannot run a slash command inside a thread, so
    /// its answers land in the channel, and one person's run of <c>/ask</c> there is their conversation with the bot. The
    /// user is part of the key so that two people asking in the same channel do not continue each other's questions.
    /// </summary>
    public static string? ForCommand(string command, string? team, string? channel, string? user) =>
        BotRequest.ForCommand(command, null).Command == CommandCatalog.Ask && !string.IsNullOrEmpty(channel) && !string.IsNullOrEmpty(user)
            ? $"{Prefix}{team}:{channel}:user:{user}"
            : null;
}
