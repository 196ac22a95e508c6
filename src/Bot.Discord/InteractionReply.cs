using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Engine.Answers;

namespace Bot.Discord;

/// <summary>
/// An interaction's initial response: either a JSON body made already (a pong, a deferral, a click's reply, an error)
/// or an answer to a command, kept as the answer until it is written so the HTTP endpoint can write it straight to the
/// response (<see cref="WriteTo"/>). Both give the same bytes as <see cref="ToJson"/>.ToJsonString().
/// </summary>
public sealed class InteractionReply
{
    /// <summary>The answer to a PING.</summary>
    public static readonly InteractionReply Pong = new(1);

    private readonly JsonObject? json;
    private readonly Answer? answer;
    private readonly string asked = "";

    public InteractionReply(JsonObject json)
    {
        this.json = json;
        Type = InteractionHandler.Int(json["type"]);
    }

    private InteractionReply(int type) => Type = type;

    private InteractionReply(Answer answer, string asked)
    {
        this.answer = answer;
        this.asked = asked;
        Type = InteractionHandler.ChannelMessage;
    }

    /// <summary>The response type (1 pong, 4 message, 5 deferral, ...).</summary>
    public int Type { get; }

    /// <summary>A message with the rendered answer and its buttons (what was asked travels in their ids).</summary>
    public static InteractionReply Answered(Answer answer, string asked) => new(answer, asked);

    public JsonObject ToJson() =>
        json is not null ? json
        : answer is not null ? InteractionHandler.Message(EmbedRenderer.WithButtons(EmbedRenderer.Render(answer), answer, asked))
        : new JsonObject { ["type"] = Type };

    public void WriteTo(Utf8JsonWriter writer)
    {
        if (json is not null)
        {
            json.WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        writer.WriteNumber(TypeProperty, Type);
        if (answer is not null)
        {
            writer.WritePropertyName(DataProperty);
            EmbedRenderer.WriteMessage(writer, answer, asked);
        }

        writer.WriteEndObject();
    }

    private static readonly JsonEncodedText TypeProperty = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText DataProperty = JsonEncodedText.Encode("data");
}
