using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Engine.Answers;

namespace Bot.Slack;

/// <summary>
/// The answer to a slash command: either a JSON body made already (an ephemeral note) or the engine's answer, kept as
/// the answer until it is written, so the HTTP endpoint can write it straight to the response (<see cref="WriteTo"/>).
/// Both give the bytes of <see cref="ToJson"/> written with <see cref="SlackJson.WriterOptions"/>.
/// </summary>
public sealed class SlackCommandReply
{
    /// <summary>Rendered replies kept for reuse; the whole set is dropped when it is full (a flood of distinct questions).</summary>
    internal const int MaxRendered = 256;

    /// <summary>Only replies up to this size are kept (a few KiB in practice; Slack's own limits keep them small).</summary>
    internal const int MaxRenderedBytes = 16 * 1024;

    // What was asked → the answer given and its rendered bytes. The engine answers a command afresh each time, but mostly
    // with the same content; rendering it (buttons' ids, Block Kit sections, the fallback text) costs more than the
    // answer itself, so a reply equal in content to one rendered before is written from its bytes.
    private static readonly ConcurrentDictionary<string, Rendered> RenderedReplies = new(StringComparer.Ordinal);

    private readonly JsonObject? json;
    private readonly Answer? answer;
    private readonly string asked = "";

    private SlackCommandReply(JsonObject json) => this.json = json;

    private SlackCommandReply(Answer answer, string asked)
    {
        this.answer = answer;
        this.asked = asked;
    }

    /// <summary>A note only the caller sees: {"response_type":"ephemeral","text":...}.</summary>
    public static SlackCommandReply Ephemeral(string text) => new(new JsonObject { ["response_type"] = "ephemeral", ["text"] = text });

    /// <summary>The rendered answer and its buttons (what was asked travels in their values).</summary>
    public static SlackCommandReply Answered(Answer answer, string asked) => new(answer, asked);

    public JsonObject ToJson() => json ?? SlackBot.ToResponse(answer!, asked);

    /// <summary>
    /// Writes the reply as <see cref="SlackJson.WriterOptions"/> writes it: from the bytes of an earlier reply when what was
    /// asked and every part of the answer are the same, else rendered (and kept when it is not too big).
    /// </summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        if (json is not null)
        {
            json.WriteTo(writer);
            return;
        }

        if (RenderedReplies.TryGetValue(asked, out var kept) && AnswerContent.Same(kept.Answer, answer!))
        {
            writer.WriteRawValue(kept.Json, skipInputValidation: true);
            return;
        }

        writer.WriteRawValue(Render(), skipInputValidation: true);
    }

    [ThreadStatic]
    private static System.Buffers.ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private byte[] Render()
    {
        var buffer = t_buffer ??= new System.Buffers.ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, SlackJson.WriterOptions);
        writer.Reset(buffer);
        byte[] rendered;
        try
        {
            SlackBlockKit.WriteMessage(writer, answer!, SlackBot.ButtonsFor(answer!, asked), SlackBot.ResponseType(answer!));
            writer.Flush();
            rendered = buffer.WrittenSpan.ToArray();
        }
        finally
        {
            writer.Reset();
            if (buffer.Capacity > 64 * 1024)
            {
                t_buffer = null;
            }
        }

        if (rendered.Length <= MaxRenderedBytes)
        {
            if (RenderedReplies.Count >= MaxRendered)
            {
                RenderedReplies.Clear();
            }

            RenderedReplies[asked] = new Rendered(answer!, rendered);
        }

        return rendered;
    }

    /// <summary>Forgets every rendered reply (tests).</summary>
    internal static void ForgetRendered() => RenderedReplies.Clear();

    private sealed record Rendered(Answer Answer, byte[] Json);
}

/// <summary>
/// Whether two answers have the same content, part by part (the record's own equality compares the lists by reference).
/// Every part of <see cref="Answer"/>, <see cref="AnswerBlock"/> and <see cref="SourceRef"/> is compared; a test fails
/// when those records gain a part, so that this comparison is extended with it.
/// </summary>
internal static class AnswerContent
{
    public static bool Same(Answer a, Answer b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Kind != b.Kind || a.Visibility != b.Visibility || !string.Equals(a.Title, b.Title, StringComparison.Ordinal)
            || a.Body.Count != b.Body.Count || a.Sources.Count != b.Sources.Count || !SameStrings(a.Suggestions, b.Suggestions))
        {
            return false;
        }

        for (var i = 0; i < a.Body.Count; i++)
        {
            if (a.Body[i].Style != b.Body[i].Style || !SameStrings(a.Body[i].Lines, b.Body[i].Lines))
            {
                return false;
            }
        }

        for (var i = 0; i < a.Sources.Count; i++)
        {
            // A record of an int and two strings: value equality.
            if (a.Sources[i] != b.Sources[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameStrings(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!string.Equals(a[i], b[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
