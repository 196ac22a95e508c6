using BenchmarkDotNet.Attributes;
using Bot.Engine.Semantic;

namespace Bot.Benchmarks;

/// <summary>
/// The all-MiniLM-L6-v2 sentence encoder: one short question (the per-question cost a semantic match adds), and
/// the start-up cost of the example sentences' vectors when the embedding cache holds them.
/// Cold load, process memory and 300 sentences batched vs one by one are in bench/README.md ("Sentence encoder").
/// </summary>
[MemoryDiagnoser]
public class SentenceEncoderBenchmarks
{
    private const string Question = "why did the seven MPs quit the party?";

    private static readonly string[] Examples = Enumerable.Range(0, 300).Select(i => $"example question number {i} about who left and why").ToArray();

    private OnnxSentenceEncoder _encoder = null!;
    private string _cachePath = null!;

    [GlobalSetup]
    public void Setup()
    {
        _encoder = OnnxSentenceEncoder.Load(OnnxSentenceEncoder.DefaultModelDirectory);
        _cachePath = Path.Combine(Path.GetTempPath(), $"bot-bench-{Environment.ProcessId}.embeddings");
        EmbeddingCache.GetOrEncode(_encoder, _encoder.ModelIdentity, Examples, _cachePath);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _encoder.Dispose();
        File.Delete(_cachePath);
    }

    [Benchmark]
    public float[] EncodeShortQuestion() => _encoder.Encode(Question);

    /// <summary>A second start: 300 example vectors read back from the cache file (key check, checksum, decode).</summary>
    [Benchmark]
    public float[][] Read300CachedExamples() => EmbeddingCache.GetOrEncode(_encoder, _encoder.ModelIdentity, Examples, _cachePath);
}
