using Microsoft.Extensions.Configuration;

namespace Bot.Slack.Tests;

public class AdapterPartsTests
{
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
