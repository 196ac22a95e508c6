namespace Bot.Engine.Semantic;

/// <summary>
/// Turns text into a fixed-size sentence embedding. Vectors are L2-normalised, so the cosine similarity of two
/// of them is their dot product (<see cref="Similarity.Dot"/>). Implementations are safe to call from several
/// threads at once.
/// </summary>
public interface ISentenceEncoder
{
    /// <summary>Length of every vector this encoder returns.</summary>
    int Dimensions { get; }

    /// <summary>The unit-length embedding of <paramref name="text"/> (an empty string is allowed).</summary>
    float[] Encode(string text);

    /// <summary>The embeddings of <paramref name="texts"/>, in the same order; the same vectors as encoding one by one.</summary>
    float[][] Encode(IReadOnlyList<string> texts);
}
