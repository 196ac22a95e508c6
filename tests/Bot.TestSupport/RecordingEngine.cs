using System.Collections.Concurrent;
using Bot.Engine;
using Bot.Engine.Answers;
using Bot.Engine.Commands;

namespace Bot.TestSupport;

/// <summary>
/// The real engine over the responses/ beside the test binary, with every request it is asked kept, so tests can see
/// which conversation keys arrive.
/// </summary>
public sealed class RecordingEngine : IAnswerEngine
{
    private readonly IAnswerEngine _inner = AnswerEngine.Load(Path.Combine(AppContext.BaseDirectory, "responses"));

    public ConcurrentQueue<BotRequest> Requests { get; } = new();

    public Answer Answer(BotRequest request)
    {
        Requests.Enqueue(request);
        return _inner.Answer(request);
    }

    public IReadOnlyList<Choice> Complete(string command, string option, string prefix) => _inner.Complete(command, option, prefix);

    public ArticleOverview Overview => _inner.Overview;

    public Answer Passages(IReadOnlyList<int> sentences) => _inner.Passages(sentences);

    public Answer Help(string? locale)
    {
        Requests.Enqueue(BotRequest.ForCommand(CommandCatalog.Help, ""));
        return _inner.Help(locale);
    }
}
