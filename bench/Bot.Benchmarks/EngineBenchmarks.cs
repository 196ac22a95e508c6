using BenchmarkDotNet.Attributes;
using Bot.Engine;
using Bot.Engine.Answers;
using Bot.Engine.Commands;

namespace Bot.Benchmarks;

/// <summary>
/// Time per answer for the three ways people use the bot, with the sentence model loaded as the service has it
/// after warm-up (free-text questions are ranked by meaning and words), and the cost of loading the fact set.
/// The same question ranked by words alone is there for comparison.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private static readonly string Responses = Path.Combine(AppContext.BaseDirectory, "responses");

    private readonly BotRequest _whoLeft = BotRequest.Parse("/who-left");
    private readonly BotRequest _reaction = BotRequest.Parse("/reaction corbyn");
    private readonly BotRequest _reactionTypo = BotRequest.Parse("/reaction corbyyn");
    private readonly BotRequest _question = BotRequest.ForMention("why haven't they joined the Lib Dems?");
    private readonly BotRequest _offTopic = BotRequest.ForMention("what's the capital of France?");
    private AnswerEngine _engine = null!;
    private AnswerEngine _wordsOnly = null!;

    [GlobalSetup]
    public void Setup()
    {
        // The shipped model and the per-user cache of example vectors, as the service loads them.
        _engine = AnswerEngine.Load(Responses);
        if (!_engine.WarmUp())
        {
            throw new InvalidOperationException("the sentence model did not load: " + _engine.SemanticProblem);
        }

        _wordsOnly = AnswerEngine.Load(Responses, modelDirectory: null);
    }

    [Benchmark]
    public Answer WhoLeft() => _engine.Answer(_whoLeft);

    [Benchmark]
    public Answer ReactionCorbyn() => _engine.Answer(_reaction);

    [Benchmark]
    public Answer ReactionWithTypo() => _engine.Answer(_reactionTypo);

    [Benchmark]
    public Answer FreeTextQuestion() => _engine.Answer(_question);

    /// <summary>The same question with no sentence model (Content:ModelPath=none, or before warm-up).</summary>
    [Benchmark]
    public Answer FreeTextQuestionWordsOnly() => _wordsOnly.Answer(_question);

    [Benchmark]
    public Answer OffTopicQuestion() => _engine.Answer(_offTopic);

    [Benchmark]
    public IReadOnlyList<Choice> AutocompleteCor() => _engine.Complete("reaction", "who", "cor");

    [Benchmark]
    public string RenderPlainText() => PlainTextRenderer.Render(_engine.Answer(_whoLeft));

    /// <summary>Reads and validates responses/ (the retrieval index is built lazily, see the next one).</summary>
    [Benchmark]
    public AnswerEngine LoadFromResponses() => AnswerEngine.Load(Responses, modelDirectory: null);

    /// <summary>Load plus the first free-text question, which builds the retrieval index (words only: loading the model
    /// is a cold-process cost, measured by bench/startup/run.sh).</summary>
    [Benchmark]
    public Answer LoadAndFirstQuestion() => AnswerEngine.Load(Responses, modelDirectory: null).Answer(_question);
}
