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
/// The catalog's words in one more language: command and option descriptions, the message action's name and the help
/// text's own sentences. The article's headline and example questions stay as <c>responses/</c> has them.
/// </summary>
/// <param name="Locale">A Discord locale code ("de", "fr"): what an interaction's <c>locale</c> says.</param>
/// <param name="Descriptions">Command name → description; "command.option" → that option's description.</param>
/// <param name="HelpIntro">"{0}" is the headline.</param>
/// <param name="HelpMessageAction">How to ask about a message someone else wrote; "{0}" is <paramref name="MessageActionName"/>.</param>
/// <param name="HelpMention">"{0}" is the example questions, or the whole sentence without them (<paramref name="HelpMentionPlain"/>).</param>
public sealed record CatalogTranslation(
    string Locale,
    IReadOnlyDictionary<string, string> Descriptions,
    string MessageActionName,
    string HelpTitle,
    string HelpIntro,
    string HelpMention,
    string HelpMentionPlain,
    string HelpMessageAction);

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

    /// <summary>The languages besides English, each complete: every command and option is described in it.</summary>
    public static IReadOnlyList<CatalogTranslation> Translations { get; } =
    [
        new("de",
            new Dictionary<string, string>
            {
                [WhoLeft] = "Wer ausgetreten ist, wann und woraus",
                [WhoLeft + ".name"] = "Prüfen, ob eine Person dazugehörte",
                [Reaction] = "Was eine Person oder Gruppe dazu gesagt hat",
                [Reaction + ".who"] = "Wessen Reaktion, z. B. ein Nachname oder eine Partei",
                [Summary] = "Eine kurze Zusammenfassung des Artikels",
                [Ask] = "Eine Frage zum Artikel stellen",
                [Ask + ".question"] = "Deine Frage",
                [Help] = "Die Befehle anzeigen",
            },
            "Den Faktenbot fragen",
            "Was ich kann",
            "Ich beantworte Fragen zu einem (englischen) Artikel: {0}.",
            "Oder erwähne mich mit einer Frage, z. B. {0}.",
            "Oder erwähne mich mit einer Frage.",
            "Zu einer Nachricht: im Menü der Nachricht „{0}“ wählen."),
        new("fr",
            new Dictionary<string, string>
            {
                [WhoLeft] = "Qui est parti, quand, et d'où",
                [WhoLeft + ".name"] = "Vérifier si une personne en faisait partie",
                [Reaction] = "Ce qu'une personne ou un groupe en a dit",
                [Reaction + ".who"] = "La réaction de qui : un nom de famille, un parti…",
                [Summary] = "Un court résumé de l'article",
                [Ask] = "Poser une question sur l'article",
                [Ask + ".question"] = "Votre question",
                [Help] = "La liste des commandes",
            },
            "Demander au bot",
            "Ce que je sais faire",
            "Je réponds aux questions sur un article (en anglais) : {0}.",
            "Ou mentionnez-moi avec une question, par ex. {0}.",
            "Ou mentionnez-moi avec une question.",
            "Sur un message : choisissez « {0} » dans le menu du message."),
    ];

    /// <summary>
    /// The translation for a Discord locale ("de", "fr", or a regional code such as "es-ES" whose language we have);
    /// null for English and for languages we do not have.
    /// </summary>
    public static CatalogTranslation? TranslationFor(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }

        var language = locale.Split('-')[0];
        return Translations.FirstOrDefault(t => string.Equals(t.Locale, locale, StringComparison.OrdinalIgnoreCase))
            ?? Translations.FirstOrDefault(t => string.Equals(t.Locale, language, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A command's description in a locale, English when there is no translation.</summary>
    public static string Describe(CommandDefinition command, string? locale) =>
        TranslationFor(locale)?.Descriptions.GetValueOrDefault(command.Name) ?? command.Description;

    /// <summary>Locale → description of a command (or, with <paramref name="option"/>, of its option), every translation that has one.</summary>
    public static IReadOnlyDictionary<string, string> DescriptionLocalizations(CommandDefinition command, CommandOption? option = null)
    {
        var key = option is null ? command.Name : command.Name + "." + option.Name;
        return Translations
            .Where(t => t.Descriptions.ContainsKey(key))
            .ToDictionary(t => t.Locale, t => t.Descriptions[key], StringComparer.Ordinal);
    }

    /// <summary>Locale → the message action's name in that language.</summary>
    public static IReadOnlyDictionary<string, string> MessageActionNameLocalizations =>
        Translations.ToDictionary(t => t.Locale, t => t.MessageActionName, StringComparer.Ordinal);

    public static CommandDefinition? Find(string name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name.TrimStart('/'), StringComparison.OrdinalIgnoreCase));
}
