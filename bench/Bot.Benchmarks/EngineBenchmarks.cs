using BenchmarkDotNet.Attributes;
using Bot.Engine;
using Bot.Engine.Answers;
using Bot.Engine.Commands;

namespace Bot.Benchmarks;

/// <summary>Time per answer for the three ways people use the bot, and the cost of loading the fact set.</summary>
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

    [GlobalSetup]
    public void Setup() => _engine = AnswerEngine.Load(Responses);

    [Benchmark]
    public Answer WhoLeft() => _engine.Answer(_whoLeft);

    [Benchmark]
    public Answer ReactionCorbyn() => _engine.Answer(_reaction);

    [Benchmark]
    public Answer ReactionWithTypo() => _engine.Answer(_reactionTypo);

    [Benchmark]
    public Answer FreeTextQuestion() => _engine.Answer(_question);

    [Benchmark]
    public Answer OffTopicQuestion() => _engine.Answer(_offTopic);

    [Benchmark]
    public IReadOnlyList<Choice> AutocompleteCor() => _engine.Complete("reaction", "who", "cor");

    [Benchmark]
    public string RenderPlainText() => PlainTextRenderer.Render(_engine.Answer(_whoLeft));

    /// <summary>Reads and validates responses/ (the retrieval index is built lazily, see the next one).</summary>
    [Benchmark]
    public AnswerEngine LoadFromResponses() => AnswerEngine.Load(Responses);

    /// <summary>Load plus the first free-text question, which builds the retrieval index.</summary>
    [Benchmark]
    public Answer LoadAndFirstQuestion() => AnswerEngine.Load(Responses).Answer(_question);
}
