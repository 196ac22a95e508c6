using Bot.Engine;
using Bot.Engine.Answers;
using Bot.Engine.Commands;

namespace Bot.Discord.Tests;

/// <summary>An engine that answers only when the test says so: the one seam with no wire.</summary>
public sealed class GatedEngine : IAnswerEngine
{
    private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => gate.TrySetResult();

    /// <summary>Completes once an answer has been returned (after <see cref="Release"/>).</summary>
    public TaskCompletionSource Answered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Answer Answer(BotRequest request)
    {
        gate.Task.Wait(TimeSpan.FromSeconds(30));
        Answered.TrySetResult();
        return new Answer(AnswerKind.Fact, "Slow but sure", [AnswerBlock.Paragraph("Done.")], [], []);
    }

    public IReadOnlyList<Choice> Complete(string command, string option, string prefix) => [];

    public ArticleOverview Overview { get; } = new("A test article", []);

    public Answer Passages(IReadOnlyList<int> sentences) => new(AnswerKind.Fact, "From the article", [], [], []);
}

/// <summary>An engine that fails, to check that no exception reaches the user.</summary>
public sealed class FailingEngine : IAnswerEngine
{
    public Answer Answer(BotRequest request) => throw new InvalidOperationException("boom");

    public IReadOnlyList<Choice> Complete(string command, string option, string prefix) => throw new InvalidOperationException("boom");

    public ArticleOverview Overview => throw new InvalidOperationException("boom");

    public Answer Passages(IReadOnlyList<int> sentences) => throw new InvalidOperationException("boom");
}
