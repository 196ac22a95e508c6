namespace Bot.Engine.Commands;

public enum BotRequestKind
{
    /// <summary>A slash command: <see cref="BotRequest.Command"/> names it, <see cref="BotRequest.Text"/> is its argument.</summary>
    Command,

    /// <summary>A message that mentions the bot (or any free text): <see cref="BotRequest.Text"/> is the message without the mention.</summary>
    Mention,
}

/// <summary>What every adapter turns its platform's input into.</summary>
/// <param name="Conversation">
/// Where the message was said (a Slack thread, a Discord channel or thread, a console session): messages with the
/// same key share memory, so "and Unison?" follows on from "what did Corbyn say?". Null: answered on its own.
/// </param>
public sealed record BotRequest(BotRequestKind Kind, string Command, string Text, string? Conversation = null)
{
    /// <summary>Longer input is answered from its start; nobody needs more to ask about one article.</summary>
    public const int MaxTextLength = 500;

    public static BotRequest ForCommand(string command, string? text) =>
        new(BotRequestKind.Command, command.Trim().TrimStart('/').ToLowerInvariant(), text ?? "");

    public static BotRequest ForMention(string text, string? conversation = null) => new(BotRequestKind.Mention, "", text, conversation);

    /// <summary>"/cmd arg" is a command; anything else is the body of a mention (console chat and `ask`).</summary>
    public static BotRequest Parse(string line, string? conversation = null)
    {
        var trimmed = line.Trim();
        if (!trimmed.StartsWith('/'))
        {
            return ForMention(trimmed, conversation);
        }

        var space = trimmed.IndexOfAny([' ', '\t']);
        var command = space < 0 ? ForCommand(trimmed, "") : ForCommand(trimmed[..space], trimmed[(space + 1)..].Trim());
        return command with { Conversation = conversation };
    }
}
