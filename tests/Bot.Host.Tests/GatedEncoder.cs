using Bot.Engine.Semantic;

namespace Bot.Host.Tests;

/// <summary>
/// A sentence "model" whose load waits until the test opens the gate, so a test can look at the service while the
/// model is still loading. Its vectors come from hashing words: enough for the engine to rank with, and instant.
/// </summary>
internal sealed class GatedEncoder : ISentenceEncoder
{
    private readonly ManualResetEventSlim _started = new();
    private readonly ManualResetEventSlim _gate = new();

    public int Dimensions => 32;

    /// <summary>The factory to give the engine: it blocks (at most <see cref="ServiceUnderTest.Timeout"/>) until <see cref="Open"/>.</summary>
    public Func<ISentenceEncoder> Factory => () =>
    {
        _started.Set();
        return _gate.Wait(ServiceUnderTest.Timeout) ? this : throw new SentenceModelException("the test never opened the gate");
    };

    /// <summary>Waits until the engine has begun loading the model (the factory was called).</summary>
    public void WaitUntilLoadStarted() => Assert.True(_started.Wait(ServiceUnderTest.Timeout), "the service never started loading the model");

    public void Open() => _gate.Set();

    public float[] Encode(string text)
    {
        var vector = new float[Dimensions];
        foreach (var word in text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            vector[(int)((uint)string.GetHashCode(word, StringComparison.Ordinal) % Dimensions)] += 1;
        }

        vector[0] += 0.5f; // never the zero vector, so every text has a direction
        var length = MathF.Sqrt(vector.Sum(v => v * v));
        return [.. vector.Select(v => v / length)];
    }

    public float[][] Encode(IReadOnlyList<string> texts) => [.. texts.Select(Encode)];
}
