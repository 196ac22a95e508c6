using System.Globalization;
using System.Net;

namespace Bot.Host.Tests;

/// <summary>GET /metrics on the real service: Prometheus text whose counters move with the requests it serves.</summary>
public class MetricsEndpointTests
{
    [Fact]
    public async Task A_scrape_after_a_few_requests_shows_the_counters_moved()
    {
        await using var service = await ServiceUnderTest.StartAsync(extra: new Dictionary<string, string?> { ["Content:ModelPath"] = "none" });
        var before = await ScrapeAsync(service);

        for (var i = 0; i < 3; i++)
        {
            using var answered = await service.PostSlashCommandAsync("/who-left", "");
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        using (await service.PostSlashCommandAsync("/reaction", "boris johnson"))
        {
        }

        using (var unsigned = await service.Http.PostAsync(new Uri("/slack/events", UriKind.Relative), new StringContent("command=%2Fwho-left")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        }

        var after = await ScrapeAsync(service);
        var moved = string.Join("\n", after.Where(s => s.Key.StartsWith("bot_", StringComparison.Ordinal)).Select(s => $"{s.Key} {s.Value}"));

        Assert.True(Delta(before, after, "bot_requests_total", "platform=\"slack\"", "transport=\"http\"", "kind=\"command\"") >= 4, moved);
        Assert.True(Delta(before, after, "bot_answers_total", "platform=\"slack\"", "kind=\"fact\"") >= 3, moved);
        Assert.True(Delta(before, after, "bot_abstentions_total", "platform=\"slack\"") >= 1, moved);
        Assert.True(Delta(before, after, "bot_signature_rejections_total", "platform=\"slack\"") >= 1, moved);
        Assert.True(Delta(before, after, "bot_answer_duration_seconds_count", "platform=\"slack\"", "kind=\"command\"") >= 4, moved);
        // The latency histogram has a bucket at the platforms' 3 s deadline, for the dashboard's "within 3 s" line.
        Assert.Contains(after.Keys, k => k.StartsWith("bot_answer_duration_seconds_bucket", StringComparison.Ordinal) && k.Contains("le=\"3\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_metric_the_grafana_dashboard_queries_is_served()
    {
        await using var service = await ServiceUnderTest.StartAsync(extra: new Dictionary<string, string?> { ["Content:ModelPath"] = "none" });
        using var response = await service.Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        var exposition = await response.Content.ReadAsStringAsync();
        var dashboard = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "grafana", "bot-dashboard.json"));

        var queried = System.Text.RegularExpressions.Regex.Matches(dashboard, @"\bbot_[a-z_]+")
            .Select(m => System.Text.RegularExpressions.Regex.Replace(m.Value, "_(bucket|count|sum)$", ""))
            .Distinct()
            .ToList();

        Assert.NotEmpty(queried);
        Assert.All(queried, family => Assert.Contains($"# TYPE {family} ", exposition));
    }

    /// <summary>Every sample of a Prometheus text scrape, keyed by its series (name and labels as written).</summary>
    internal static async Task<Dictionary<string, double>> ScrapeAsync(ServiceUnderTest service)
    {
        using var response = await service.Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        var samples = new Dictionary<string, double>();
        foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            samples[line[..space]] = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        }

        return samples;
    }

    /// <summary>How much the series of <paramref name="name"/> with all of <paramref name="labels"/> grew, summed.</summary>
    internal static double Delta(Dictionary<string, double> before, Dictionary<string, double> after, string name, params string[] labels)
    {
        bool Matches(string series) =>
            (series == name || series.StartsWith(name + "{", StringComparison.Ordinal)) && labels.All(l => series.Contains(l, StringComparison.Ordinal));

        return after.Where(s => Matches(s.Key)).Sum(s => s.Value) - before.Where(s => Matches(s.Key)).Sum(s => s.Value);
    }
}
