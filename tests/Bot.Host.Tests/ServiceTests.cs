using System.Net;
using Microsoft.AspNetCore.Builder;

namespace Bot.Host.Tests;

public class ServiceTests
{
    [Fact]
    public async Task The_service_listens_on_loopback_with_health_endpoints()
    {
        await using var app = BotHost.BuildService(["--urls", "http://127.0.0.1:0"]);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        var unknown = await http.PostAsync(new Uri("/nothing-here", UriKind.Relative), new StringContent("x"));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        // Ready once the sentence model has loaded in the background (or failed to: then degraded, still 200).
        var deadline = DateTime.UtcNow + ServiceUnderTest.Timeout;
        HttpResponseMessage ready;
        while ((ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        await app.StopAsync();
    }
}
