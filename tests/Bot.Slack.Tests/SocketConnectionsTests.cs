using Microsoft.Extensions.Configuration;

namespace Bot.Slack.Tests;

/// <summary>Slack:SocketConnections: several Socket Mode connections per process, as Slack allows (up to 10 per app).</summary>
public class SocketConnectionsTests
{
    [Fact]
    public async Task Three_connections_open_each_takes_events_and_a_repeat_across_them_is_answered_once()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var host = await TestHost.StartAsync(fake, extra: new Dictionary<string, string?> { ["Slack:SocketConnections"] = "3" });
        var sockets = new List<FakeSocket>();
        for (var i = 0; i < 3; i++)
        {
            sockets.Add(await TestHost.Within(fake.Connections.Reader.ReadAsync().AsTask()));
        }

        Assert.Equal(3, sockets.Select(s => s.Ticket).Distinct().Count());
        await host.WaitForReadyzAsync(200);
        using (var ready = await host.Http.GetAsync("/readyz"))
        {
            Assert.Contains("3 of 3 Socket Mode connection(s) open", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Slack sends each event to one connection; every one of them is read and acked.
        for (var i = 0; i < 3; i++)
        {
            await sockets[i].SendAsync(Payloads.EventsEnvelope($"env-{i}", Payloads.AppMentionCallback($"EvS{i}", "<@U0BOT> who left?", ts: $"3.{i}", channel: "C1")));
            Assert.Equal($"env-{i}", (await sockets[i].NextAsync())["envelope_id"]!.GetValue<string>());
        }

        // A redelivery on another connection (as during a refresh): acked there too, answered once.
        await sockets[1].SendAsync(Payloads.EventsEnvelope("env-again", Payloads.AppMentionCallback("EvS0", "<@U0BOT> who left?", ts: "3.0", channel: "C1"), retryAttempt: 1));
        Assert.Equal("env-again", (await sockets[1].NextAsync())["envelope_id"]!.GetValue<string>());
        // A later event of the same channel is answered after the repeat would have been.
        await sockets[2].SendAsync(Payloads.EventsEnvelope("env-last", Payloads.AppMentionCallback("EvSLast", "<@U0BOT> summary", ts: "3.9", channel: "C1")));

        var threads = new List<string>();
        while (!threads.Contains("3.9"))
        {
            threads.Add((await TestHost.NextPostAsync(fake))["thread_ts"]!.GetValue<string>());
        }

        Assert.Equal(["3.0", "3.1", "3.2", "3.9"], threads);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("11")]
    [InlineData("two")]
    public void More_than_slack_allows_stops_start_naming_the_key(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = "xoxb-1",
            ["Slack:AppToken"] = "xapp-1",
            ["Slack:SocketConnections"] = value,
        }).Build();

        var error = Assert.Throws<SlackConfigurationException>(() => SlackOptions.Load(configuration));
        Assert.Contains("Slack:SocketConnections must be a whole number from 1 to 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_connections_by_default()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = "xoxb-1",
            ["Slack:AppToken"] = "xapp-1",
        }).Build();

        Assert.Equal(2, SlackOptions.Load(configuration).SocketConnections);
    }
}
