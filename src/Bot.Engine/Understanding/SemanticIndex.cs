using System.Security.Cryptography;
using System.Text;
using Bot.Engine.Semantic;

namespace Bot.Engine.Understanding;

/// <summary>
/// Meaning-based matching: every candidate's example questions (and its own text) as sentence embeddings,
/// so "who packed it in" meets "who resigned" although they share no word. A question's similarity to a
/// candidate is its cosine with the nearest of that candidate's examples.
/// </summary>
public sealed class SemanticIndex
{
    private readonly ISentenceEncoder _encoder;
    private readonly float[][] _vectors;
    private readonly int[] _owner; // the candidate each vector belongs to
    private readonly int _candidates;

    public SemanticIndex(IReadOnlyList<Candidate> candidates, ISentenceEncoder encoder, string? modelIdentity = null, string? cacheDirectory = null)
    {
        _encoder = encoder;
        _candidates = candidates.Count;
        var texts = new List<string>();
        var owner = new List<int>();
        for (var i = 0; i < candidates.Count; i++)
        {
            foreach (var example in candidates[i].Examples.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                texts.Add(example);
                owner.Add(i);
            }
        }

        _owner = [.. owner];
        _vectors = cacheDirectory is null || modelIdentity is null
            ? encoder.Encode(texts)
            : EmbeddingCache.GetOrEncode(encoder, modelIdentity, texts, Path.Combine(cacheDirectory, CacheFileName(modelIdentity, texts)));
    }

    public int ExampleCount => _vectors.Length;

    /// <summary>For each candidate, in index order, the cosine of the text with its nearest example (-1 when it has none).</summary>
    public double[] Similarities(string text)
    {
        var question = _encoder.Encode(text);
        var best = new double[_candidates];
        Array.Fill(best, -1.0);
        for (var v = 0; v < _vectors.Length; v++)
        {
            var similarity = Similarity.Dot(question, _vectors[v]);
            if (similarity > best[_owner[v]])
            {
                best[_owner[v]] = similarity;
            }
        }

        return best;
    }

    /// <summary>One cache file per content: two fact sets on one machine don't overwrite each other's vectors.</summary>
    private static string CacheFileName(string modelIdentity, List<string> texts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(modelIdentity + "\n" + string.Join('\n', texts)));
        return $"examples-{Convert.ToHexStringLower(hash)[..16]}.vec";
    }
}
