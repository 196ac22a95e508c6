using System.Text.Json.Nodes;
using Bot.Engine.Commands;
using Microsoft.Extensions.Configuration;

namespace Bot.Slack.Tests;

public class ManifestTests
{
    private static async Task<(int Code, string Out, string Err)> RunCli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await SlackCli.RunAsync(args, new ConfigurationBuilder().Build(), output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Socket_mode_manifest_comes_from_the_catalog()
    {
        var (code, output, _) = await RunCli("slack-manifest");
        Assert.Equal(0, code);
        var manifest = JsonNode.Parse(output)!.AsObject();

        var commands = manifest["features"]!["slash_commands"]!.AsArray().Select(c => c!["command"]!.GetValue<string>()).ToList();
        Assert.Equal(CommandCatalog.All.Select(c => "/" + c.Name), commands);
        Assert.Contains("/who-left", commands);
        Assert.Contains("/reaction", commands);
        var reaction = manifest["features"]!["slash_commands"]!.AsArray().Single(c => c!["command"]!.GetValue<string>() == "/reaction")!;
        Assert.Equal("<who>", reaction["usage_hint"]!.GetValue<string>());
        Assert.Null(reaction["url"]);

        Assert.Equal(["commands", "app_mentions:read", "chat:write"], manifest["oauth_config"]!["scopes"]!["bot"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(["app_mention"], manifest["settings"]!["event_subscriptions"]!["bot_events"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.True(manifest["settings"]!["socket_mode_enabled"]!.GetValue<bool>());
        Assert.Null(manifest["settings"]!["event_subscriptions"]!["request_url"]);
        Assert.NotNull(manifest["features"]!["bot_user"]!["display_name"]);
        Assert.InRange(manifest["display_information"]!["name"]!.GetValue<string>().Length, 1, 35);
    }

    [Theory]
    [InlineData("slack-manifest", "--http", "https://public.example")]
    [InlineData("slack-manifest", "--http=https://public.example/")]
    [InlineData("slack", "manifest", "--http", "https://public.example")]
    public async Task Http_manifest_points_every_url_at_slack_events(params string[] args)
    {
        var (code, output, _) = await RunCli(args);
        Assert.Equal(0, code);
        var manifest = JsonNode.Parse(output)!.AsObject();
        Assert.False(manifest["settings"]!["socket_mode_enabled"]!.GetValue<bool>());
        Assert.Equal("https://public.example/slack/events", manifest["settings"]!["event_subscriptions"]!["request_url"]!.GetValue<string>());
        Assert.All(manifest["features"]!["slash_commands"]!.AsArray(), c => Assert.Equal("https://public.example/slack/events", c!["url"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("slack-manifest", "--http")]
    [InlineData("slack-manifest", "--http", "not a url")]
    [InlineData("slack-manifest", "--http", "ftp://x.example")]
    [InlineData("slack-manifest", "--frobnicate")]
    [InlineData("slack")]
    public async Task Bad_arguments_exit_2_with_a_message(params string[] args)
    {
        var (code, output, error) = await RunCli(args);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.NotEmpty(error);
    }

    [Theory]
    [InlineData("needs the bot's public HTTPS base URL", "slack-manifest", "--http")]
    [InlineData("Slack requires HTTPS", "slack-manifest", "--http", "http://bot.example.com")]
    [InlineData("Slack requires HTTPS", "slack-manifest", "--http=http://bot.example.com")]
    public async Task A_missing_or_plain_http_url_is_refused_with_a_clear_error(string expected, params string[] args)
    {
        var (code, output, error) = await RunCli(args);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith("error: ", error);
        Assert.Contains(expected, error);
    }
}
