using System.Net;
using System.Text.Json.Nodes;
using Bot.Engine;
using Bot.Engine.Answers;
using Bot.Engine.Commands;

namespace Bot.Slack.Tests;

public class SlowAnswerTests
{
    /// <summary>An engine that answers only when the test opens the gate (a seam with no wire, so no fake server).</summary>
    private sealed class GatedEngine : IAnswerEngine
    {
        public ManualResetEventSlim Gate { get; } = new(false);

        public Answer Answer(BotRequest request)
        {
            Gate.Wait(TestHost.Timeout);
            return new Answer(AnswerKind.Fact, "Late answer", [AnswerBlock.Paragraph("It took a while.")], [], []);
        }

        public IReadOnlyList<Choice> Complete(string command, string option, string prefix) => [];

        public ArticleOverview Overview { get; } = new("A test article", []);

        public Answer Passages(IReadOnlyList<int> sentences) => new(AnswerKind.Fact, "From the article", [], [], []);
    }

    [Fact]
    public async Task Slow_answer_is_acked_in_time_and_sent_to_response_url()
    {
        await using var fake = await FakeSlack.StartAsync();
        var engine = new GatedEngine();
        await using var host = await TestHost.StartAsync(fake, socketMode: false, httpMode: true, engine: engine);

        var form = Payloads.CommandForm("/ask", "why?").Replace(
            "response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F", "response_url=" + Uri.EscapeDataString(fake.Root + "/hooks/commands/"), StringComparison.Ordinal);
        using var response = await host.PostSignedAsync(form, "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ack = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ephemeral", ack["response_type"]!.GetValue<string>());
        Assert.False(fake.ResponseUrlPosts.Reader.TryRead(out _));

        engine.Gate.Set();
        var followUp = await TestHost.Within(fake.ResponseUrlPosts.Reader.ReadAsync().AsTask());
        Assert.Equal("in_channel", followUp["response_type"]!.GetValue<string>());
        Assert.Equal("Late answer", followUp["blocks"]![0]!["text"]!["text"]!.GetValue<string>());
        Assert.False(followUp["replace_original"]!.GetValue<bool>());
    }
}
