using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Engine.Answers;

namespace Bot.Discord;

/// <summary>Turns the engine's answer into a Discord message body (content + one embed), within Discord's limits.</summary>
public static class EmbedRenderer
{
    public const int ContentMax = 2000;
    public const int TitleMax = 256;
    public const int DescriptionMax = 4096;
    public const int FieldsMax = 25;
    public const int FieldNameMax = 256;
    public const int FieldValueMax = 1024;
    public const int EmbedTotalMax = 6000;
    public const int EphemeralFlag = 64;

    /// <summary>A message body with content and an embed; errors and private answers are ephemeral when <paramref name="allowEphemeral"/>.</summary>
    public static JsonObject Render(Answer answer, bool allowEphemeral = true)
    {
        var message = new JsonObject
        {
            ["content"] = Truncate(Escape(answer.Title), ContentMax),
            // The title is the content (what notifications show), so the embed does not repeat it.
            ["embeds"] = new JsonArray(RenderEmbed(answer, withTitle: false)),
            ["allowed_mentions"] = NoMentions(),
        };
        if (allowEphemeral && IsEphemeral(answer))
        {
            message["flags"] = EphemeralFlag;
        }

        return message;
    }

    /// <summary>Content only: for when an embed is refused, or embeds are unwanted.</summary>
    public static JsonObject RenderPlain(Answer answer, bool allowEphemeral = true)
    {
        var message = new JsonObject
        {
            ["content"] = Truncate(Escape(PlainTextRenderer.Render(answer)), ContentMax),
            ["allowed_mentions"] = NoMentions(),
        };
        if (allowEphemeral && IsEphemeral(answer))
        {
            message["flags"] = EphemeralFlag;
        }

        return message;
    }

    /// <summary>Discord: at most 5 buttons in an action row, and 5 rows in a message.</summary>
    public const int ButtonsPerRow = 5;

    /// <inheritdoc cref="ButtonsPerRow"/>
    public const int RowsMax = 5;

    /// <summary>Component types and button styles of Discord's message components.</summary>
    public const int ActionRow = 1;

    /// <inheritdoc cref="ActionRow"/>
    public const int Button = 2;

    /// <inheritdoc cref="ActionRow"/>
    public const int Primary = 1;

    /// <inheritdoc cref="ActionRow"/>
    public const int Secondary = 2;

    /// <summary>
    /// Adds the answer's buttons (Source, Share, 👍, 👎; from <see cref="AnswerActions"/>, the codec both platforms share)
    /// as message components. <paramref name="request"/> is what was asked: it travels in the buttons' custom ids.
    /// </summary>
    public static JsonObject WithButtons(JsonObject message, Answer answer, string request)
    {
        var buttons = ButtonsFor(answer, request);
        if (buttons.Count > 0)
        {
            message["components"] = Components(buttons);
        }

        return message;
    }

    private static IReadOnlyList<AnswerButton> ButtonsFor(Answer answer, string request)
    {
        // A custom_id is never shown, but it is echoed in payloads and logs: no "@everyone" in it either.
        var safe = request.Replace("@everyone", "@\u200Beveryone", StringComparison.OrdinalIgnoreCase).Replace("@here", "@\u200Bhere", StringComparison.OrdinalIgnoreCase);
        return AnswerActions.For(answer, safe, AnswerActions.DiscordIdLimit);
    }

    /// <summary>
    /// Writes what <c>WithButtons(Render(answer), answer, request)</c> makes, byte for byte, straight to
    /// <paramref name="writer"/>: the HTTP interactions endpoint answers this way, with no JSON tree in between.
    /// </summary>
    public static void WriteMessage(Utf8JsonWriter writer, Answer answer, string request)
    {
        if (!Rendered.TryGet(request, answer, out var json))
        {
            var buffer = new ArrayBufferWriter<byte>(2048);
            using (var own = new Utf8JsonWriter(buffer, writer.Options))
            {
                WriteMessageCore(own, answer, request);
            }

            json = buffer.WrittenSpan.ToArray();
            Rendered.Keep(request, answer, json);
        }

        writer.WriteRawValue(json, skipInputValidation: true);
    }

    // The engine answers a command afresh each time, but mostly with the same content: such an answer is written from
    // the bytes of the first.
    private static readonly RenderedAnswers Rendered = new();

    private static void WriteMessageCore(Utf8JsonWriter writer, Answer answer, string request)
    {
        writer.WriteStartObject();
        writer.WriteString(Names.Content, Truncate(Escape(answer.Title), ContentMax));
        writer.WriteStartArray(Names.Embeds);
        WriteEmbed(writer, answer, withTitle: false);
        writer.WriteEndArray();
        writer.WriteStartObject(Names.AllowedMentions);
        writer.WriteStartArray(Names.Parse);
        writer.WriteEndArray();
        writer.WriteEndObject();
        if (IsEphemeral(answer))
        {
            writer.WriteNumber(Names.Flags, EphemeralFlag);
        }

        var buttons = ButtonsFor(answer, request);
        if (buttons.Count > 0)
        {
            writer.WriteStartArray(Names.Components);
            var rows = 0;
            for (var start = 0; start < buttons.Count && rows < RowsMax; start += ButtonsPerRow, rows++)
            {
                writer.WriteStartObject();
                writer.WriteNumber(Names.Type, ActionRow);
                writer.WriteStartArray(Names.Components);
                for (var i = start; i < Math.Min(buttons.Count, start + ButtonsPerRow); i++)
                {
                    WriteButton(writer, buttons[i]);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteButton(Utf8JsonWriter writer, AnswerButton button)
    {
        writer.WriteStartObject();
        writer.WriteNumber(Names.Type, Button);
        writer.WriteNumber(Names.Style, button.Action == AnswerAction.Share ? Primary : Secondary);
        writer.WriteString(Names.CustomId, button.Id);
        if (button.Action is AnswerAction.Helpful or AnswerAction.NotHelpful)
        {
            writer.WriteStartObject(Names.Emoji);
            writer.WriteString(Names.Name, button.Label);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteString(Names.Label, Truncate(button.Label, 80));
        }

        writer.WriteEndObject();
    }

    private static void WriteEmbed(Utf8JsonWriter writer, Answer answer, bool withTitle)
    {
        var (title, fields, description) = EmbedParts(answer, withTitle);
        writer.WriteStartObject();
        writer.WriteNumber(Names.Color, Colour(answer.Kind));
        if (title.Length > 0)
        {
            writer.WriteString(Names.Title, title);
        }

        if (description.Length > 0)
        {
            writer.WriteString(Names.Description, description);
        }

        if (fields.Count > 0)
        {
            writer.WriteStartArray(Names.Fields);
            foreach (var (name, value) in fields)
            {
                writer.WriteStartObject();
                writer.WriteString(Names.Name, name);
                writer.WriteString(Names.Value, value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>Property names, encoded once.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText Content = JsonEncodedText.Encode("content");
        public static readonly JsonEncodedText Embeds = JsonEncodedText.Encode("embeds");
        public static readonly JsonEncodedText AllowedMentions = JsonEncodedText.Encode("allowed_mentions");
        public static readonly JsonEncodedText Parse = JsonEncodedText.Encode("parse");
        public static readonly JsonEncodedText Flags = JsonEncodedText.Encode("flags");
        public static readonly JsonEncodedText Components = JsonEncodedText.Encode("components");
        public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
        public static readonly JsonEncodedText Style = JsonEncodedText.Encode("style");
        public static readonly JsonEncodedText CustomId = JsonEncodedText.Encode("custom_id");
        public static readonly JsonEncodedText Emoji = JsonEncodedText.Encode("emoji");
        public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
        public static readonly JsonEncodedText Label = JsonEncodedText.Encode("label");
        public static readonly JsonEncodedText Color = JsonEncodedText.Encode("color");
        public static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
        public static readonly JsonEncodedText Description = JsonEncodedText.Encode("description");
        public static readonly JsonEncodedText Fields = JsonEncodedText.Encode("fields");
        public static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
    }

    /// <summary>Action rows (type 1) of buttons (type 2), five to a row: Share is primary, the rest secondary, 👍/👎 as emoji.</summary>
    public static JsonArray Components(IReadOnlyList<AnswerButton> buttons)
    {
        var rows = new JsonArray();
        foreach (var chunk in buttons.Chunk(ButtonsPerRow).Take(RowsMax))
        {
            rows.Add((JsonNode)new JsonObject
            {
                ["type"] = ActionRow,
                ["components"] = new JsonArray([.. chunk.Select(b => (JsonNode)RenderButton(b))]),
            });
        }

        return rows;
    }

    private static JsonObject RenderButton(AnswerButton button)
    {
        var json = new JsonObject
        {
            ["type"] = Button,
            ["style"] = button.Action == AnswerAction.Share ? Primary : Secondary,
            ["custom_id"] = button.Id,
        };
        if (button.Action is AnswerAction.Helpful or AnswerAction.NotHelpful)
        {
            json["emoji"] = new JsonObject { ["name"] = button.Label };
        }
        else
        {
            json["label"] = Truncate(button.Label, 80);
        }

        return json;
    }

    public static bool IsEphemeral(Answer answer) =>
        answer.Kind == AnswerKind.Error || answer.Visibility == AnswerVisibility.Private;

    /// <summary>Never ping anyone, whatever text the user typed (the default in channels parses everything).</summary>
    public static JsonObject NoMentions() => new() { ["parse"] = new JsonArray() };

    /// <param name="withTitle">False when the message's content already says the title (<see cref="Render"/>): said once.</param>
    public static JsonObject RenderEmbed(Answer answer, bool withTitle = true)
    {
        var (title, fields, description) = EmbedParts(answer, withTitle);
        var embed = new JsonObject { ["color"] = Colour(answer.Kind) };
        if (title.Length > 0)
        {
            embed["title"] = title;
        }

        if (description.Length > 0)
        {
            embed["description"] = description;
        }

        if (fields.Count > 0)
        {
            embed["fields"] = new JsonArray(fields.Select(f => (JsonNode)new JsonObject
            {
                ["name"] = f.Name,
                ["value"] = f.Value,
            }).ToArray());
        }

        return embed;
    }

    /// <summary>An embed's title, fields and description, within Discord's limits (one source for both ways of writing it).</summary>
    private static (string Title, List<(string Name, string Value)> Fields, string Description) EmbedParts(Answer answer, bool withTitle)
    {
        var title = withTitle ? Truncate(Escape(answer.Title), TitleMax) : "";
        var fields = new List<(string Name, string Value)>(2);
        if (answer.Sources.Count > 0)
        {
            // A quote the description already shows is not repeated in the Source field: the sentence number is enough.
            var sources = new StringBuilder();
            foreach (var source in answer.Sources)
            {
                if (sources.Length > 0)
                {
                    sources.Append('\n');
                }

                sources.Append("Sentence ").Append(source.Sentence);
                if (!answer.QuotesInBody(source.Quote))
                {
                    sources.Append(": “").Append(Escape(source.Quote)).Append('”');
                }
            }

            AddField(fields, "Source", Truncate(sources.ToString(), FieldValueMax));
        }

        if (answer.Suggestions.Count > 0 && !answer.SuggestsInBody)
        {
            var suggestions = new StringBuilder();
            for (var i = 0; i < answer.Suggestions.Count; i++)
            {
                suggestions.Append(i > 0 ? " · " : "").Append(Escape(answer.Suggestions[i]));
            }

            AddField(fields, "Try", Truncate(suggestions.ToString(), FieldValueMax));
        }

        var used = title.Length;
        foreach (var (name, value) in fields)
        {
            used += name.Length + value.Length;
        }

        var description = Truncate(Description(answer), Math.Min(DescriptionMax, Math.Max(0, EmbedTotalMax - used)));
        return (title, fields, description);
    }

    /// <summary>An empty field is left out; never more than Discord takes.</summary>
    private static void AddField(List<(string Name, string Value)> fields, string name, string value)
    {
        if (value.Length > 0 && fields.Count < FieldsMax)
        {
            fields.Add((name, value));
        }
    }

    private static string Description(Answer answer)
    {
        var text = new StringBuilder();
        foreach (var block in answer.Body)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            foreach (var line in block.Lines)
            {
                text.Append(block.Style switch
                {
                    BlockStyle.Bullets => "• ",
                    BlockStyle.Quote => "> ",
                    _ => "",
                }).Append(Escape(line)).Append('\n');
            }
        }

        while (text.Length > 0 && text[^1] == '\n')
        {
            text.Length--;
        }

        return text.ToString();
    }

    private static int Colour(AnswerKind kind) => kind switch
    {
        AnswerKind.Fact => 0x5865F2,
        AnswerKind.Help => 0x57F287,
        AnswerKind.NotFound => 0xFEE75C,
        _ => 0xED4245,
    };

    /// <summary>
    /// Makes plain text display as typed: markdown characters get a backslash (Discord shows escaped punctuation
    /// literally), and @everyone/@here get a zero-width space so they cannot even look like a ping.
    /// </summary>
    public static string Escape(string text)
    {
        // Most text needs nothing: it is returned as it is, and a copy is made only from the first character that does.
        StringBuilder? result = null;
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            // What the character becomes: itself (""), itself after a backslash (null), or the replacement given.
            string? replacement = c switch
            {
                '\\' or '*' or '_' or '~' or '`' or '|' or '<' or '[' or ']' => null,
                '>' or '#' or '-' when lineStart => null,
                '@' when Follows(text, i + 1, "everyone") || Follows(text, i + 1, "here") => "@\u200B",
                '.' when i > 0 && char.IsAsciiDigit(text[i - 1]) && LineIsNumber(text, i) => "\\.",
                _ => "",
            };
            if (replacement is null || replacement.Length > 0)
            {
                result ??= new StringBuilder(text.Length + 8).Append(text, 0, i);
                if (replacement is null)
                {
                    result.Append('\\').Append(c);
                }
                else
                {
                    result.Append(replacement);
                }
            }
            else
            {
                result?.Append(c);
            }

            if (c == '\n')
            {
                lineStart = true;
            }
            else if (!char.IsWhiteSpace(c))
            {
                lineStart = false;
            }
        }

        return result?.ToString() ?? text;
    }

    private static bool Follows(string text, int index, string word) =>
        string.Compare(text, index, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0;

    // "1. text" at a line start would become a numbered list.
    private static bool LineIsNumber(string text, int dot)
    {
        var start = dot;
        while (start > 0 && char.IsAsciiDigit(text[start - 1]))
        {
            start--;
        }

        while (start > 0 && text[start - 1] is ' ' or '\t')
        {
            start--;
        }

        return start == 0 || text[start - 1] == '\n';
    }

    public static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        if (max <= 1)
        {
            return max <= 0 ? "" : "…";
        }

        var cut = max - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        // Do not leave a dangling escape backslash before the ellipsis.
        if (cut > 0 && text[cut - 1] == '\\' && (cut < 2 || text[cut - 2] != '\\'))
        {
            cut--;
        }

        return text[..cut] + "…";
    }
}
