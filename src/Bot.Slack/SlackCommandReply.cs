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

    public void WriteTo(Utf8JsonWriter writer)
    {
        if (json is not null)
        {
            json.WriteTo(writer);
            return;
        }

        SlackBlockKit.WriteMessage(writer, answer!, SlackBot.ButtonsFor(answer!, asked), SlackBot.ResponseType(answer!));
    }
}
