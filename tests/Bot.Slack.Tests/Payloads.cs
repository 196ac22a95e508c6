namespace Bot.Slack.Tests;

/// <summary>Payloads from the protocol notes §1 and §8 (official SDK fixtures and Slack's docs vector).</summary>
public static class Payloads
{
    public const string OfficialTimestamp = "1531420618";
    public const string OfficialSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    public const string OfficialBody = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    public const string UrlVerification = """{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""";

    /// <summary>The docs' slash-command body with another command and text.</summary>
    public static string CommandForm(string command, string text) =>
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
        + $"&command={Uri.EscapeDataString(command)}&text={Uri.EscapeDataString(text)}"
        + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    public static string SlashCommandEnvelope(string envelopeId, string command, string text) =>
        $$"""{"envelope_id":"{{envelopeId}}","payload":{"token":"verification-token","team_id":"T111","team_domain":"xxx","channel_id":"C111","channel_name":"random","user_id":"U111","user_name":"testxyz","command":"{{command}}","text":"{{text}}","api_app_id":"A111","response_url":"https://hooks.slack.com/commands/T111/111/xxx","trigger_id":"111.222.xxx"},"type":"slash_commands","accepts_response_payload":true}""";

    /// <summary>The event_callback of §8 with our bot's id in the text; <paramref name="threadTs"/> adds a thread.</summary>
    public static string AppMentionCallback(string eventId, string text, string ts = "1610241741.000200", string? threadTs = null, string user = "U222", string? botId = null, string channel = "C111") =>
        $$"""{"token":"verification-token","team_id":"T111","api_app_id":"A111","event":{"client_msg_id":"f0582a78-72db-4feb-b2f3-1e47d66365c8","type":"app_mention","text":"{{text}}","user":"{{user}}","ts":"{{ts}}",{{(threadTs is null ? "" : $"\"thread_ts\":\"{threadTs}\",")}}{{(botId is null ? "" : $"\"bot_id\":\"{botId}\",")}}"team":"T111","blocks":[{"type":"rich_text","block_id":"Sesm","elements":[{"type":"rich_text_section","elements":[{"type":"user","user_id":"U111"}]}]}],"channel":"{{channel}}","event_ts":"{{ts}}"},"type":"event_callback","event_id":"{{eventId}}","event_time":1610241741,"authorizations":[{"enterprise_id":null,"team_id":"T111","user_id":"U222","is_bot":true,"is_enterprise_install":false}],"is_ext_shared_channel":false,"event_context":"1-app_mention-T111-{{channel}}"}""";

    public static string EventsEnvelope(string envelopeId, string callback, int retryAttempt = 0) =>
        $$"""{"envelope_id":"{{envelopeId}}","payload":{{callback}},"type":"events_api","accepts_response_payload":false,"retry_attempt":{{retryAttempt}},"retry_reason":"{{(retryAttempt == 0 ? "" : "timeout")}}"}""";

    public static string Disconnect(string reason) =>
        $$$"""{"type":"disconnect","reason":"{{{reason}}}","num_connections":1,"debug_info":{"host":"applink-111-xxx"},"connection_info":{"app_id":"A111"}}""";

    /// <summary>
    /// A block_actions payload for a click on one of our buttons, shaped like Slack's reference example (user, container,
    /// team, channel, response_url, actions[0] with action_id and value).
    /// </summary>
    /// <param name="message">The message the button is under, as Slack includes it (its blocks and text); a small stand-in when null.</param>
    public static string BlockActions(string responseUrl, string actionId, string value, bool ephemeral = false, string user = "U222", System.Text.Json.Nodes.JsonObject? message = null) =>
        new System.Text.Json.Nodes.JsonObject
        {
            ["message"] = message?.DeepClone() ?? new System.Text.Json.Nodes.JsonObject { ["type"] = "message", ["text"] = "an answer", ["ts"] = "1548261231.000200", ["bot_id"] = "B0BOT" },
            ["type"] = "block_actions",
            ["user"] = new System.Text.Json.Nodes.JsonObject { ["id"] = user, ["username"] = "roadrunner", ["name"] = "roadrunner", ["team_id"] = "T111" },
            ["api_app_id"] = "A111",
            ["token"] = "verification-token",
            ["container"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "message", ["message_ts"] = "1548261231.000200", ["channel_id"] = "C111", ["is_ephemeral"] = ephemeral },
            ["trigger_id"] = "12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3",
            ["team"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "T111", ["domain"] = "testteamnow" },
            ["enterprise"] = null,
            ["is_enterprise_install"] = false,
            ["channel"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "C111", ["name"] = "random" },
            ["state"] = new System.Text.Json.Nodes.JsonObject { ["values"] = new System.Text.Json.Nodes.JsonObject() },
            ["response_url"] = responseUrl,
            ["actions"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
            {
                ["action_id"] = actionId,
                ["block_id"] = "=qXel",
                ["text"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "plain_text", ["text"] = "Source", ["emoji"] = true },
                ["value"] = value,
                ["type"] = "button",
                ["action_ts"] = "1548426417.840180",
            }),
        }.ToJsonString();

    /// <summary>A message_action payload (a message shortcut on a message whose text is <paramref name="text"/>).</summary>
    public static string MessageAction(string responseUrl, string text, string callbackId = "ask_about_message") =>
        new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "message_action",
            ["token"] = "verification-token",
            ["action_ts"] = "1581106241.371594",
            ["team"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "T111", ["domain"] = "testteamnow" },
            ["user"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "U222", ["name"] = "roadrunner", ["username"] = "roadrunner", ["team_id"] = "T111" },
            ["channel"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "C111", ["name"] = "random" },
            ["is_enterprise_install"] = false,
            ["enterprise"] = null,
            ["callback_id"] = callbackId,
            ["trigger_id"] = "944799105734.773906753841.38b5894552bdd4a780554ee59d1f3bbb",
            ["response_url"] = responseUrl,
            ["message_ts"] = "1581106225.000400",
            ["message"] = new System.Text.Json.Nodes.JsonObject
            {
                ["client_msg_id"] = "a40e3ab4-5fe2-4c64-8b7c-0c5f2ab2d4b5",
                ["type"] = "message",
                ["text"] = text,
                ["user"] = "U333",
                ["ts"] = "1581106225.000400",
                ["team"] = "T111",
            },
        }.ToJsonString();

    /// <summary>An interaction over Socket Mode: the same payload in an "interactive" envelope.</summary>
    public static string InteractiveEnvelope(string envelopeId, string payload) =>
        $$"""{"envelope_id":"{{envelopeId}}","payload":{{payload}},"type":"interactive","accepts_response_payload":false}""";

    /// <summary>An interaction over HTTP: the payload's JSON in the form field `payload`.</summary>
    public static string InteractionForm(string payload) => "payload=" + Uri.EscapeDataString(payload);

    /// <summary>An event_callback around <paramref name="ev"/> (the Events API's outer payload).</summary>
    public static string EventCallback(string eventId, string ev) =>
        $$"""{"token":"XXYYZZ","team_id":"T111","api_app_id":"A111","event":{{ev}},"type":"event_callback","authed_users":["U222"],"event_id":"{{eventId}}","event_time":1715873754}""";

    /// <summary>app_home_opened as Slack's reference shows it.</summary>
    public static string AppHomeOpened(string eventId, string tab = "home", string user = "U222") =>
        EventCallback(eventId, $$"""{"type":"app_home_opened","user":"{{user}}","channel":"D111","event_ts":"1515449522000016","tab":"{{tab}}"}""");

    /// <summary>assistant_thread_started (and _context_changed) as Slack's reference shows them.</summary>
    public static string AssistantThread(string eventId, string type = "assistant_thread_started", string threadTs = "1729999327.187299") =>
        EventCallback(eventId, $$"""{"type":"{{type}}","assistant_thread":{"user_id":"U222","context":{"channel_id":"C123ABC456","team_id":"T111","enterprise_id":null},"channel_id":"D111","thread_ts":"{{threadTs}}"},"event_ts":"1715873754.429808"}""");

    /// <summary>message.im: a person's message in an assistant thread, or (with <paramref name="botId"/>) our own reply's echo.</summary>
    public static string AssistantMessage(string eventId, string text, string ts, string? threadTs = "1729999327.187299", string user = "U222", string? botId = null)
    {
        var thread = threadTs is null ? "" : $$"""
            "thread_ts":"{{threadTs}}",
            """;
        var who = botId is null ? "\"client_msg_id\":\"c1\"," : $"\"bot_id\":\"{botId}\",\"app_id\":\"A111\",";
        return EventCallback(
            eventId,
            $$"""{"type":"message","user":"{{user}}","text":"{{text}}","ts":"{{ts}}",{{thread}}{{who}}"team":"T111","channel":"D111","event_ts":"{{ts}}","channel_type":"im"}""");
    }
}
