using System.Text;
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
        var blocks = new JsonArray();
        var budget = MaxTotalChars;

        var title = EscapedWithin(answer.Title.ReplaceLineEndings(" ").Trim(), MaxHeaderChars);
        if (title.Length > 0)
        {
            // plain_text is not parsed for mentions, but escaping keeps one rule for all engine text.
            blocks.Add(new JsonObject
            {
                ["type"] = "header",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = title, ["emoji"] = true },
            });
            budget -= title.Length;
        }

        var context = ContextElements(answer);
        // One block stays free for the "shortened" note.
        var actions = buttons is { Count: > 0 } ? Actions(buttons) : null;
        var room = MaxBlocks - blocks.Count - (context.Count > 0 ? 1 : 0) - (actions is null ? 0 : 1) - 1;
        var shortened = false;
        foreach (var section in Sections(answer.Body))
        {
            if (room == 0 || section.Length > budget)
            {
                shortened = true;
                break;
            }

            blocks.Add(Section(section));
            budget -= section.Length;
            room--;
        }

        if (shortened)
        {
            blocks.Add(Section("_(The rest of this answer was too long for one message.)_"));
        }

        if (context.Count > 0)
        {
            blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray([.. context]) });
        }

        if (actions is not null)
        {
            blocks.Add(actions);
        }

        var fallback = EscapedWithin(Shorten(PlainTextRenderer.Render(answer, includeSources: false), MaxFallbackChars), MaxFallbackChars);
        var message = new JsonObject
        {
            // Slack needs text or blocks; an empty answer still says something.
            ["text"] = string.IsNullOrWhiteSpace(fallback) ? "…" : fallback,
        };
        if (blocks.Count > 0)
        {
            message["blocks"] = blocks;
        }

        return message;
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

    private static List<JsonNode> ContextElements(Answer answer)
    {
        var elements = new List<JsonNode>();
        foreach (var source in answer.Sources.Take(MaxContextElements - 1))
        {
            // A quote the body already shows (as a quote block) is not repeated under it: the sentence number is enough.
            var quote = answer.QuotesInBody(source.Quote) ? "" : Shorten(source.Quote.ReplaceLineEndings(" "), 280);
            elements.Add(Mrkdwn($"Source: article sentence {source.Sentence}" + (quote.Length > 0 ? $" — “{Escape(quote)}”" : "")));
        }

        if (answer.Suggestions.Count > 0 && !answer.SuggestsInBody)
        {
            var tries = string.Join(" · ", answer.Suggestions.Take(10).Select(s => "`" + Escape(Shorten(s.Replace("`", "'", StringComparison.Ordinal), 100)) + "`"));
            elements.Add(Mrkdwn("Try: " + tries));
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
