using Microsoft.Extensions.Configuration;

namespace Bot.Discord.Tests;

public class RegisterVerbTests
{
    private static IConfiguration Settings(FakeDiscord fake, string guild = "", string token = "test-token", string appId = FakeDiscord.ApplicationId) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:Token"] = token,
            ["Discord:ApplicationId"] = appId,
            ["Discord:GuildId"] = guild,
            ["Discord:ApiBaseUrl"] = fake.RestUrl,
        }).Build();

    [Fact]
    public async Task RegisterPutsGuildCommandsOnceThenSeesThemUnchanged()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var output = new StringWriter();
        var error = new StringWriter();

        Assert.Equal(0, await DiscordCli.RunAsync(["discord-register"], Settings(fake, guild: "290926798626357999"), output, error, CancellationToken.None));
        Assert.Equal(0, await DiscordCli.RunAsync(["discord-register"], Settings(fake, guild: "290926798626357999"), output, error, CancellationToken.None));

        var put = Assert.Single(fake.Calls.Snapshot(), c => c.Method == "PUT");
        Assert.Equal("/applications/123/guilds/290926798626357999/commands", put.Path);
        Assert.Equal("Bot test-token", put.Authorization);
        Assert.Contains("Slash commands updated", output.ToString());
        Assert.Contains("Slash commands unchanged", output.ToString());
        Assert.DoesNotContain("test-token", output.ToString() + error.ToString());
    }

    [Fact]
    public async Task GlobalCommandsWithoutGuild()
    {
        await using var fake = await FakeDiscord.StartAsync();

        Assert.Equal(0, await DiscordCli.RunAsync(["discord-register"], Settings(fake), TextWriter.Null, TextWriter.Null, CancellationToken.None));

        Assert.Equal("/applications/123/commands", Assert.Single(fake.Calls.Snapshot(), c => c.Method == "PUT").Path);
    }

    [Fact]
    public async Task BadSettingsGetAPlainMessage()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var error = new StringWriter();

        Assert.Equal(3, await DiscordCli.RunAsync(["discord-register"], Settings(fake, appId: "not-a-number"), TextWriter.Null, error, CancellationToken.None));
        Assert.Contains("Discord:ApplicationId", error.ToString());

        error = new StringWriter();
        Assert.Equal(3, await DiscordCli.RunAsync(["discord-register"], Settings(fake, token: ""), TextWriter.Null, error, CancellationToken.None));
        Assert.Contains("Discord__Token", error.ToString());
    }

    [Fact]
    public async Task RefusedRegistrationIsReportedWithoutTheToken()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.RespondOnce("PUT", "/commands", 401, """{"message":"401: Unauthorized","code":0}""");
        var error = new StringWriter();

        Assert.Equal(1, await DiscordCli.RunAsync(["discord-register"], Settings(fake), TextWriter.Null, error, CancellationToken.None));
        Assert.Contains("refused", error.ToString());
        Assert.DoesNotContain("test-token", error.ToString());
    }
}
