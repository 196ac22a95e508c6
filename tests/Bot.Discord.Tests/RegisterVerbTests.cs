using System.Text.Json.Nodes;
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
    public async Task RegistrationDeclaresUserInstallContextsLocalisationsAndTheMessageCommand()
    {
        await using var fake = await FakeDiscord.StartAsync();

        Assert.Equal(0, await DiscordCli.RunAsync(["discord-register"], Settings(fake), TextWriter.Null, TextWriter.Null, CancellationToken.None));

        var put = Assert.Single(fake.Calls.Snapshot(), c => c.Method == "PUT");
        var commands = put.Body!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.All(commands, c =>
        {
            Assert.Equal("[0,1]", c["integration_types"]!.ToJsonString());
            Assert.Equal("[0,1,2]", c["contexts"]!.ToJsonString());
        });
        var reaction = commands.Single(c => (string)c["name"]! == "reaction");
        Assert.Equal("Was eine Person oder Gruppe dazu gesagt hat", (string)reaction["description_localizations"]!["de"]!);
        Assert.Equal("Ce qu'une personne ou un groupe en a dit", (string)reaction["description_localizations"]!["fr"]!);
        Assert.False(string.IsNullOrEmpty((string?)reaction["options"]![0]!["description_localizations"]!["de"]));
        Assert.All(commands.Where(c => (int)c["type"]! == 1), c => Assert.Equal(2, c["description_localizations"]!.AsObject().Count));
        var message = Assert.Single(commands, c => (int)c["type"]! == 3);
        Assert.Equal("Ask the fact bot", (string)message["name"]!);
        Assert.Equal("Den Faktenbot fragen", (string)message["name_localizations"]!["de"]!);

        // Discord sends the localisation maps back only when asked, else every start would see a change.
        Assert.Contains(fake.Calls.Snapshot(), c => c.Method == "GET" && c.Path.EndsWith("/commands") && c.Query.Contains("with_localizations=true"));
        Assert.Equal(0, await DiscordCli.RunAsync(["discord-register"], Settings(fake), TextWriter.Null, TextWriter.Null, CancellationToken.None));
        Assert.Single(fake.Calls.Snapshot(), c => c.Method == "PUT");

        // A command whose translation differs on Discord is uploaded again.
        ((JsonObject)fake.StoredCommands[1]!["description_localizations"]!)["de"] = "veraltet";
        Assert.Equal(0, await DiscordCli.RunAsync(["discord-register"], Settings(fake), TextWriter.Null, TextWriter.Null, CancellationToken.None));
        Assert.Equal(2, fake.Calls.Snapshot().Count(c => c.Method == "PUT"));
    }

    [Fact]
    public async Task InvitePrintsTheServerAndTheUserInstallUrls()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var output = new StringWriter();

        Assert.Equal(0, await DiscordCli.RunAsync(["discord", "invite"], Settings(fake), output, TextWriter.Null, CancellationToken.None));

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.EndsWith("https://discord.com/oauth2/authorize?client_id=123&scope=bot%20applications.commands&permissions=309237713920", lines[0].Trim());
        Assert.EndsWith("https://discord.com/oauth2/authorize?client_id=123&integration_type=1&scope=applications.commands", lines[1].Trim());
        Assert.Empty(fake.Calls.Snapshot());
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
