using Bot.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bot.Host.Tests;

/// <summary>The shutdown budget and reply retry settings: read, applied to the host, and checked at start.</summary>
public class RuntimeSettingsTests
{
    private static WebApplication Build(Dictionary<string, string?> extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = "xoxb-host-tests",
            ["Slack:SigningSecret"] = "secret",
            ["Slack:AppToken"] = "",
            ["Slack:ApiBaseUrl"] = "http://127.0.0.1:9/api/",
            ["Discord:Token"] = "",
            ["Discord:PublicKey"] = "",
            ["Content:ModelPath"] = "none",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return BotHost.BuildService(["--urls", "http://127.0.0.1:0"], settings);
    }

    [Fact]
    public async Task Defaults_are_a_25_s_budget_and_a_10_min_retry_window()
    {
        await using var app = Build([]);
        Assert.Equal(TimeSpan.FromSeconds(25), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
        Assert.Equal(TimeSpan.FromMinutes(10), app.Services.GetRequiredService<IOptions<ReplyOptions>>().Value.RetryWindow);
    }

    [Fact]
    public async Task The_budget_setting_is_the_hosts_shutdown_timeout()
    {
        await using var app = Build(new() { ["Host:ShutdownTimeout"] = "00:00:40", ["Replies:RetryWindow"] = "00:02:00" });
        Assert.Equal(TimeSpan.FromSeconds(40), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), app.Services.GetRequiredService<IOptions<ReplyOptions>>().Value.RetryWindow);
    }

    [Theory]
    [InlineData("Host:ShutdownTimeout", "00:00:00")]
    [InlineData("Host:ShutdownTimeout", "01:00:00")]
    [InlineData("Replies:RetryWindow", "00:00:00")]
    [InlineData("Replies:DegradedAfterFailures", "0")]
    [InlineData("Redis:TakeOverAfter", "00:00:00")]
    [InlineData("Redis:KeyPrefix", "has spaces")]
    [InlineData("Redis:Configuration", "127.0.0.1:1,bogus=1")]
    public async Task An_out_of_range_setting_stops_start_up_naming_the_key(string key, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = Build(new() { [key] = value });
            await app.StartAsync();
        });
        Assert.Contains(key, error.Message);
    }

    [Fact]
    public async Task The_command_line_says_which_setting_is_wrong_without_a_stack_trace()
    {
        var result = await BotProcess.RunAsync(
            "",
            new Dictionary<string, string> { ["Slack__BotToken"] = "xoxb-1", ["Slack__SigningSecret"] = "s", ["Host__ShutdownTimeout"] = "00:00:00", ["Content__ModelPath"] = "none" });
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("error: ", result.Stderr);
        Assert.Contains("Host:ShutdownTimeout must be between 00:00:01 and 00:10:00", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }
}
