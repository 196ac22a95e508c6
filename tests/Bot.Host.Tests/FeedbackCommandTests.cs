using Bot.Runtime.Feedback;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Host.Tests;

/// <summary>`feedback --since`: what people voted on, newest last, and which fact-set entries need work.</summary>
public class FeedbackCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("feedback-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Lists_votes_since_the_given_time_with_a_tally_per_entry()
    {
        var path = Path.Combine(_directory, "feedback.jsonl");
        var store = new FileFeedbackStore(Options.Create(new FeedbackOptions { Path = path }));
        var now = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        await store.AddAsync(new(now.AddDays(-9), "slack", "u1", false, "fact", ["too-old"], "ancient"), CancellationToken.None);
        await store.AddAsync(new(now.AddDays(-2), "slack", "u1", false, "fact", ["reaction:corbyn"], "what did corbyn say"), CancellationToken.None);
        await store.AddAsync(new(now.AddHours(-1), "discord", "u2", true, "fact", ["reaction:corbyn"], "/reaction corbyn"), CancellationToken.None);
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await FeedbackCommand.RunAsync(["--since", "7d", $"--Feedback:Path={path}"], new FakeTimeProvider(now), output, error, CancellationToken.None);

        Assert.Equal(0, code);
        var text = output.ToString();
        Assert.Contains("2 votes since 2026-11-23 12:00 UTC", text, StringComparison.Ordinal);
        Assert.Contains("\"what did corbyn say\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ancient", text, StringComparison.Ordinal);
        Assert.Contains("reaction:corbyn: 1 👎, 1 👍", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("7d", 7 * 24)]
    [InlineData("24h", 24)]
    [InlineData("2w", 14 * 24)]
    public void Durations_read_as_people_write_them(string text, int hours)
    {
        Assert.Equal(TimeSpan.FromHours(hours), FeedbackCommand.ParseDuration(text));
    }

    [Theory]
    [InlineData("--since")]
    [InlineData("--since=soon")]
    public async Task A_since_that_is_no_time_is_a_usage_error(string argument)
    {
        var error = new StringWriter();

        var code = await FeedbackCommand.RunAsync([argument], TimeProvider.System, new StringWriter(), error, CancellationToken.None);

        Assert.Equal(2, code);
        Assert.StartsWith("error: --since", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_feedback_yet_says_so()
    {
        var output = new StringWriter();

        var code = await FeedbackCommand.RunAsync([$"--Feedback:Path={Path.Combine(_directory, "none.jsonl")}"], TimeProvider.System, output, new StringWriter(), CancellationToken.None);

        Assert.Equal(0, code);
        Assert.StartsWith("No feedback since", output.ToString(), StringComparison.Ordinal);
    }
}
