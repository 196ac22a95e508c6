using System.Text;

namespace Bot.Slack.Tests;

public class SignatureVerifierTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(Payloads.OfficialBody);

    private static SlackSignatureVerifier At(long unixSeconds) =>
        new(TestHost.SigningSecret, new FixedTime(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));

    [Fact]
    public void Official_vector_verifies()
    {
        var verifier = At(1531420618);
        Assert.Equal(362, Body.Length);
        Assert.Equal(Payloads.OfficialSignature, verifier.Sign(Payloads.OfficialTimestamp, Body));
        Assert.True(verifier.Verify(Payloads.OfficialTimestamp, Payloads.OfficialSignature, Body));
    }

    [Fact]
    public void Self_derived_json_vector_verifies()
    {
        var verifier = new SlackSignatureVerifier("secret", new FixedTime(DateTimeOffset.FromUnixTimeSeconds(1531420618)));
        Assert.True(verifier.Verify("1531420618", "v0=bb5bc143e1afa37151ea6887f794287bcfad6113bb7596ffca6ec599ecbdc216", """{"foo":"bar"}"""u8));
    }

    [Fact]
    public void One_changed_byte_fails()
    {
        var tampered = (byte[])Body.Clone();
        tampered[^1] ^= 1;
        Assert.False(At(1531420618).Verify(Payloads.OfficialTimestamp, Payloads.OfficialSignature, tampered));
        Assert.False(At(1531420618).Verify(Payloads.OfficialTimestamp, Payloads.OfficialSignature, [.. Body, (byte)'-']));
    }

    [Theory]
    [InlineData(1531420618 + 300, true)]
    [InlineData(1531420618 - 300, true)]
    [InlineData(1531420618 + 301, false)] // stale
    [InlineData(1531420618 - 301, false)] // from the future
    [InlineData(1531420618 + 86_400, false)]
    public void Timestamp_window_is_300_seconds_either_way(long now, bool valid) =>
        Assert.Equal(valid, At(now).Verify(Payloads.OfficialTimestamp, Payloads.OfficialSignature, Body));

    [Theory]
    [InlineData(null, Payloads.OfficialSignature)]
    [InlineData(Payloads.OfficialTimestamp, null)]
    [InlineData("", Payloads.OfficialSignature)]
    [InlineData(Payloads.OfficialTimestamp, "")]
    [InlineData("1531420618.0", Payloads.OfficialSignature)]
    [InlineData("-1531420618", Payloads.OfficialSignature)]
    [InlineData(Payloads.OfficialTimestamp, "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData(Payloads.OfficialTimestamp, "v0=A2114D57B48EAC39B9AD189DD8316235A7B4A8D21A10BD27519666489C69B503")]
    [InlineData(Payloads.OfficialTimestamp, "v0=a2114d57")]
    public void Missing_or_malformed_headers_fail(string? timestamp, string? signature) =>
        Assert.False(At(1531420618).Verify(timestamp, signature, Body));

    [Fact]
    public void Wrong_secret_fails() =>
        Assert.False(new SlackSignatureVerifier("8f742231b10e8888abcd99yyyzzz85a6", new FixedTime(DateTimeOffset.FromUnixTimeSeconds(1531420618)))
            .Verify(Payloads.OfficialTimestamp, Payloads.OfficialSignature, Body));
}
