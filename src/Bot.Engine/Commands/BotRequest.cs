namespace Bot.Engine.Commands;

public enum BotRequestKind
{
    /// <summary>A slash command: <see cref="BotRequest.Command"/> names it, <see cref="BotRequest.Text"/> is its argument.</summary>
    Command,

    /// <summary>A message that mentions the bot (or any free text): <see cref="BotRequest.Text"/> is the message without the mention.</summary>
    Mention,
}

/// <summary>What every adapter turns its platform's input into.</summary>
public sealed record BotRequest(BotRequestKind Kind, string Command, string Text)
{
    /// <summary>Longer input is answered from its start; nobody needs more to ask about one article.</summary>
    public const int MaxTextLength = 500;

    public static BotRequest ForCommand(string command, string? text) =>
        new(BotRequestKind.Command, command.Trim().TrimStart('/').ToLowerInvariant(), text ?? "");

    public static BotRequest ForMention(string text) => new(BotRequestKind.Mention, "", text);

    /// <summary>"/cmd arg" is a command; anything else is the body of a mention (console chat and `ask`).</summary>
    public static BotRequest Parse(string line)
    {
        var trimmed = line.Trim();
        if (!trimmed.StartsWith('/'))
        {
            return ForMention(trimmed);
        }

        var space = trimmed.IndexOfAny([' ', '\t']);
        return space < 0
            ? ForCommand(trimmed, "")
            : ForCommand(trimmed[..space], trimmed[(space + 1)..].Trim());
    }
}
