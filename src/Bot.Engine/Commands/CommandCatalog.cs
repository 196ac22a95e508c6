namespace Bot.Engine.Commands;

public sealed record CommandOption(string Name, string Description, bool Required, bool Autocomplete = false);

public sealed record CommandDefinition(string Name, string Description, IReadOnlyList<CommandOption> Options)
{
    /// <summary>"&lt;who&gt;" for a required option, "[name]" for an optional one (Slack usage hints, help text).</summary>
    public string UsageHint => string.Join(' ', Options.Select(o => o.Required ? $"<{o.Name}>" : $"[{o.Name}]"));

    public string Usage => Options.Count == 0 ? "/" + Name : $"/{Name} {UsageHint}";
}

/// <param name="Name">What people see in the message menu (Discord allows 32 characters, Slack 24).</param>
/// <param name="CallbackId">Slack's callback_id for the shortcut.</param>
public sealed record MessageActionDefinition(string Name, string CallbackId, string Description);

/// <summary>
/// The one list of commands. Discord's registration payload, Slack's app manifest and the help text
/// are all generated from it, so a command is added here and nowhere else.
/// </summary>
public static class CommandCatalog
{
    public const string WhoLeft = "who-left";
    public const string Reaction = "reaction";
    public const string Summary = "summary";
    public const string Ask = "ask";
    public const string Help = "help";

    public static IReadOnlyList<CommandDefinition> All { get; } =
    [
        new(WhoLeft, "Who left, when, and from what",
            [new("name", "Check whether one person was among them", Required: false)]),
        new(Reaction, "What a person or group said about it",
            [new("who", "Whose reaction, e.g. a surname or a party", Required: true, Autocomplete: true)]),
        new(Summary, "A short summary of the article", []),
        new(Ask, "Ask a question about the article",
            [new("question", "Your question", Required: true)]),
        new(Help, "List the commands", []),
    ];

    /// <summary>
    /// The message action: a Slack message shortcut and a Discord message context-menu command (type 3), both under
    /// this name. The message's text is the question, answered privately with a Share button.
    /// </summary>
    public static MessageActionDefinition AskAboutMessage { get; } = new(
        "Ask the fact bot", "ask_about_message", "Answer this message as a question about the article");

    public static CommandDefinition? Find(string name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name.TrimStart('/'), StringComparison.OrdinalIgnoreCase));
}
