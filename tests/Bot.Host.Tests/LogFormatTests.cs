using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bot.TestSupport;

namespace Bot.Host.Tests;

/// <summary>The service's log as an operator reads it: timestamped lines, or JSON with one setting, and no noise per probe.</summary>
public partial class LogFormatTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Socket Mode against a closed port: never ready, so /readyz answers 503 on every poll.</summary>
    private static Dictionary<string, string> NeverReady(string? format = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Slack__AppToken"] = "xapp-logs",
            ["Slack__BotToken"] = "xoxb-logs",
            ["Slack__ApiBaseUrl"] = "http://127.0.0.1:9/api/",
        };
        if (format is not null)
        {
            settings["Logging__Format"] = format;
        }

        return settings;
    }

    [Fact]
    public async Task Lines_carry_a_timestamp_and_a_failing_readyz_poll_writes_no_error_line()
    {
        await using var service = BotHostProcess.Start(NeverReady());
        var root = await service.ListeningAsync(Timeout);
        using var http = new HttpClient { BaseAddress = root };
        for (var i = 0; i < 3; i++)
        {
            using var readyz = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, readyz.StatusCode);
        }

        await service.TerminateAsync(Timeout);

        var lines = service.StandardError.Where(l => l.Length > 0).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Matches(Timestamped(), l));
        Assert.DoesNotContain(lines, l => l.Contains(" fail: ", StringComparison.Ordinal) || l.Contains("HealthCheck", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logging_Format_json_writes_one_json_object_a_line()
    {
        await using var service = BotHostProcess.Start(NeverReady("json"));
        await service.ListeningAsync(Timeout);
        await service.TerminateAsync(Timeout);

        var lines = service.StandardError.Where(l => l.Length > 0).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l =>
        {
            using var entry = JsonDocument.Parse(l);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", entry.RootElement.GetProperty("Timestamp").GetString());
            Assert.False(string.IsNullOrEmpty(entry.RootElement.GetProperty("Message").GetString()));
        });
    }

    [Fact]
    public async Task An_unknown_log_format_is_one_error_line_naming_the_setting()
    {
        var result = await BotProcess.RunAsync("", new Dictionary<string, string>(NeverReady("xml")) { ["Urls"] = "http://127.0.0.1:0" });

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("error: Logging:Format: 'xml' is not a log format", result.Stderr);
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (trce|dbug|info|warn|fail|crit): ")]
    private static partial Regex Timestamped();
}
