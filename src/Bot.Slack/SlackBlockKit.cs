using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Engine.Answers;

namespace Bot.Slack;

/// <summary>Renders the engine's plain answer as a Slack message (Block Kit plus a `text` fallback).</summary>
public static class SlackBlockKit
{
    public const int MaxBlocks = 50;
    public const int MaxHeaderChars = 150;
    public const int MaxSectionChars = 3000;
    public const int MaxContextElements = 10;

    /// <summary>Slack's limit on all block text together is undocumented (~12k); stay well below it.</summary>
    public const int MaxTotalChars = 10_000;

    /// <summary>Notifications and screen readers use `text`; Slack truncates far above this.</summary>
    public const int MaxFallbackChars = 3000;

    /// <summary>Slack's only control characters in text: &amp; first, then &lt; and &gt;. Nothing else is encoded.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Incoming message text arrives escaped; the engine wants what the user typed.</summary>
    public static string Unescape(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal)
            .Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal);

    /// <summary>The message body shared by slash-command responses and chat.postMessage: `text` and `blocks`.</summary>
    /// <param name="buttons">From <see cref="AnswerActions.For"/>: an `actions` block under the answer (Source, Share, 👍, 👎).</param>
    public static JsonObject Render(Answer answer, IReadOnlyList<AnswerButton>? buttons = null)
    {
        var layout = Lay(answer, buttons);
        var message = new JsonObject { ["text"] = layout.Text };
        if (!layout.HasBlocks)
        {
            return message;
        }

        var blocks = new JsonArray();
        if (layout.Title.Length > 0)
        {
            // plain_text is not parsed for mentions, but escaping keeps one rule for all engine text.
            blocks.Add((JsonNode)new JsonObject
            {
                ["type"] = "header",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = layout.Title, ["emoji"] = true },
            });
        }

        foreach (var section in layout.Sections)
        {
            blocks.Add((JsonNode)Section(section));
        }

        if (layout.Context.Count > 0)
        {
            blocks.Add((JsonNode)new JsonObject { ["type"] = "context", ["elements"] = new JsonArray([.. layout.Context.Select(text => (JsonNode)Mrkdwn(text))]) });
        }

        if (layout.Buttons is { Count: > 0 } shown)
        {
            blocks.Add((JsonNode)Actions(shown));
        }

        message["blocks"] = blocks;
        return message;
    }

    /// <summary>
    /// Writes the object <see cref="Render"/> makes, byte for byte (<see cref="SlackJson.WriterOptions"/>), straight to
    /// <paramref name="writer"/>, then <paramref name="responseType"/> as `response_type` when given: what
    /// <c>Render(...)["response_type"] = responseType</c> would write, without the tree.
    /// </summary>
    public static void WriteMessage(Utf8JsonWriter writer, Answer answer, IReadOnlyList<AnswerButton>? buttons, string? responseType)
    {
        var layout = Lay(answer, buttons);
        writer.WriteStartObject();
        writer.WriteString(TextName, layout.Text);
        if (layout.HasBlocks)
        {
            writer.WriteStartArray(BlocksName);
            if (layout.Title.Length > 0)
            {
                writer.WriteStartObject();
                writer.WriteString(TypeName, HeaderValue);
                WriteText(writer, PlainTextValue, layout.Title, emoji: true);
                writer.WriteEndObject();
            }

            foreach (var section in layout.Sections)
            {
                writer.WriteStartObject();
                writer.WriteString(TypeName, SectionValue);
                WriteText(writer, MrkdwnValue, section, emoji: false);
                writer.WriteEndObject();
            }

            if (layout.Context.Count > 0)
            {
                writer.WriteStartObject();
                writer.WriteString(TypeName, ContextValue);
                writer.WriteStartArray(ElementsName);
                foreach (var text in layout.Context)
                {
                    writer.WriteStartObject();
                    writer.WriteString(TypeName, MrkdwnValue);
                    writer.WriteString(TextName, text);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            if (layout.Buttons is { Count: > 0 } shown)
            {
                writer.WriteStartObject();
                writer.WriteString(TypeName, ActionsValue);
                writer.WriteStartArray(ElementsName);
                foreach (var button in shown)
                {
                    writer.WriteStartObject();
                    writer.WriteString(TypeName, ButtonValue);
                    writer.WriteString(ActionIdName, ActionId(button.Action));
                    WriteText(writer, PlainTextValue, button.Label, emoji: true);
                    writer.WriteString(ValueName, button.Id);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (responseType is not null)
        {
            writer.WriteString(ResponseTypeName, responseType);
        }

        writer.WriteEndObject();
    }

    /// <summary>{"type": type, "text": text[, "emoji": true]} as the value of "text".</summary>
    private static void WriteText(Utf8JsonWriter writer, JsonEncodedText type, string text, bool emoji)
    {
        writer.WriteStartObject(TextName);
        writer.WriteString(TypeName, type);
        writer.WriteString(TextName, text);
        if (emoji)
        {
            writer.WriteBoolean(EmojiName, true);
        }

        writer.WriteEndObject();
    }

    private static readonly JsonEncodedText TextName = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText BlocksName = JsonEncodedText.Encode("blocks");
    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText EmojiName = JsonEncodedText.Encode("emoji");
    private static readonly JsonEncodedText ElementsName = JsonEncodedText.Encode("elements");
    private static readonly JsonEncodedText ActionIdName = JsonEncodedText.Encode("action_id");
    private static readonly JsonEncodedText ValueName = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText ResponseTypeName = JsonEncodedText.Encode("response_type");
    private static readonly JsonEncodedText HeaderValue = JsonEncodedText.Encode("header");
    private static readonly JsonEncodedText PlainTextValue = JsonEncodedText.Encode("plain_text");
    private static readonly JsonEncodedText SectionValue = JsonEncodedText.Encode("section");
    private static readonly JsonEncodedText MrkdwnValue = JsonEncodedText.Encode("mrkdwn");
    private static readonly JsonEncodedText ContextValue = JsonEncodedText.Encode("context");
    private static readonly JsonEncodedText ActionsValue = JsonEncodedText.Encode("actions");
    private static readonly JsonEncodedText ButtonValue = JsonEncodedText.Encode("button");

    /// <summary>What a message shows, decided once for both <see cref="Render"/> and <see cref="WriteMessage"/>.</summary>
    /// <param name="Sections">The mrkdwn texts of the section blocks, the "shortened" note included.</param>
    /// <param name="Context">The mrkdwn texts of the context block's elements (no block when empty).</param>
    private readonly record struct Layout(string Text, string Title, List<string> Sections, List<string> Context, IReadOnlyList<AnswerButton>? Buttons)
    {
        public bool HasBlocks => Title.Length > 0 || Sections.Count > 0 || Context.Count > 0 || Buttons is { Count: > 0 };
    }

    private static Layout Lay(Answer answer, IReadOnlyList<AnswerButton>? buttons)
    {
        var budget = MaxTotalChars;
        var title = EscapedWithin(answer.Title.ReplaceLineEndings(" ").Trim(), MaxHeaderChars);
        budget -= title.Length;

        var context = ContextElements(answer);
        var hasActions = buttons is { Count: > 0 };
        // One block stays free for the "shortened" note.
        var room = MaxBlocks - (title.Length > 0 ? 1 : 0) - (context.Count > 0 ? 1 : 0) - (hasActions ? 1 : 0) - 1;
        var sections = new List<string>();
        var shortened = false;
        foreach (var section in Sections(answer.Body))
        {
            if (room == 0 || section.Length > budget)
            {
                shortened = true;
                break;
            }

            sections.Add(section);
            budget -= section.Length;
            room--;
        }

        if (shortened)
        {
            sections.Add("_(The rest of this answer was too long for one message.)_");
        }

        var fallback = EscapedWithin(Shorten(PlainTextRenderer.Render(answer, includeSources: false), MaxFallbackChars), MaxFallbackChars);
        // Slack needs text or blocks; an empty answer still says something.
        return new Layout(string.IsNullOrWhiteSpace(fallback) ? "…" : fallback, title, sections, context, hasActions ? buttons : null);
    }

    /// <summary>The action_id of each button: what Slack shows in logs; the button's value carries the state.</summary>
    public static string ActionId(AnswerAction action) => action switch
    {
        AnswerAction.Source => "factbot_source",
        AnswerAction.Share => "factbot_share",
        AnswerAction.Helpful => "factbot_helpful",
        _ => "factbot_not_helpful",
    };

    /// <summary>An `actions` block: one button per <see cref="AnswerButton"/>, its id (state included) as the value.</summary>
    public static JsonObject Actions(IReadOnlyList<AnswerButton> buttons) => new()
    {
        ["type"] = "actions",
        ["elements"] = new JsonArray([.. buttons.Select(b => (JsonNode)new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = ActionId(b.Action),
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = b.Label, ["emoji"] = true },
            ["value"] = b.Id,
        })]),
    };

    private static JsonObject Section(string mrkdwn) => new()
    {
        ["type"] = "section",
        ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = mrkdwn },
    };

    /// <summary>One mrkdwn text per answer block, each split so no section exceeds Slack's 3000 characters.</summary>
    private static IEnumerable<string> Sections(IEnumerable<AnswerBlock> body)
    {
        foreach (var block in body)
        {
            // Slack refuses a section whose text is empty or blank (invalid_blocks).
            var lines = block.Lines.Where(l => !string.IsNullOrWhiteSpace(l)).Select(line => block.Style switch
            {
                BlockStyle.Bullets => "• " + Escape(line),
                // The quote marker is our markup, so it stays a raw '>'; every quoted line needs its own.
                BlockStyle.Quote => string.Join('\n', line.Split('\n').Select(l => ">" + Escape(l))),
                _ => Escape(line),
            });
            foreach (var chunk in Chunk(lines, MaxSectionChars))
            {
                yield return chunk;
            }
        }
    }

    /// <summary>Packs lines into chunks of at most <paramref name="max"/> chars, breaking over-long lines without cutting an entity.</summary>
    internal static IEnumerable<string> Chunk(IEnumerable<string> lines, int max)
    {
        var current = new StringBuilder();
        foreach (var whole in lines)
        {
            var line = whole;
            while (line.Length > max)
            {
                if (current.Length > 0)
                {
                    yield return current.ToString();
                    current.Clear();
                }

                var cut = SafeCut(line, max);
                yield return line[..cut];
                line = line[cut..];
            }

            if (current.Length > 0 && current.Length + 1 + line.Length > max)
            {
                yield return current.ToString();
                current.Clear();
            }

            if (current.Length > 0)
            {
                current.Append('\n');
            }

            current.Append(line);
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    /// <summary>A cut at or before <paramref name="max"/> that does not split "&amp;amp;", "&amp;lt;" or "&amp;gt;".</summary>
    private static int SafeCut(string text, int max)
    {
        var amp = text.LastIndexOf('&', max - 1, Math.Min(5, max));
        return amp > 0 && text.IndexOf(';', amp) >= max ? amp : max;
    }

    private static List<string> ContextElements(Answer answer)
    {
        var elements = new List<string>();
        foreach (var source in answer.Sources.Take(MaxContextElements - 1))
        {
            // A quote the body already shows (as a quote block) is not repeated under it: the sentence number is enough.
            var quote = answer.QuotesInBody(source.Quote) ? "" : Shorten(source.Quote.ReplaceLineEndings(" "), 280);
            elements.Add($"Source: article sentence {source.Sentence}" + (quote.Length > 0 ? $" — “{Escape(quote)}”" : ""));
        }

        if (answer.Suggestions.Count > 0 && !answer.SuggestsInBody)
        {
            var tries = string.Join(" · ", answer.Suggestions.Take(10).Select(s => "`" + Escape(Shorten(s.Replace("`", "'", StringComparison.Ordinal), 100)) + "`"));
            elements.Add("Try: " + tries);
        }

        return elements;
    }

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    /// <summary>Escaped text that is at most <paramref name="max"/> chars long after escaping.</summary>
    private static string EscapedWithin(string text, int max)
    {
        var escaped = Escape(text);
        while (escaped.Length > max)
        {
            text = Shorten(text, Math.Max(2, text.Length - (escaped.Length - max)));
            escaped = Escape(text);
        }

        return escaped;
    }

    private static string Shorten(string text, int max) =>
        text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
}
