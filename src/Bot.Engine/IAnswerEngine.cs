using Bot.Engine.Answers;
using Bot.Engine.Commands;

namespace Bot.Engine;

/// <summary>The one thing every adapter talks to. Implementations never throw for bad input.</summary>
public interface IAnswerEngine
{
    Answer Answer(BotRequest request);

    /// <summary>Autocomplete for a command option: at most 25 choices whose names match the typed prefix.</summary>
    IReadOnlyList<Choice> Complete(string command, string option, string prefix);

    /// <summary>What the bot knows, for the surfaces that introduce it (Slack App Home, the assistant pane's suggested prompts).</summary>
    ArticleOverview Overview { get; }

    /// <summary>The article's sentences in full, private to whoever asked (the Source button); numbers out of range are left out.</summary>
    Answer Passages(IReadOnlyList<int> sentences);

    /// <summary>The help answer in a locale ("de", "fr": Discord's codes), English when the catalog has no translation for it.</summary>
    Answer Help(string? locale) => Answer(BotRequest.ForCommand(CommandCatalog.Help, ""));
}

/// <summary>The article's headline and example questions from <c>responses/</c>.</summary>
public sealed record ArticleOverview(string Headline, IReadOnlyList<string> Examples);
