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

        Assert.Equal(
            ["commands", "app_mentions:read", "chat:write", "assistant:write", "im:history"],
            manifest["oauth_config"]!["scopes"]!["bot"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(
            ["app_mention", "app_home_opened", "assistant_thread_started", "assistant_thread_context_changed", "message.im"],
            manifest["settings"]!["event_subscriptions"]!["bot_events"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.True(manifest["settings"]!["socket_mode_enabled"]!.GetValue<bool>());
        Assert.Null(manifest["settings"]!["event_subscriptions"]!["request_url"]);
        Assert.True(manifest["settings"]!["interactivity"]!["is_enabled"]!.GetValue<bool>());
        Assert.Null(manifest["settings"]!["interactivity"]!["request_url"]);

        // The message shortcut, the Home tab and the assistant pane.
        var shortcut = Assert.Single(manifest["features"]!["shortcuts"]!.AsArray())!;
        Assert.Equal("message", shortcut["type"]!.GetValue<string>());
        Assert.Equal(CommandCatalog.AskAboutMessage.CallbackId, shortcut["callback_id"]!.GetValue<string>());
        Assert.Equal(CommandCatalog.AskAboutMessage.Name, shortcut["name"]!.GetValue<string>());
        Assert.InRange(shortcut["name"]!.GetValue<string>().Length, 1, 24);
        Assert.InRange(shortcut["description"]!.GetValue<string>().Length, 1, 150);
        Assert.True(manifest["features"]!["app_home"]!["home_tab_enabled"]!.GetValue<bool>());
        var assistant = manifest["features"]!["assistant_view"]!;
        Assert.False(string.IsNullOrWhiteSpace(assistant["assistant_description"]!.GetValue<string>()));
        Assert.All(assistant["suggested_prompts"]!.AsArray(), p => Assert.NotNull(p!["message"]));
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
        Assert.Equal("https://public.example/slack/events", manifest["settings"]!["interactivity"]!["request_url"]!.GetValue<string>());
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

    [Fact]
    public async Task Assistant_prompts_are_the_fact_sets_examples()
    {
        var output = new StringWriter();
        var code = await SlackCli.RunAsync(["slack-manifest"], new ConfigurationBuilder().Build(), output, new StringWriter(), CancellationToken.None, () => ["who quit?", "why?"]);
        Assert.Equal(0, code);
        var prompts = JsonNode.Parse(output.ToString())!["features"]!["assistant_view"]!["suggested_prompts"]!.AsArray();
        Assert.Equal(["who quit?", "why?"], prompts.Select(p => p!["message"]!.GetValue<string>()));
        Assert.Equal("Who quit?", prompts[0]!["title"]!.GetValue<string>());

        // Unreadable examples: still a manifest, with a warning.
        var fallback = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(0, await SlackCli.RunAsync(["slack-manifest"], new ConfigurationBuilder().Build(), fallback, error, CancellationToken.None, () => throw new IOException("gone")));
        Assert.Contains("gone", error.ToString());
        Assert.NotEmpty(JsonNode.Parse(fallback.ToString())!["features"]!["assistant_view"]!["suggested_prompts"]!.AsArray());
    }
}
