using System.Text;
using System.Text.Json;
using Bot.Engine;
using Bot.Engine.Answers;
using Bot.Engine.Commands;

namespace Bot.Host;

/// <summary>`ask "&lt;text&gt;"` and `ask --jsonl`: answers on stdout, nothing else there.</summary>
public static class AskCommand
{
    /// <summary>`ask --jsonl` lines with a "thread" share the conversation "ask:" + thread; the prefix keeps them apart from Slack's and Discord's.</summary>
    public const string ThreadPrefix = "ask:";

    public static string? ConversationKey(string? thread) => thread is null ? null : ThreadPrefix + thread;

    /// <summary>The engine's answer to one `ask --jsonl` line (and one `eval` case): "/cmd arg" is a command, anything else a mention.</summary>
    public static Answer Answer(IAnswerEngine engine, string text, string? thread) => engine.Answer(BotRequest.Parse(text, ConversationKey(thread)));

    public static int RunFromCommandLine(string[] args)
    {
        try
        {
            // A single slash command reads no question, so it skips english.json (a third of a cold start).
            var commandOnly = args is not (["--jsonl", ..] or ["--explain", ..]) && Text(args).TrimStart().StartsWith('/');
            var content = BotConfiguration.Content(args);
            return Run(args, commandOnly ? content.LoadEngineForCommands() : content.LoadEngine(), Console.In, Console.Out, Console.Error);
        }
        catch (Exception ex) when (ex is FactSetException or ConfigurationException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 3;
        }
    }

    public static int Run(string[] args, IAnswerEngine engine, TextReader input, TextWriter output, TextWriter error)
    {
        if (args is ["--jsonl"] or ["--jsonl", "--explain"])
        {
            // With --explain, each answer's retrievals go to stderr (the conversation included: threads are where it helps).
            var explaining = args.Length == 2 ? engine as AnswerEngine : null;
            return RunJsonLines(engine, input, output, error, explaining);
        }

        if (args is ["--explain", .. var rest] && engine is AnswerEngine explained)
        {
            foreach (var line in explained.Explain(string.Join(' ', rest)))
            {
                error.WriteLine(line);
            }

            args = rest;
        }

        var text = Text(args);
        if (text.Length == 0)
        {
            error.WriteLine("usage: ask \"<text>\"   or   ask --jsonl  (JSON lines {\"text\": ..., \"thread\": ...} on stdin; \"thread\" optional)");
            return 2;
        }

        output.WriteLine(PlainTextRenderer.Render(engine.Answer(BotRequest.Parse(text))));
        return 0;
    }

    /// <summary>The text asked: the arguments other than `--Key=value` settings.</summary>
    private static string Text(string[] args) => string.Join(' ', args.Where(a => !(a.StartsWith("--", StringComparison.Ordinal) && a.Contains('='))));

    private static int RunJsonLines(IAnswerEngine engine, TextReader input, TextWriter output, TextWriter error, AnswerEngine? explained)
    {
        var lineNumber = 0;
        var failures = 0;
        while (input.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string? text = null;
            string answer;
            var answered = false;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                text = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String
                    ? t.GetString()
                    : null;
                // "thread" is optional: lines with the same one share a conversation; absent or null, a line is answered on its own.
                var thread = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("thread", out var th) ? th : default;
                if (text is null)
                {
                    answer = "error: expected an object with a string \"text\"";
                }
                else if (thread.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.String))
                {
                    answer = "error: \"thread\" must be a string";
                }
                else
                {
                    var conversation = ConversationKey(thread.ValueKind == JsonValueKind.String ? thread.GetString() : null);
                    var request = BotRequest.Parse(text, conversation);
                    if (explained is not null)
                    {
                        error.WriteLine($"line {lineNumber}: {text}");
                    }

                    answer = PlainTextRenderer.Render(explained is null ? engine.Answer(request) : explained.AnswerExplained(request, error.WriteLine));
                    answered = true;
                }
            }
            catch (JsonException ex)
            {
                answer = "error: not valid JSON";
                error.WriteLine($"line {lineNumber}: {ex.Message}");
            }

            if (!answered)
            {
                failures++;
            }

            output.WriteLine(ToJsonLine(text, answer));
        }

        output.Flush();
        return failures == 0 ? 0 : 1;
    }

    private static string ToJsonLine(string? text, string answer)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (text is null)
            {
                writer.WriteNull("text");
            }
            else
            {
                writer.WriteString("text", text);
            }

            writer.WriteString("answer", answer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
