using System.Text;

namespace Bot.Discord.Tests;

/// <summary>Vectors from ../shared/protocols/discord.md §1.2 (RFC 8032 §7.1 TEST 1 and a Discord-shaped request).</summary>
public class SignatureTests
{
    private const string Rfc1Signature =
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    private const string DiscordTimestamp = "1608597133";
    private const string DiscordBody = """{"id":"787053080478613555","token":"ThisIsATokenFromDiscordThatIsVeryLong","type":1,"version":1}""";
    private const string DiscordSignatureHex =
        "e0723ca3a8d8a4264a0968b8ed00da6a9a4ab703d65d15c0360ff659e81bbbb0dabcc8fdcc3fcccd0b068e935a432387a75dacd1ee335de77a5fd6fa7266ab03";

    private readonly DiscordSignature verifier = new(BotUnderTest.PublicKeyHex);

    [Fact]
    public void Rfc8032Test1Verifies()
    {
        // TEST 1 signs the empty message; the verifier signs timestamp ‖ body, which is never empty for Discord,
        // so TEST 1 goes through the same NSec call the verifier makes.
        var key = NSec.Cryptography.PublicKey.Import(
            NSec.Cryptography.SignatureAlgorithm.Ed25519, Convert.FromHexString(BotUnderTest.PublicKeyHex), NSec.Cryptography.KeyBlobFormat.RawPublicKey);
        Assert.True(NSec.Cryptography.SignatureAlgorithm.Ed25519.Verify(key, [], Convert.FromHexString(Rfc1Signature)));
        Assert.False(verifier.Verify(Rfc1Signature, "", []), "a missing timestamp is refused before any crypto");
    }

    [Fact]
    public void Rfc8032Test2VerifiesThroughOurVerifier()
    {
        // TEST 2's one-byte message 0x72 ("r"), given as the timestamp with an empty body.
        var rfc2 = new DiscordSignature("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
        const string signature =
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";
        Assert.True(rfc2.Verify(signature, "r", []));
        Assert.False(rfc2.Verify(signature, "s", []));
    }

    [Fact]
    public void DiscordShapedVectorVerifies()
    {
        Assert.True(verifier.Verify(DiscordSignatureHex, DiscordTimestamp, Encoding.UTF8.GetBytes(DiscordBody)));
        Assert.True(verifier.Verify(DiscordSignatureHex.ToUpperInvariant(), DiscordTimestamp, Encoding.UTF8.GetBytes(DiscordBody)));
    }

    [Fact]
    public void OurSignerReproducesTheDiscordShapedVector() =>
        Assert.Equal(DiscordSignatureHex, BotUnderTest.Sign(DiscordTimestamp, DiscordBody));

    [Theory]
    [InlineData("body")]
    [InlineData("timestamp")]
    [InlineData("signature")]
    [InlineData("trailing-space")]
    [InlineData("body-only")]
    public void AnyChangedByteFails(string what)
    {
        var body = Encoding.UTF8.GetBytes(DiscordBody);
        var timestamp = DiscordTimestamp;
        var signature = DiscordSignatureHex;
        switch (what)
        {
            case "body":
                body[^3] ^= 0x01;
                break;
            case "timestamp":
                timestamp = "1608597134";
                break;
            case "signature":
                signature = signature[..^2] + "04";
                break;
            case "trailing-space":
                body = Encoding.UTF8.GetBytes(DiscordBody + " ");
                break;
            case "body-only":
                timestamp = "";
                break;
        }

        Assert.False(verifier.Verify(signature, timestamp, body));
    }

    [Fact]
    public void WrongKeyFails()
    {
        // RFC 8032 TEST 2's public key.
        var other = new DiscordSignature("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
        Assert.False(other.Verify(DiscordSignatureHex, DiscordTimestamp, Encoding.UTF8.GetBytes(DiscordBody)));
    }

    [Theory]
    [InlineData("zzzz")]
    [InlineData("example invalid signature")]
    [InlineData("e0723ca3a8d8a4264a0968b8ed00da6a9a4ab703d65d15c0360ff659e81bbbb0")]
    [InlineData("")]
    [InlineData("g0723ca3a8d8a4264a0968b8ed00da6a9a4ab703d65d15c0360ff659e81bbbb0dabcc8fdcc3fcccd0b068e935a432387a75dacd1ee335de77a5fd6fa7266ab03")]
    public void BadHexOrLengthFails(string signature) =>
        Assert.False(verifier.Verify(signature, DiscordTimestamp, Encoding.UTF8.GetBytes(DiscordBody)));
}
