using Bot.Engine.Commands;

namespace Bot.Discord;

/// <summary>
/// The engine's conversation keys for Discord (<see cref="BotRequest.Conversation"/>): requests with the same key share
/// memory, so "and Unison?" follows on from "what did Corbyn say?". Every key starts with "discord:", so it can never
/// meet a Slack or console key in the same engine. Discord ids are unique across servers, so no guild id is needed.
/// </summary>
public static class DiscordConversation
{
    public const string Prefix = "discord:";

    /// <summary>
    /// A mention's conversation is where the bot answers it, so that what a user sees as one exchange is one memory:
    /// <list type="bullet">
    /// <item>in a thread (channel types 10, 11, 12) or a DM: that channel; every mention there follows on from the last;</item>
    /// <item>in a server channel: the thread the bot starts from the mention. A thread started from a message has the
    /// message's id, so the key is the message id, and a later mention inside that thread (whose channel_id is the
    /// thread's id) continues it. Another mention in the channel starts its own thread, so its own conversation: the
    /// channel is shared by everyone, and one person's "and Unison?" must not follow on from someone else's question.
    /// Where the bot may not create threads it replies in the channel, and that exchange stays on its own.</item>
    /// </list>
    /// Without <c>channel_type</c> (older payloads) a server message is taken to be in a channel, as the reply logic does.
    /// </summary>
    public static string ForMention(string channelId, string messageId, int channelType, bool inGuild) =>
        Prefix + (IsThread(channelType) || !inGuild ? channelId : messageId);

    /// <summary>
    /// Slash commands are answered on their own, except <c>/ask</c>: its answer is a reply in the channel it was used in,
    /// so one person's run of <c>/ask</c> there is their conversation with the bot. The user is part of the key, so two
    /// people using /ask in the same channel do not continue each other's questions.
    /// </summary>
    public static string? ForCommand(string command, string channelId, string userId) =>
        BotRequest.ForCommand(command, null).Command == CommandCatalog.Ask && channelId.Length > 0 && userId.Length > 0
            ? $"{Prefix}{channelId}:user:{userId}"
            : null;

    public static bool IsThread(int channelType) => channelType is 10 or 11 or 12;
}
