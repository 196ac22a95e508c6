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
}
