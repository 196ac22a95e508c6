using Bot.Engine.Semantic;

namespace Bot.Engine.Tests.Semantic;

/// <summary>The real all-MiniLM-L6-v2 encoder from the model the build copies into the test output, loaded once.</summary>
internal static class SharedEncoder
{
    private static readonly Lazy<OnnxSentenceEncoder> Lazy = new(() => OnnxSentenceEncoder.Load(OnnxSentenceEncoder.DefaultModelDirectory));

    public static OnnxSentenceEncoder Encoder => Lazy.Value;
}
