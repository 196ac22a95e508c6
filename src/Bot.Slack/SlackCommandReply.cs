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
    // The engine answers a command afresh each time, but mostly with the same content: such a reply is written from the
    // bytes of the first.
    private static readonly RenderedAnswers Rendered = new();

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

        if (Rendered.TryGet(asked, answer!, out var kept))
        {
            writer.WriteRawValue(kept, skipInputValidation: true);
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

        Rendered.Keep(asked, answer!, rendered);
        return rendered;
    }

    /// <summary>Forgets every rendered reply (tests).</summary>
    internal static void ForgetRendered() => Rendered.Clear();
}
