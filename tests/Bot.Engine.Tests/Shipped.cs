using Bot.Engine.Answers;
using Bot.Engine.Commands;

namespace Bot.Engine.Tests;

/// <summary>The engine over the fact set that ships in responses/, loaded once for all tests.</summary>
internal static class Shipped
{
    private static readonly Lazy<AnswerEngine> Lazy = new(() => AnswerEngine.Load(Path.Combine(AppContext.BaseDirectory, "responses")));

    public static AnswerEngine Engine => Lazy.Value;

    public static Answer Answer(string line) => Engine.Answer(BotRequest.Parse(line));

    public static string Text(string line) => PlainTextRenderer.Render(Answer(line));
}
