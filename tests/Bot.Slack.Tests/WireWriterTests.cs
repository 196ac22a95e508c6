using System.Buffers;
using System.Text;
using System.Text.Json;
using Bot.Engine;
using Bot.Engine.Answers;
using Bot.Engine.Commands;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Bot.Slack.Tests;

/// <summary>
/// The HTTP endpoint reads a slash command's form from the body's bytes (<see cref="SlackForm"/>) and writes the answer
/// straight to the response (<see cref="SlackBlockKit.WriteMessage"/>); Socket Mode, follow-ups and chat messages build
/// JSON trees (<see cref="SlackBlockKit.Render"/>). Both must read the same fields and give the same bytes.
/// </summary>
public class WireWriterTests
{
    private static readonly Lazy<AnswerEngine> Engine = new(() => AnswerEngine.Load(Path.Combine(AppContext.BaseDirectory, "responses")));

    public static TheoryData<string> Asked() =>
    [
        "/who-left", "/help", "/reaction corbyn", "/reaction corbyyn", "/reaction nobody-at-all", "/summary", "/timeline", "/why",
        "/ask why did they leave?", "/ask what's the capital of France?", "/ask <!channel> who left? a & b", "/unknown-command", "",
    ];

    [Theory]
    [MemberData(nameof(Asked))]
    public void EngineAnswersAreWrittenAsTheTreeSaysThem(string asked)
    {
        var answer = Engine.Value.Answer(BotRequest.Parse(asked));
        AssertSameBytes(answer, asked);
        AssertSameBytes(answer with { Visibility = AnswerVisibility.Private }, asked);
        AssertSameBytes(answer with { Visibility = AnswerVisibility.Public }, asked);
        if (asked == "/who-left")
        {
            // The case the harness measures: a header, sections, context and buttons.
            var written = Write(SlackCommandReply.Answered(answer, asked).WriteTo);
            Assert.Contains("\"blocks\":[{\"type\":\"header\"", written);
            Assert.Contains("{\"type\":\"actions\",\"elements\":[{\"type\":\"button\"", written);
            Assert.EndsWith("\"response_type\":\"in_channel\"}", written);
        }
    }

    [Fact]
    public void EveryCommandOfTheCatalogIsWrittenAsTheTreeSaysIt()
    {
        foreach (var command in CommandCatalog.All)
        {
            var asked = "/" + command.Name;
            AssertSameBytes(Engine.Value.Answer(BotRequest.Parse(asked)), asked);
        }
    }

    [Fact]
    public void HugeEscapedAndEmptyAnswersAreWrittenAsTheTreeSaysThem()
    {
        var huge = new Answer(
            AnswerKind.Fact,
            new string('T', 300) + " <@U1> *b* <!everyone> “quoted” ’ • é 😀 & \u2028 \"q\" \\",
            [AnswerBlock.Bullets(Enumerable.Range(0, 200).Select(i => $"line {i} <&> " + new string('x', 200))), AnswerBlock.Quote(new string('q', 3000) + "\nsecond"), AnswerBlock.Paragraph("1. list", "# h", "> q", " ")],
            Enumerable.Range(1, 100).Select(i => new SourceRef(i, new string('s', 400) + " `x` <y>")).ToList(),
            Enumerable.Range(1, 100).Select(i => "/reaction some`one" + i).ToList());
        AssertSameBytes(huge, "/reaction " + new string('z', 300));
        AssertSameBytes(new Answer(AnswerKind.NotFound, "", [], [], []), "");
        AssertSameBytes(new Answer(AnswerKind.NotFound, " ", [AnswerBlock.Paragraph("", "  ")], [], []), "/ask  ");
        AssertSameBytes(new Answer(AnswerKind.Help, "Help", [AnswerBlock.Paragraph("a")], [], ["/who-left", "/why"]), "/help @here");
        foreach (var many in new[] { 47, 48, 49, 50, 60 })
        {
            AssertSameBytes(new Answer(AnswerKind.Fact, "Many", Enumerable.Range(0, many).Select(i => AnswerBlock.Paragraph(new string('p', 2999))).ToList(), [new SourceRef(1, "s")], ["/why"]), "/why");
        }
    }

    [Fact]
    public void RepliesMadeAsTreesAreWrittenAsThemselves()
    {
        var reply = SlackCommandReply.Ephemeral("Working on it…");
        Assert.Equal(SlackJson.ToText(reply.ToJson()), Write(reply.WriteTo));
        Assert.Equal("{\"response_type\":\"ephemeral\",\"text\":\"Working on it…\"}", Write(reply.WriteTo));
    }

    [Fact]
    public void A_kept_reply_is_used_only_for_the_same_question_and_the_same_answer()
    {
        var answer = new Answer(AnswerKind.Fact, "Who left", [AnswerBlock.Paragraph("Seven MPs left."), AnswerBlock.Bullets(["A", "B"])], [new SourceRef(1, "Seven MPs", "left")], ["/why"]);
        AssertSameBytes(answer, "/who-left");
        Answer[] changed =
        [
            answer with { Kind = AnswerKind.NotFound },
            answer with { Title = "Who left?" },
            answer with { Visibility = AnswerVisibility.Private },
            answer with { Body = [AnswerBlock.Paragraph("Seven MPs left."), AnswerBlock.Bullets(["A", "C"])] },
            answer with { Body = [AnswerBlock.Paragraph("Seven MPs left."), AnswerBlock.Paragraph("A", "B")] },
            answer with { Body = [AnswerBlock.Paragraph("Seven MPs left.")] },
            answer with { Sources = [new SourceRef(2, "Seven MPs", "left")] },
            answer with { Sources = [new SourceRef(1, "Seven MPs", "left-date")] },
            answer with { Sources = [new SourceRef(1, "Seven", "left")] },
            answer with { Suggestions = ["/who-left"] },
            answer with { Suggestions = [] },
        ];
        foreach (var other in changed)
        {
            Assert.False(AnswerContent.Same(answer, other));
            AssertSameBytes(other, "/who-left");
        }

        Assert.True(AnswerContent.Same(answer, Copy(answer)));
        AssertSameBytes(answer, "/who-left now");
    }

    [Fact]
    public void The_content_comparison_knows_every_part_of_an_answer()
    {
        // AnswerContent.Same compares these parts one by one: a new part must be added there, or kept replies go stale.
        Assert.Equal(["Kind", "Title", "Body", "Sources", "Suggestions", "Visibility"], Parts<Answer>());
        Assert.Equal(["Style", "Lines"], Parts<AnswerBlock>());
        Assert.Equal(["Sentence", "Quote", "Of"], Parts<SourceRef>());
    }

    private static string[] Parts<T>() =>
        [.. typeof(T).GetConstructors().Where(c => c.GetParameters().All(p => p.ParameterType != typeof(T))).Single().GetParameters().Select(p => p.Name!)];

    private static Answer Copy(Answer answer) => new(
        answer.Kind,
        new string(answer.Title.AsSpan()),
        [.. answer.Body.Select(b => new AnswerBlock(b.Style, [.. b.Lines.Select(l => new string(l.AsSpan()))]))],
        [.. answer.Sources.Select(s => new SourceRef(s.Sentence, new string(s.Quote.AsSpan()), new string(s.Of.AsSpan())))],
        [.. answer.Suggestions.Select(s => new string(s.AsSpan()))],
        answer.Visibility);

    public static TheoryData<string> Forms() =>
    [
        "",
        "command=%2Fwho-left&text=&team_id=T1&channel_id=C1&user_id=U1&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1%2F2",
        "token=x&team_id=T0001ABCDEF&team_domain=westminster&channel_id=C2147483705&channel_name=general&user_id=U2147483697&user_name=hansard&command=%2Fwho-left&text=&api_app_id=A0KRD7HC3&is_enterprise_install=false&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT0001ABCDEF%2F1234567890123%2F0Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op&trigger_id=13345224609.738474920.8088930838d88f008e0",
        "?command=/ask&text=why+did+they+leave%3F+%26+%3Cb%3E+%C3%A9+%E2%9C%93",
        "COMMAND=%2Fhelp&Text=a&TEAM_ID=t",
        "command=%2Fhelp&command=%2Fwho-left",
        "command=&command=",
        "command=&text=hello",
        "command",
        "command&text=x",
        "=x&&&command==a=b&",
        "  command=%2Fhelp& text=%ZZ%4&user_id=%E2%82",
        "com%6Dand=%2Fwho-left&te+xt=a+b&payload=%7B%22type%22%3A%22block_actions%22%7D",
        "payload=%7Bnot",
        "text=" + new string('x', 5000) + "&command=%2Fask",
    ];

    [Theory]
    [MemberData(nameof(Forms))]
    public void FormFieldsAreReadAsParseQueryReadsThem(string body)
    {
        var form = SlackForm.Parse(Encoding.UTF8.GetBytes(body));
        var parsed = QueryHelpers.ParseQuery(body);
        AssertSame(parsed, "command", form.Command);
        AssertSame(parsed, "text", form.Text);
        AssertSame(parsed, "team_id", form.TeamId);
        AssertSame(parsed, "channel_id", form.ChannelId);
        AssertSame(parsed, "user_id", form.UserId);
        AssertSame(parsed, "response_url", form.ResponseUrl);
        AssertSame(parsed, "payload", form.Payload);
    }

    [Fact]
    public void InvalidUtf8IsReadAsGetStringReadsIt()
    {
        byte[] body = [.. "command=%2Fask&text=a"u8, 0xC3, 0x28, 0xFF, .. "b"u8];
        var form = SlackForm.Parse(body);
        var parsed = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        AssertSame(parsed, "text", form.Text);
    }

    private static void AssertSame(Dictionary<string, StringValues> parsed, string name, StringValues read)
    {
        var expected = parsed.GetValueOrDefault(name);
        Assert.Equal(expected.ToString(), read.ToString());
        Assert.Equal(StringValues.IsNullOrEmpty(expected), StringValues.IsNullOrEmpty(read));
        Assert.Equal(expected.Count, read.Count);
    }

    private static void AssertSameBytes(Answer answer, string asked)
    {
        var tree = SlackJson.ToText(SlackBot.ToResponse(answer, asked));
        Assert.Equal(tree, Write(SlackCommandReply.Answered(answer, asked).WriteTo));
        // Again, from the rendered bytes kept, and for an answer equal in content but made afresh.
        Assert.Equal(tree, Write(SlackCommandReply.Answered(answer, asked).WriteTo));
        Assert.Equal(tree, Write(SlackCommandReply.Answered(Copy(answer), asked).WriteTo));
        Assert.Equal(tree, SlackJson.ToText(SlackCommandReply.Answered(answer, asked).ToJson()));
        var plain = SlackJson.ToText(SlackBlockKit.Render(answer));
        Assert.Equal(plain, Write(writer => SlackBlockKit.WriteMessage(writer, answer, null, null)));
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, SlackJson.WriterOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
