using System.Text.Json;
using Bot.Engine;
using Bot.TestSupport;

namespace Bot.Host.Tests;

/// <summary>Which conversation keys `ask --jsonl` and the console chat give the engine.</summary>
public class ConversationKeyTests
{
    private static (int Exit, List<JsonElement> Lines) AskJsonLines(RecordingEngine engine, string input)
    {
        using var output = new StringWriter();
        var exit = AskCommand.Run(["--jsonl"], engine, new StringReader(input), output, TextWriter.Null);
        return (exit, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList());
    }

    [Fact]
    public void Ask_jsonl_lines_with_the_same_thread_share_a_key_and_lines_without_one_have_none()
    {
        var engine = new RecordingEngine();
        var (exit, lines) = AskJsonLines(engine, """
            {"text": "what did corbyn say", "thread": "t1"}
            {"text": "and khan?", "thread": "t1"}
            {"text": "and khan?", "thread": "t2"}
            {"text": "and khan?"}
            {"text": "/who-left", "thread": null}
            {"text": "/reaction unison", "thread": "t1"}
            """);

        Assert.Equal(0, exit);
        Assert.Equal(6, lines.Count);
        Assert.Equal(["ask:t1", "ask:t1", "ask:t2", null, null, "ask:t1"], engine.Requests.Select(r => r.Conversation));
        Assert.Equal("/reaction unison", lines[5].GetProperty("text").GetString());
        Assert.Contains("long and hard look", lines[5].GetProperty("answer").GetString());
    }

    [Fact]
    public void Ask_jsonl_refuses_a_thread_that_is_not_a_string_without_asking()
    {
        var engine = new RecordingEngine();
        var (exit, lines) = AskJsonLines(engine, "{\"text\": \"who left?\", \"thread\": 7}\n{\"text\": \"/summary\", \"thread\": \"t\"}\n");

        Assert.Equal(1, exit);
        Assert.Equal("who left?", lines[0].GetProperty("text").GetString());
        Assert.Equal("error: \"thread\" must be a string", lines[0].GetProperty("answer").GetString());
        Assert.Equal(["ask:t"], engine.Requests.Select(r => r.Conversation));
    }

    [Fact]
    public async Task Ask_jsonl_with_threads_still_writes_one_json_line_per_input_and_nothing_else()
    {
        var input = """
            {"text": "what did corbyn say", "thread": "pt02"}
            {"text": "and khan?", "thread": "pt02"}
            {"text": "/who-left"}
            """;

        var result = await BotProcess.RunAsync(input + "\n", null, "ask", "--jsonl");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["what did corbyn say", "and khan?", "/who-left"], lines.Select(l => l.GetProperty("text").GetString()));
        Assert.Contains("disappoint", lines[0].GetProperty("answer").GetString());
        Assert.Contains("Shuker", lines[2].GetProperty("answer").GetString());
    }

    [Fact]
    public void Ask_jsonl_explain_puts_each_retrieval_of_a_thread_on_stderr_and_leaves_the_answers_as_they_are()
    {
        var input = """
            {"text": "is anyone pushing for another brexit vote", "thread": "t"}
            {"text": "when is it happening", "thread": "t"}
            """;
        var engine = AnswerEngine.Load(Path.Combine(AppContext.BaseDirectory, "responses"));
        using var plain = new StringWriter();
        AskCommand.Run(["--jsonl"], engine, new StringReader(input), plain, TextWriter.Null);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = AskCommand.Run(["--jsonl", "--explain"], AnswerEngine.Load(Path.Combine(AppContext.BaseDirectory, "responses")), new StringReader(input), output, error);

        Assert.Equal(0, exit);
        Assert.Equal(plain.ToString(), output.ToString());
        var explained = error.ToString();
        Assert.Contains("line 2: when is it happening", explained);
        Assert.Contains("retrieval: \"when is it happening\" + context \"is anyone pushing for another brexit vote\"", explained);
    }

    [Fact]
    public async Task Console_chat_is_one_conversation_per_session()
    {
        var engine = new RecordingEngine();
        await ConsoleChat.RunAsync(engine, new StringReader("what did corbyn say?\nand unison?\n/who-left\n"), TextWriter.Null, CancellationToken.None);
        await ConsoleChat.RunAsync(engine, new StringReader("and unison?\n"), TextWriter.Null, CancellationToken.None);

        var keys = engine.Requests.Select(r => r.Conversation).ToList();
        Assert.Equal(4, keys.Count);
        Assert.StartsWith("console:", keys[0]);
        Assert.Equal([keys[0], keys[0]], keys[1..3]);
        Assert.StartsWith("console:", keys[3]);
        Assert.NotEqual(keys[0], keys[3]);
    }
}
