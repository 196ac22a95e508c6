using Bot.Engine.Semantic;

namespace Bot.Engine.Tests.Semantic;

public class OnnxSentenceEncoderTests
{
    private static OnnxSentenceEncoder Encoder => SharedEncoder.Encoder;

    private static float Score(string a, string b) => Similarity.Dot(Encoder.Encode(a), Encoder.Encode(b));

    [Theory]
    [InlineData("who quit the party", "which MPs resigned", "what is the capital of France")]
    [InlineData("why did they leave Labour?", "what were their reasons for resigning from the party?", "how do I bake sourdough bread?")]
    [InlineData("what did Corbyn say about it?", "how did Jeremy Corbyn react?", "which MPs resigned")]
    [InlineData("when did it happen?", "on what date did they leave?", "who is the leader of the Lib Dems?")]
    public void Paraphrases_score_higher_than_unrelated_sentences(string question, string paraphrase, string unrelated)
    {
        var close = Score(question, paraphrase);
        var far = Score(question, unrelated);
        Assert.True(close > far + 0.1f, $"paraphrase {close:F3} should beat unrelated {far:F3} clearly");
    }

    [Fact]
    public void Identical_text_scores_one_and_unrelated_text_scores_low()
    {
        Assert.Equal(1f, Score("which MPs resigned", "which MPs resigned"), 4);
        Assert.InRange(Score("which MPs resigned", "the recipe needs two eggs and some flour"), -0.2f, 0.25f);
    }

    [Theory]
    [InlineData("who quit the party")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!")]
    [InlineData("Corbyn's response, in one word: \"disappointed\" 🙁")]
    public void Vectors_have_384_dimensions_and_unit_length(string text)
    {
        var vector = Encoder.Encode(text);

        Assert.Equal(384, Encoder.Dimensions);
        Assert.Equal(384, vector.Length);
        Assert.All(vector, x => Assert.True(float.IsFinite(x)));
        Assert.Equal(1.0, Math.Sqrt(Similarity.Dot(vector, vector)), 4);
    }

    [Fact]
    public void Empty_string_encodes_to_a_vector_of_its_own()
    {
        var empty = Encoder.Encode(string.Empty);

        Assert.Equal(384, empty.Length);
        Assert.True(Similarity.Dot(empty, Encoder.Encode("which MPs resigned")) < 0.99f);
    }

    [Fact]
    public void Batch_encoding_agrees_with_one_by_one_encoding()
    {
        // Different lengths, so most rows of a batch are padded; several internal batches (by count and by padded
        // tokens, with texts cut at 128 tokens), so the order has to be put back.
        var texts = Enumerable.Range(0, 40)
            .Select(i => i % 3 == 0 ? $"question {i}" : string.Join(' ', Enumerable.Repeat($"why did MP number {i} leave the party", 1 + (i % 5))))
            .Append(string.Empty)
            .Concat(Enumerable.Range(0, 10).Select(i => string.Join(' ', Enumerable.Repeat($"long text {i}", 100))))
            .ToArray();

        var batch = Encoder.Encode(texts);

        Assert.Equal(texts.Length, batch.Length);
        for (var i = 0; i < texts.Length; i++)
        {
            var single = Encoder.Encode(texts[i]);
            for (var d = 0; d < single.Length; d++)
            {
                Assert.True(Math.Abs(single[d] - batch[i][d]) <= 1e-4f, $"text {i}, dimension {d}: {single[d]} vs {batch[i][d]}");
            }
        }
    }

    [Fact]
    public void An_empty_list_encodes_to_no_vectors()
    {
        Assert.Empty(Encoder.Encode(Array.Empty<string>()));
    }

    [Fact]
    public void Very_long_text_is_truncated_to_the_first_128_tokens()
    {
        var opening = string.Join(' ', Enumerable.Repeat("the seven MPs announced their resignation from the Labour party", 40));
        var tokens = Encoder.Tokenize(opening);

        Assert.InRange(tokens.Length, 120, OnnxSentenceEncoder.MaxTokens);
        Assert.Equal(101, tokens[0]); // [CLS]
        Assert.Equal(102, tokens[^1]); // [SEP]

        // Whatever comes after the first 128 tokens cannot change the vector.
        var longer = Encoder.Encode(opening + " " + string.Join(' ', Enumerable.Repeat("a recipe for sourdough bread", 2000)));
        var shorter = Encoder.Encode(opening);
        Assert.Equal(384, longer.Length);
        Assert.True(Similarity.Dot(longer, shorter) > 0.99999f);
    }

    [Theory]
    [InlineData("Café naïve résumé", "cafe naive resume")]
    [InlineData("ZOË BJÖRK Ñandú", "zoe bjork nandu")]
    [InlineData("Ŵ ŷ ǖ ỹ Ḱ", "w y u y k")]
    public void Accents_and_case_are_ignored_like_the_uncased_model_expects(string accented, string plain)
    {
        Assert.Equal(Encoder.Tokenize(plain), Encoder.Tokenize(accented));
        Assert.DoesNotContain(100, Encoder.Tokenize(accented)); // [UNK]
    }

    [Fact]
    public void Concurrent_encoding_gives_the_same_vectors_as_sequential()
    {
        var texts = Enumerable.Range(0, 24).Select(i => $"why did MP {i} resign from the party?").ToArray();
        var expected = texts.Select(Encoder.Encode).ToArray();

        var actual = new float[texts.Length][];
        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => actual[i] = Encoder.Encode(texts[i]));

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(expected[i], actual[i]);
        }
    }

    [Fact]
    public void Model_identity_names_the_model_files()
    {
        Assert.Contains("model.onnx=90893304:", Encoder.ModelIdentity);
        Assert.Contains("vocab.txt=", Encoder.ModelIdentity);
        Assert.Equal(Encoder.ModelIdentity, Encoder.ModelIdentity.Trim());
    }

    [Fact]
    public void A_missing_model_directory_is_a_one_line_error_naming_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-model-{Guid.NewGuid():N}");

        var error = Assert.Throws<SentenceModelException>(() => OnnxSentenceEncoder.Load(missing));

        Assert.StartsWith($"{missing}: model directory not found", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_missing_or_broken_model_file_is_a_one_line_error_naming_it()
    {
        var directory = Directory.CreateTempSubdirectory("bot-model-").FullName;
        try
        {
            File.Copy(Path.Combine(OnnxSentenceEncoder.DefaultModelDirectory, "vocab.txt"), Path.Combine(directory, "vocab.txt"));
            var missing = Assert.Throws<SentenceModelException>(() => OnnxSentenceEncoder.Load(directory));
            Assert.StartsWith($"{Path.Combine(directory, "model.onnx")}: file not found", missing.Message);

            File.WriteAllText(Path.Combine(directory, "model.onnx"), "not a model");
            var broken = Assert.Throws<SentenceModelException>(() => OnnxSentenceEncoder.Load(directory));
            Assert.StartsWith($"{Path.Combine(directory, "model.onnx")}: not a loadable ONNX model", broken.Message);
            Assert.DoesNotContain('\n', broken.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Cosine_and_dot_agree_on_unit_vectors_and_cosine_ignores_length()
    {
        float[] a = [3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 1];
        float[] b = [6, 8, 0, 0, 0, 0, 0, 0, 0, 0, 2];
        float[] c = [0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0];

        Assert.Equal(26f, Similarity.Dot(a, a));
        Assert.Equal(1f, Similarity.Cosine(a, b), 5);
        Assert.Equal(0f, Similarity.Cosine(a, c));
        Assert.Equal(0f, Similarity.Cosine(a, new float[a.Length]));
        Assert.Throws<ArgumentException>(() => Similarity.Dot(a, [1f]));

        var u = Encoder.Encode("who quit the party");
        var v = Encoder.Encode("which MPs resigned");
        Assert.Equal(Similarity.Cosine(u, v), Similarity.Dot(u, v), 5);
    }
}
