using Bot.Engine.Semantic;

namespace Bot.Engine.Tests.Semantic;

public sealed class EmbeddingCacheTests : IDisposable
{
    private static readonly string[] Texts =
    [
        "who resigned?",
        "which MPs walked out?",
        "why did they leave the party?",
        "what did Corbyn say?",
        "",
        "what is the capital of France?",
    ];

    private readonly string _directory = Directory.CreateTempSubdirectory("bot-embedding-cache-").FullName;

    private static OnnxSentenceEncoder Encoder => SharedEncoder.Encoder;

    private string CachePath => Path.Combine(_directory, "examples.embeddings");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private float[][] Get(IReadOnlyList<string> texts, out EmbeddingCacheOutcome outcome, string? identity = null, string? path = null) =>
        EmbeddingCache.GetOrEncode(Encoder, identity ?? Encoder.ModelIdentity, texts, path ?? CachePath, out outcome);

    private static void AssertSameVectors(float[][] expected, float[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i]);
        }
    }

    [Fact]
    public void Vectors_round_trip_through_the_file()
    {
        var encoded = Get(Texts, out var first);
        var read = Get(Texts, out var second);

        Assert.Equal(EmbeddingCacheOutcome.EncodedAndSaved, first);
        Assert.Equal(EmbeddingCacheOutcome.Read, second);
        AssertSameVectors(encoded, read);
        AssertSameVectors(Encoder.Encode(Texts), read);
        Assert.Equal(52 + (Texts.Length * 384 * 4) + 32, new FileInfo(CachePath).Length);
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }

    [Fact]
    public void Other_texts_or_another_model_make_the_file_stale()
    {
        Get(Texts, out _);

        Get([.. Texts, "one more example"], out var moreTexts);
        Assert.Equal(EmbeddingCacheOutcome.EncodedAndSaved, moreTexts);

        Get([.. Texts.Reverse()], out var reordered);
        Assert.Equal(EmbeddingCacheOutcome.EncodedAndSaved, reordered);

        // Length-prefixed texts: the same characters split differently are different texts.
        Get(["ab", "c"], out _);
        Get(["a", "bc"], out var resplit);
        Assert.Equal(EmbeddingCacheOutcome.EncodedAndSaved, resplit);

        Get(Texts, out _);
        Get(Texts, out var otherModel, identity: Encoder.ModelIdentity + ";retrained");
        Assert.Equal(EmbeddingCacheOutcome.EncodedAndSaved, otherModel);
        Get(Texts, out var same, identity: Encoder.ModelIdentity + ";retrained");
        Assert.Equal(EmbeddingCacheOutcome.Read, same);
    }

    [Theory]
    [InlineData("flip a vector byte")]
    [InlineData("flip a key byte")]
    [InlineData("flip the checksum")]
    [InlineData("truncate")]
    [InlineData("append")]
    [InlineData("empty")]
    [InlineData("garbage of the right length")]
    [InlineData("future format version")]
    public void A_corrupt_file_is_rebuilt_silently(string damage)
    {
        var expected = Get(Texts, out _);
        var bytes = File.ReadAllBytes(CachePath);
        bytes = damage switch
        {
            "flip a vector byte" => Flip(bytes, 52 + 1000),
            "flip a key byte" => Flip(bytes, 20),
            "flip the checksum" => Flip(bytes, bytes.Length - 1),
            "truncate" => bytes[..^100],
            "append" => [.. bytes, 0],
            "empty" => [],
            "garbage of the right length" => Enumerable.Range(0, bytes.Length).Select(i => (byte)(i * 31)).ToArray(),
            "future format version" => Flip(bytes, 8),
            _ => throw new ArgumentOutOfRangeException(nameof(damage)),
        };
        File.WriteAllBytes(CachePath, bytes);

        var rebuilt = Get(Texts, out var outcome);

        Assert.Equal(EmbeddingCacheOutcome.EncodedAndSaved, outcome);
        AssertSameVectors(expected, rebuilt);
        Get(Texts, out var next);
        Assert.Equal(EmbeddingCacheOutcome.Read, next);
    }

    [Fact]
    public void A_file_that_cannot_be_written_is_not_an_error()
    {
        // A regular file where the cache's directory should be: no directory can be made there, even as root.
        var blocker = Path.Combine(_directory, "not-a-directory");
        File.WriteAllText(blocker, "");
        var path = Path.Combine(blocker, "examples.embeddings");

        var vectors = Get(Texts, out var outcome, path: path);

        Assert.Equal(EmbeddingCacheOutcome.EncodedNotSaved, outcome);
        AssertSameVectors(Encoder.Encode(Texts), vectors);
    }

    [Fact]
    public void A_missing_directory_is_created()
    {
        var path = Path.Combine(_directory, "cache", "nested", "examples.embeddings");

        Get(Texts, out var first, path: path);
        Get(Texts, out var second, path: path);

        Assert.Equal(EmbeddingCacheOutcome.EncodedAndSaved, first);
        Assert.Equal(EmbeddingCacheOutcome.Read, second);
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] ^= 0x40;
        return copy;
    }
}
