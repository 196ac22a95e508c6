using System.Text.Json;

namespace Bot.Discord.Tests;

/// <summary>The HTTP endpoint reads slash commands without a JSON tree: the same strings the tree gives, and nothing else is taken.</summary>
public class ReadCommandTests
{
    private static CommandCall? Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return InteractionHandler.ReadCommand(document.RootElement);
    }

    [Fact]
    public void A_guild_command_gives_its_id_text_channel_user_locale_and_token()
    {
        var call = Read("""
            {"type":2,"id":"11","application_id":"22","token":"tok","locale":"en-GB","channel_id":"33","member":{"user":{"id":"44"}},
             "data":{"name":"reaction","type":1,"options":[{"name":"who","value":""},{"name":"who","value":"corbyn"}]}}
            """);
        Assert.Equal(new CommandCall("11", "reaction", "corbyn", "33", "44", "en-GB", "tok", "22"), call);
    }

    [Fact]
    public void A_dm_command_takes_user_channel_object_and_numbers_as_written()
    {
        var call = Read("""{"type":2,"id":12345678901234567890,"channel_id":null,"channel":{"id":"55"},"user":{"id":66},"member":{"user":"x"},"data":{"name":"who-left"}}""");
        Assert.Equal(new CommandCall("12345678901234567890", "who-left", null, "55", "66", "", "", ""), call);
    }

    [Theory]
    [InlineData("""{"type":1}""")]
    [InlineData("""{"type":3,"data":{"custom_id":"x"}}""")]
    [InlineData("""{"type":4,"data":{"name":"reaction"}}""")]
    [InlineData("""{"type":2,"data":{"name":"Ask the fact bot","type":3}}""")]
    [InlineData("""{"type":"2"}""")]
    [InlineData("""[2]""")]
    public void Anything_else_takes_the_tree(string json) => Assert.Null(Read(json));
}
