using Microsoft.Extensions.Configuration;

namespace Bot.Slack.Tests;

public class AdapterPartsTests
{
    private sealed class MovableTime(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Deduplicator_answers_once_within_the_ttl_and_forgets_after()
    {
        var time = new MovableTime(DateTimeOffset.UnixEpoch);
        var dedup = new SlackEventDeduplicator(time);
        Assert.True(dedup.TryClaim("Ev1"));
        Assert.False(dedup.TryClaim("Ev1"));
        Assert.True(dedup.TryClaim("Ev2"));
        time.Now += TimeSpan.FromMinutes(10);
        Assert.False(dedup.TryClaim("Ev1"));
        time.Now += SlackEventDeduplicator.Ttl;
        Assert.True(dedup.TryClaim("Ev1"));
        Assert.True(SlackEventDeduplicator.Ttl >= TimeSpan.FromMinutes(10));
    }

    [Fact]
    public void Deduplicator_prunes_expired_ids()
    {
        var time = new MovableTime(DateTimeOffset.UnixEpoch);
        var dedup = new SlackEventDeduplicator(time);
        for (var i = 0; i < 300; i++)
        {
            dedup.TryClaim("old" + i);
        }

        time.Now += SlackEventDeduplicator.Ttl + TimeSpan.FromSeconds(1);
        for (var i = 0; i < 300; i++)
        {
            dedup.TryClaim("new" + i);
        }

        Assert.InRange(dedup.Count, 300, 520);
    }

    [Fact]
    public void Deduplicator_is_bounded_and_keeps_the_newest_ids()
    {
        var time = new MovableTime(DateTimeOffset.UnixEpoch);
        var dedup = new SlackEventDeduplicator(time, capacity: 100);
        for (var i = 0; i < 1000; i++)
        {
            time.Now += TimeSpan.FromMilliseconds(1);
            Assert.True(dedup.TryClaim("flood" + i));
        }

        Assert.InRange(dedup.Count, 1, 100);
        Assert.False(dedup.TryClaim("flood999"));
    }

    [Fact]
    public void Deduplicator_release_lets_a_redelivery_be_claimed()
    {
        var dedup = new SlackEventDeduplicator(new MovableTime(DateTimeOffset.UnixEpoch));
        Assert.True(dedup.TryClaim("Ev1"));
        dedup.Release("Ev1");
        Assert.True(dedup.TryClaim("Ev1"));
        Assert.False(dedup.TryClaim("Ev1"));
    }

    [Theory]
    [InlineData("<@U0BOT> who left?", "U0BOT", "who left?")]
    [InlineData("<@U0BOT|factbot> summary", "U0BOT", "summary")]
    [InlineData("what did <@U999> say? <@U0BOT>", "U0BOT", "what did <@U999> say?")]
    [InlineData("<@U0BOT>", "U0BOT", "")]
    [InlineData("<@U0BOT> tom &amp; jerry &lt;3", "U0BOT", "tom & jerry <3")]
    [InlineData("<@U0BOT> hello", null, "hello")]
    public void Mention_is_stripped(string text, string? botUserId, string expected) =>
        Assert.Equal(expected, SlackBot.StripMention(text, botUserId));

    [Theory]
    [InlineData("Slack:AppToken", "xapp-1", "Slack:BotToken")]
    [InlineData("Slack:SigningSecret", "abc", "Slack:BotToken")]
    [InlineData("Slack:BotToken", "xoxb-1", "Slack:AppToken")]
    [InlineData("Slack:BotToken", "xapp-1", "xoxb-")]
    public void Inconsistent_settings_stop_start_with_a_plain_message(string key, string value, string mentioned)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        Assert.True(SlackRegistration.IsConfigured(configuration));
        var error = Assert.Throws<SlackConfigurationException>(() => SlackOptions.Load(configuration));
        Assert.Contains(mentioned, error.Message);
        Assert.DoesNotContain(value, error.Message);
    }

    [Fact]
    public void Swapped_app_token_is_named()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = "xoxb-secret-1",
            ["Slack:AppToken"] = "xoxb-secret-2",
        }).Build();
        var error = Assert.Throws<SlackConfigurationException>(() => SlackOptions.Load(configuration));
        Assert.Contains("xapp-", error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }

    [Fact]
    public void Nothing_set_means_not_configured() =>
        Assert.False(SlackRegistration.IsConfigured(new ConfigurationBuilder().Build()));
}
