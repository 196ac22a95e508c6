using System.Numerics;
using System.Runtime.InteropServices;

namespace Bot.Engine.Semantic;

/// <summary>Similarity of embedding vectors.</summary>
public static class Similarity
{
    /// <summary>
    /// The dot product. For the unit-length vectors of an <see cref="ISentenceEncoder"/> this is their cosine
    /// similarity: 1 for the same meaning, around 0 for unrelated text.
    /// </summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"vectors differ in length ({a.Length} and {b.Length})", nameof(b));
        }

        var sum = 0f;
        var i = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<float>.Count)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
            var acc = Vector<float>.Zero;
            for (var v = 0; v < va.Length; v++)
            {
                acc += va[v] * vb[v];
            }

            sum = Vector.Sum(acc);
            i = va.Length * Vector<float>.Count;
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>The cosine similarity of any two vectors of the same length (0 if either is all zeros).</summary>
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var norms = MathF.Sqrt(Dot(a, a)) * MathF.Sqrt(Dot(b, b));
        return norms == 0f ? 0f : Dot(a, b) / norms;
    }
}
