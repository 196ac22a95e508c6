using Bot.Engine.Answers;
using Bot.Engine.Commands;

namespace Bot.Engine;

/// <summary>The one thing every adapter talks to. Implementations never throw for bad input.</summary>
public interface IAnswerEngine
{
    Answer Answer(BotRequest request);

    /// <summary>Autocomplete for a command option: at most 25 choices whose names match the typed prefix.</summary>
    IReadOnlyList<Choice> Complete(string command, string option, string prefix);
}
