using System.Buffers;
using System.Text;
using System.Text.Json;
using Bot.Engine;
using Bot.Engine.Answers;
using Bot.Engine.Commands;

namespace Bot.Discord.Tests;

/// <summary>
/// The HTTP endpoint writes answers straight to the response (<see cref="EmbedRenderer.WriteMessage"/>); the Gateway,
/// clicks and edits build JSON trees (<see cref="EmbedRenderer.Render"/>). Both must give the same bytes.
/// </summary>
public class WireWriterTests
{
    private static readonly Lazy<AnswerEngine> Engine = new(() => AnswerEngine.Load(Path.Combine(AppContext.BaseDirectory, "responses")));

    public static TheoryData<string> Asked() =>
    [
        "/who-left", "/help", "/reaction corbyn", "/reaction corbyyn", "/reaction nobody-at-all", "/timeline", "/why", "/ask why did they leave?",
        "/ask what's the capital of France?", "/ask @everyone who left?", "/unknown-command", "",
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
            // The case the harness measures: an embed, and buttons to write.
            var written = Write(writer => EmbedRenderer.WriteMessage(writer, answer, asked));
            Assert.Contains("\"embeds\":[{\"color\"", written);
            Assert.Contains("\"components\":[{\"type\":1,\"components\":[{\"type\":2", written);
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
    public void AnAnswerWrittenBeforeIsCopiedRightForEachRequestText()
    {
        // Composed once from the fact set: the same instance for every asker.
        var answer = Engine.Value.Answer(BotRequest.Parse("/who-left"));
        Assert.Same(answer, Engine.Value.Answer(BotRequest.Parse("/who-left")));

        // The request travels in the 👍/👎 ids: each text gets its own bytes, and a repeat the same bytes again.
        foreach (var asked in new[] { "/who-left", "/who-left", "/who-left is berger one", "/who-left" })
        {
            AssertSameBytes(answer, asked);
        }

        Assert.NotEqual(
            Write(writer => EmbedRenderer.WriteMessage(writer, answer, "/who-left")),
            Write(writer => EmbedRenderer.WriteMessage(writer, answer, "/who-left is berger one")));
    }

    [Fact]
    public void HugeEscapedAndErrorAnswersAreWrittenAsTheTreeSaysThem()
    {
        var huge = new Answer(
            AnswerKind.Fact,
            new string('T', 3000) + " <@1> **b** @everyone “quoted” ’ • é 😀",
            [AnswerBlock.Bullets(Enumerable.Range(0, 200).Select(i => $"line {i} " + new string('x', 200))), AnswerBlock.Quote(new string('q', 3000)), AnswerBlock.Paragraph("1. list", "# h", "> q")],
            Enumerable.Range(1, 100).Select(i => new SourceRef(i, new string('s', 100))).ToList(),
            Enumerable.Range(1, 100).Select(i => "/reaction someone" + i).ToList());
        AssertSameBytes(huge, "/reaction " + new string('z', 300));
        AssertSameBytes(InteractionHandler.Problem("Sorry, something went wrong."), "/who-left");
        AssertSameBytes(new Answer(AnswerKind.NotFound, "", [], [], []), "");
        AssertSameBytes(new Answer(AnswerKind.Help, "Help", [AnswerBlock.Paragraph("a")], [], ["/who-left", "/why"]), "/help @here");
    }

    [Fact]
    public void RepliesMadeAsTreesAreWrittenAsThemselves()
    {
        var reply = new InteractionReply(new System.Text.Json.Nodes.JsonObject { ["type"] = 5, ["data"] = new System.Text.Json.Nodes.JsonObject { ["flags"] = 64 } });
        Assert.Equal(reply.ToJson().ToJsonString(), Write(reply.WriteTo));
        Assert.Equal(5, reply.Type);
        Assert.Equal("{\"type\":1}", Write(InteractionReply.Pong.WriteTo));
        Assert.Equal("{\"type\":1}", InteractionReply.Pong.ToJson().ToJsonString());
    }

    private static void AssertSameBytes(Answer answer, string asked)
    {
        var tree = EmbedRenderer.WithButtons(EmbedRenderer.Render(answer), answer, asked).ToJsonString();
        Assert.Equal(tree, Write(writer => EmbedRenderer.WriteMessage(writer, answer, asked)));

        var reply = InteractionReply.Answered(answer, asked);
        Assert.Equal(reply.ToJson().ToJsonString(), Write(reply.WriteTo));
        Assert.Equal(InteractionHandler.ChannelMessage, reply.Type);
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
