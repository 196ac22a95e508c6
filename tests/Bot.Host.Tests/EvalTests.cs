using System.Text.Json;
using Bot.Engine;
using Bot.Engine.Answers;
using Bot.Engine.Commands;
using Bot.Host.Evaluation;
using Bot.TestSupport;

namespace Bot.Host.Tests;

/// <summary>`eval`: grading as score.py grades, the report's figures, and the verb's exit codes.</summary>
public class EvalTests
{
    private static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "TestData", "eval-sample.jsonl");

    /// <summary>Answers each question with a fixed title and kind, and keeps the requests.</summary>
    private sealed class CannedEngine(Dictionary<string, (AnswerKind Kind, string Text)> answers) : IAnswerEngine
    {
        public List<BotRequest> Requests { get; } = [];

        public Answer Answer(BotRequest request)
        {
            Requests.Add(request);
            var (kind, text) = answers[request.Text];
            return new Answer(kind, text, [], [], []);
        }

        public IReadOnlyList<Choice> Complete(string command, string option, string prefix) => [];

        public ArticleOverview Overview { get; } = new("A test article", []);

        public Answer Passages(IReadOnlyList<int> sentences) => new(AnswerKind.Fact, "From the article", [], [], []);
    }

    public static TheoryData<string, string, string, double?, string?> Grades => new()
    {
        // answer, "all" and "none" (items split on ';'), "maxlen", score.py's verdict
        { "Seven MPs left", "seven| 7 ", "", null, null },
        { "SEVEN MPs left", "Seven", "", null, null },
        { "six MPs left", "seven|7", "", null, "missing 'seven|7'" },
        { "six", "seven||7", "", null, null }, // an empty alternative is in every string
        { "It was 2019.", "it was", "2019", null, "contains forbidden '2019'" },
        { "It was 2019.", "year", "2019", null, "missing 'year'" }, // the first reason only
        { "It wasn't", "isn't", "", null, "missing \"isn't\"" },
        { " \t\u001f\n", "", "", null, "empty answer" }, // Python's strip() also takes U+001C..U+001F
        { "😬😬", "", "", 2, null }, // code points, not UTF-16 units
        { "😬😬😬", "", "", 2, "answer too long (3)" },
        { "İstanbul", "istanbul", "", null, "missing 'istanbul'" }, // Python lower-cases İ to i + combining dot
        { "ΟΔΟΣ", "οδοσ", "", null, "missing 'οδοσ'" }, // and a word-final Σ to ς
    };

    [Theory]
    [MemberData(nameof(Grades))]
    public void Grading_gives_score_pys_verdict(string answer, string all, string none, double? maxLen, string? expected)
    {
        var @case = new EvalCase("c", "q", all.Length == 0 ? [] : all.Split(';'), none.Length == 0 ? [] : none.Split(';'), maxLen);

        Assert.Equal(expected, EvalRunner.Grade(@case, answer));
    }

    [Fact]
    public void The_report_counts_categories_threads_abstentions_and_fabrications()
    {
        var engine = new CannedEngine(new()
        {
            ["q1"] = (AnswerKind.Fact, "Seven left"),
            ["q2"] = (AnswerKind.Fact, "Seven left in 2019"),
            ["q3"] = (AnswerKind.NotFound, "The article doesn't say"),
            ["q4"] = (AnswerKind.Fact, "It was 2019"),
            ["q5"] = (AnswerKind.NotFound, "The article doesn't say"),
            ["q6"] = (AnswerKind.NotFound, "The article doesn't say"),
            ["q7"] = (AnswerKind.Fact, "Corbyn was disappointed"),
            ["q8"] = (AnswerKind.Fact, "Unison said nothing"),
        });
        EvalCase[] cases =
        [
            new("c1", "q1", ["seven"], [], Cat: "A", Answerable: true),
            new("c2", "q2", ["seven"], ["2019"], Cat: "A", Answerable: true), // a fabrication
            new("c3", "q3", ["doesn't say"], [], Cat: "B", Answerable: false), // abstained, rightly
            new("c4", "q4", ["doesn't say"], ["2019"], Cat: "B", Answerable: false), // missing first: not a fabrication
            new("c5", "q5", ["Corbyn"], [], Cat: "B", Answerable: true), // abstained, wrongly
            new("c6", "q6", [], [], Thread: "t1"), // abstained, but not marked: not counted
            new("c7", "q7", ["disappoint"], [], Thread: "t1"),
            new("c8", "q8", ["long and hard look"], [], Thread: "t2"),
        ];

        var report = EvalRunner.Run(engine, cases);

        Assert.Equal(new Tally(4, 8), report.Overall);
        Assert.Equal(0.5, report.Accuracy);
        Assert.Equal([("A", new Tally(1, 2)), ("B", new Tally(1, 3))], report.ByCategory);
        Assert.Equal(new Tally(2, 3), report.ThreadTurns);
        Assert.Equal(new Tally(1, 2), report.WholeThreads);
        Assert.Equal(new Tally(1, 2), report.AbstentionPrecision);
        Assert.Equal(new Tally(1, 2), report.AbstentionRecall);
        Assert.Equal(1, report.Fabrications);
        Assert.Equal(["c2", "c4", "c5", "c8"], report.Failures.Select(f => f.Case.Id));
        Assert.Equal([null, null, null, null, null, "ask:t1", "ask:t1", "ask:t2"], engine.Requests.Select(r => r.Conversation));

        var text = report.ToString();
        Assert.Contains("accuracy: 4/8 = 50.0%", text);
        Assert.Contains("  A  1/2 = 50.0%", text);
        Assert.Contains("  B  1/3 = 33.3%", text);
        Assert.Contains("threads: turns 2/3 = 66.7%; whole threads 1/2 = 50.0%", text);
        Assert.Contains("abstention: precision 1/2 = 50.0%; recall 1/2 = 50.0%", text);
        Assert.Contains("fabrications: 1", text);
        Assert.Contains("FAIL c2 'q2': contains forbidden '2019' (fabrication)\n     -> 'Seven left in 2019'", text.ReplaceLineEndings("\n"));
        Assert.Contains("FAIL c4 'q4': missing \"doesn't say\"\n", text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Eval_asks_what_ask_jsonl_asks_and_grades_the_text_it_prints()
    {
        var cases = EvalCase.Parse(
        [
            """{"id": "a", "in": "what did corbyn say", "thread": "x", "all": ["disappoint"]}""",
            """{"id": "b", "in": "and khan?", "thread": "x", "all": ["friends"]}""",
            """{"id": "c", "in": "/who-left", "all": ["Shuker"]}""",
            """{"id": "d", "in": "what's the name of the new party?", "all": []}""",
        ]);
        var evalEngine = new RecordingEngine();
        var askEngine = new RecordingEngine();

        var report = EvalRunner.Run(evalEngine, cases);
        // What score.py sends for the same cases.
        var input = string.Join("\n", cases.Select(c => JsonSerializer.Serialize(c.Thread is null ? new { text = c.In } : (object)new { text = c.In, thread = c.Thread })));
        using var output = new StringWriter();
        AskCommand.Run(["--jsonl"], askEngine, new StringReader(input), output, TextWriter.Null);
        var printed = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("answer").GetString());

        Assert.Equal(printed, report.Results.Select(r => r.Answer));
        Assert.Equal(askEngine.Requests, evalEngine.Requests);
        Assert.Equal(["ask:x", "ask:x", null, null], evalEngine.Requests.Select(r => r.Conversation));
    }

    [Fact]
    public async Task The_verb_prints_the_report_and_exits_by_the_minimum()
    {
        var result = await BotProcess.RunAsync("", null, "eval", Sample, "--min", "0.5");
        var below = await BotProcess.RunAsync("", null, "eval", Sample, "--min", "0.51");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1, below.ExitCode);
        Assert.Equal(result.Stdout, below.Stdout);
        Assert.Equal("", result.Stderr);
        var lines = result.Stdout.ReplaceLineEndings("\n");
        Assert.StartsWith("eval eval-sample.jsonl: 4 cases\naccuracy: 2/4 = 50.0%\nby category:\n  commands  2/2 = 100.0%\n  traps     0/2 = 0.0%\n", lines);
        Assert.Contains("fabrications: 1\nfailures: 2\n", lines);
        Assert.Contains("FAIL f1 '/reaction corbyn': contains forbidden 'Corbyn' (fabrication)\n     -> ", lines);
        Assert.Contains("FAIL m1 '/summary': missing 'zebra|giraffe'\n", lines);
        Assert.DoesNotContain("abstention", lines); // no case says whether it is answerable
    }

    [Fact]
    public void Failures_limits_the_list_but_not_the_figures()
    {
        using var output = new StringWriter();
        var exit = EvalCommand.Run([Sample, "--failures", "1"], () => new RecordingEngine(), output, TextWriter.Null);

        Assert.Equal(0, exit);
        Assert.Contains("fabrications: 1", output.ToString());
        Assert.Contains("failures: 2 (first 1 shown)", output.ToString());
        Assert.Single(output.ToString().Split('\n'), l => l.StartsWith("FAIL ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData]
    [InlineData("--min", "0.9")]
    [InlineData("{file}", "--min", "1.5")]
    [InlineData("{file}", "--min")]
    [InlineData("{file}", "--failures", "-1")]
    [InlineData("{file}", "--verbose")]
    [InlineData("{file}", "{file}")]
    public void Usage_errors_exit_2_without_asking(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = EvalCommand.Run(args.Select(a => a.Replace("{file}", Sample, StringComparison.Ordinal)).ToArray(), () => throw new InvalidOperationException("not to be asked"), output, error);

        Assert.Equal(2, exit);
        Assert.Equal("", output.ToString());
        Assert.StartsWith("error: ", error.ToString());
        Assert.Contains("usage: eval FILE.jsonl", error.ToString());
    }

    [Fact]
    public async Task Usage_error_exit_code_reaches_the_shell()
    {
        var result = await BotProcess.RunAsync("", null, "eval");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage: eval", result.Stderr);
    }

    [Theory]
    [InlineData(null, "no-such-file")]
    [InlineData("not json\n", ":1: ")]
    [InlineData("{\"id\": \"a\", \"in\": \"x\"}\n\n{\"id\": \"b\"}\n", ":3: \"in\" must be a string")]
    [InlineData("{\"id\": \"a\", \"in\": \"x\", \"all\": \"seven\"}\n", ":1: \"all\" must be array")]
    [InlineData("\n\n", "no cases")]
    public async Task An_unreadable_file_exits_3_with_one_error_line(string? content, string expected)
    {
        var dir = Directory.CreateTempSubdirectory("eval-").FullName;
        try
        {
            var file = Path.Combine(dir, content is null ? "no-such-file.jsonl" : "cases.jsonl");
            if (content is not null)
            {
                File.WriteAllText(file, content);
            }

            var result = await BotProcess.RunAsync("", null, "eval", file);

            Assert.Equal(3, result.ExitCode);
            Assert.Equal("", result.Stdout);
            var error = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("error: ", error);
            Assert.Contains(expected, error);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
