using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Bot.Slack.Tests;

public class HttpModeTests
{
    private const string Form = "application/x-www-form-urlencoded";
    private const string Json = "application/json";

    private static async Task<JsonObject> JsonBody(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    [Fact]
    public async Task Slash_command_is_answered_in_the_200_body_with_blocks()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake, socketMode: false, httpMode: true);
        // Asserting on the ack: on a busy machine the first answer, before the engine is warm, may miss the ack's budget
        // and go to response_url instead (right, but not what this test reads).
        await host.WaitForReadyzAsync(200);

        using var response = await host.PostSignedAsync(Payloads.CommandForm("/who-left", ""), Form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await JsonBody(response);
        Assert.Equal("in_channel", body["response_type"]!.GetValue<string>());
        Assert.Equal("header", body["blocks"]![0]!["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(body["text"]!.GetValue<string>()));
        Assert.All(SocketModeTests.SevenSurnames, name => Assert.Contains(name, body.ToJsonString()));
        Assert.Equal(0, fake.CountCalls("chat.postMessage"));
    }

    [Fact]
    public async Task Unknown_command_and_hostile_text_get_a_safe_200()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake, socketMode: false, httpMode: true);
        await host.WaitForReadyzAsync(200); // the ack is what is read (see above)

        using var unknown = await host.PostSignedAsync(Payloads.CommandForm("/frobnicate", "x"), Form);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("/who-left", (await JsonBody(unknown)).ToJsonString());

        var hostile = "<!channel> <@U123> " + new string('x', 5000);
        using var response = await host.PostSignedAsync(Payloads.CommandForm("/reaction", hostile), Form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = (await JsonBody(response)).ToJsonString();
        Assert.DoesNotContain("<!channel>", text);
        Assert.DoesNotContain("<@U123>", text);
        Assert.DoesNotContain(new string('x', 600), text);
    }

    [Fact]
    public async Task Official_docs_request_is_accepted_when_signed_now()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake, socketMode: false, httpMode: true);
        using var response = await host.PostSignedAsync(Payloads.OfficialBody, Form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await JsonBody(response))["text"]);
    }

    [Fact]
    public async Task Url_verification_echoes_the_challenge()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake, socketMode: false, httpMode: true);
        using var response = await host.PostSignedAsync(Payloads.UrlVerification, Json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", (await JsonBody(response))["challenge"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ssl_check_is_answered_without_a_signature()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake, socketMode: false, httpMode: true);
        using var response = await host.Http.PostAsync("/slack/events", new StringContent("ssl_check=1&token=legacy-fixed-token", Encoding.UTF8, Form));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Retried_app_mention_is_answered_exactly_once_in_its_thread()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake, socketMode: false, httpMode: true);
        var callback = Payloads.AppMentionCallback("Ev0PV52K25", "<@U0BOT> who left?", ts: "1355517523.000005");

        using (var first = await host.PostSignedAsync(callback, Json))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Empty(await first.Content.ReadAsStringAsync());
        }

        foreach (var (retry, reason) in new[] { ("1", "http_timeout"), ("2", "http_error") })
        {
            using var again = await host.PostSignedAsync(callback, Json, headers: new Dictionary<string, string> { ["X-Slack-Retry-Num"] = retry, ["X-Slack-Retry-Reason"] = reason });
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        using (var sentinel = await host.PostSignedAsync(Payloads.AppMentionCallback("EvSentinel", "<@U0BOT> summary", ts: "9.9", threadTs: "8.8"), Json))
        {
            Assert.Equal(HttpStatusCode.OK, sentinel.StatusCode);
        }

        var post = await TestHost.NextPostAsync(fake);
        Assert.Equal("C111", post["channel"]!.GetValue<string>());
        Assert.Equal("1355517523.000005", post["thread_ts"]!.GetValue<string>());
        // The queue is worked in order: once the sentinel's reply is out, no retry slipped through.
        Assert.Equal("8.8", (await TestHost.NextPostAsync(fake))["thread_ts"]!.GetValue<string>());
        Assert.False(fake.Posts.Reader.TryRead(out _));
        Assert.Equal(2, fake.CountCalls("chat.postMessage"));
    }

    public static TheoryData<string, string, string?, string?, HttpStatusCode> BadRequests => new()
    {
        // body, content type, timestamp (null = now), signature (null = correct), expected
        { Payloads.CommandForm("/who-left", ""), Form, null, "v0=0000000000000000000000000000000000000000000000000000000000000000", HttpStatusCode.Unauthorized },
        { Payloads.CommandForm("/who-left", ""), Form, null, "", HttpStatusCode.Unauthorized },
        { Payloads.CommandForm("/who-left", ""), Form, "", null, HttpStatusCode.Unauthorized },
        { Payloads.OfficialBody, Form, Payloads.OfficialTimestamp, Payloads.OfficialSignature, HttpStatusCode.Unauthorized }, // replayed from 2018
        { "{not json", Json, null, null, HttpStatusCode.BadRequest },
        { "[1,2,3]", Json, null, null, HttpStatusCode.BadRequest },
        { """{"no":"type"}""", Json, null, null, HttpStatusCode.BadRequest },
        { "user_id=U1&text=hi", Form, null, null, HttpStatusCode.BadRequest },
        { "hello", "text/plain", null, null, HttpStatusCode.BadRequest },
        { """{"type":"event_callback","event":"not an object"}""", Json, null, null, HttpStatusCode.OK },
        { """{"type":"app_rate_limited","minute_rate_limited":1518467820}""", Json, null, null, HttpStatusCode.OK },
        // Interactivity: a payload that is not a JSON object is refused; one the bot cannot use is acked and left.
        { "payload=", Form, null, null, HttpStatusCode.BadRequest },
        { Payloads.InteractionForm("[1,2,3]"), Form, null, null, HttpStatusCode.BadRequest },
        { Payloads.InteractionForm("""{"type":"block_actions","actions":"x","response_url":"https://hooks.slack.com/actions/T1/1/x"}"""), Form, null, null, HttpStatusCode.OK },
        { Payloads.InteractionForm("""{"type":"block_actions","actions":[{"value":"fb1.up|f|1|a|q"}]}"""), Form, null, null, HttpStatusCode.OK },
        { Payloads.InteractionForm("""{"type":"block_actions","actions":[{"value":"fb1.up|f|1|a|q"}],"response_url":"https://hooks.slack.com/actions/T1/1/x"}"""), Form, null, null, HttpStatusCode.OK },
        { Payloads.InteractionForm("""{"type":"message_action","callback_id":"ask_about_message","response_url":"ftp://x.example/"}"""), Form, null, null, HttpStatusCode.OK },
        { Payloads.InteractionForm("""{"type":"view_submission","view":{}}"""), Form, null, null, HttpStatusCode.OK },
        { Payloads.InteractionForm("""{"type":7}"""), Form, null, null, HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_gets_a_clear_status_never_500(string body, string contentType, string? timestamp, string? signature, HttpStatusCode expected)
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake, socketMode: false, httpMode: true);
        using var response = await host.PostSignedAsync(body, contentType, timestamp, signature);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Missing_signature_headers_and_oversized_bodies_are_refused()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake, socketMode: false, httpMode: true);

        using (var unsigned = await host.Http.PostAsync("/slack/events", new StringContent(Payloads.CommandForm("/who-left", ""), Encoding.UTF8, Form)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        }

        var big = "command=%2Fask&text=" + new string('a', 70 * 1024);
        using (var oversized = await host.PostSignedAsync(big, Form))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
        }

        // Chunked, so no Content-Length to refuse it up front.
        var chunked = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big))) };
        chunked.Headers.TransferEncodingChunked = true;
        chunked.Content.Headers.TryAddWithoutValidation("Content-Type", Form);
        using (var streamed = await host.Http.SendAsync(chunked))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
        }

        using var get = await host.Http.GetAsync("/slack/events");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
    }

    [Fact]
    public async Task Http_mode_is_ready_once_listening()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake, socketMode: false, httpMode: true);
        await host.WaitForReadyzAsync(200);
    }

    [Fact]
    public async Task Both_modes_run_in_one_process()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake, socketMode: true, httpMode: true);
        var socket = await TestHost.Within(fake.Connections.Reader.ReadAsync().AsTask());
        await host.WaitForReadyzAsync(200);

        using var response = await host.PostSignedAsync(Payloads.CommandForm("/summary", ""), Form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await socket.SendAsync(Payloads.SlashCommandEnvelope("both", "/help", ""));
        Assert.Equal("both", (await socket.NextAsync())["envelope_id"]!.GetValue<string>());
    }
}
