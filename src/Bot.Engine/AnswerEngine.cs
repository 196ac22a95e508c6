using Bot.Engine.Answers;
using Bot.Engine.Commands;

namespace Bot.Engine;

/// <summary>PLACEHOLDER until the engine lands: the public shape only.</summary>
public sealed class AnswerEngine : IAnswerEngine
{
    public static AnswerEngine Load(string responsesDirectory) => new();

    public Answer Answer(BotRequest request) =>
        new(AnswerKind.Error, "Not built yet", [AnswerBlock.Paragraph("The engine is being built.")], [], []);

    public IReadOnlyList<Choice> Complete(string command, string option, string prefix) => [];
}
