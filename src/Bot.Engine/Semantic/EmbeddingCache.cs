using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Bot.Engine.Semantic;

/// <summary>How <see cref="EmbeddingCache.GetOrEncode(ISentenceEncoder, string, IReadOnlyList{string}, string, out EmbeddingCacheOutcome)"/> got its vectors.</summary>
public enum EmbeddingCacheOutcome
{
    /// <summary>Read from the cache file; nothing was encoded.</summary>
    Read,

    /// <summary>The file was missing, unreadable, corrupt or for other texts or another model: encoded, and the file written.</summary>
    EncodedAndSaved,

    /// <summary>Encoded, but the file could not be written (read-only directory, disk full…); the vectors are still right.</summary>
    EncodedNotSaved,
}

/// <summary>
/// Keeps the embeddings of a fixed list of texts (the example sentences the bot compares questions with) in a file,
/// so a process start reads ~300 vectors instead of running the model ~300 times. The file is keyed by a SHA-256
/// of the model identity and every text: any change to either makes it stale. A missing, truncated, corrupt or
/// stale file is rebuilt silently; a file that cannot be written is not an error.
/// </summary>
/// <remarks>
/// Format, version 1, little-endian: the 8 ASCII bytes <c>BOTEMBED</c>; int32 format version; the 32-byte key;
/// int32 count; int32 dimensions; count × dimensions float32 (the vectors, in the order of the texts); a 32-byte
/// SHA-256 of everything before it.
/// </remarks>
public static class EmbeddingCache
{
    public const int FormatVersion = 1;

    private static ReadOnlySpan<byte> Magic => "BOTEMBED"u8;
    private const int KeyLength = 32;
    private const int ChecksumLength = 32;
    private const int HeaderLength = 8 + 4 + KeyLength + 4 + 4;

    /// <summary>The vectors of <paramref name="texts"/> under <paramref name="modelIdentity"/>: from <paramref name="cachePath"/> if it holds them, else encoded and saved there.</summary>
    public static float[][] GetOrEncode(ISentenceEncoder encoder, string modelIdentity, IReadOnlyList<string> texts, string cachePath) =>
        GetOrEncode(encoder, modelIdentity, texts, cachePath, out _);

    /// <inheritdoc cref="GetOrEncode(ISentenceEncoder, string, IReadOnlyList{string}, string)"/>
    public static float[][] GetOrEncode(ISentenceEncoder encoder, string modelIdentity, IReadOnlyList<string> texts, string cachePath, out EmbeddingCacheOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(modelIdentity);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentException.ThrowIfNullOrEmpty(cachePath);

        var key = Key(modelIdentity, texts);
        var cached = TryRead(cachePath, key, texts.Count, encoder.Dimensions);
        if (cached is not null)
        {
            outcome = EmbeddingCacheOutcome.Read;
            return cached;
        }

        var vectors = encoder.Encode(texts);
        outcome = TryWrite(cachePath, key, vectors, encoder.Dimensions) ? EmbeddingCacheOutcome.EncodedAndSaved : EmbeddingCacheOutcome.EncodedNotSaved;
        return vectors;
    }

    /// <summary>SHA-256 of the format version, the model identity and every text, each length-prefixed so no two lists collide by concatenation.</summary>
    internal static byte[] Key(string modelIdentity, IReadOnlyList<string> texts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var number = new byte[4];
        void AppendInt(int value)
        {
            BinaryPrimitives.WriteInt32LittleEndian(number, value);
            hash.AppendData(number);
        }

        void AppendString(string value)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            AppendInt(bytes.Length);
            hash.AppendData(bytes);
        }

        AppendInt(FormatVersion);
        AppendString(modelIdentity);
        AppendInt(texts.Count);
        foreach (var text in texts)
        {
            AppendString(text);
        }

        return hash.GetHashAndReset();
    }

    private static long FileLength(int count, int dimensions) => HeaderLength + (4L * count * dimensions) + ChecksumLength;

    private static float[][]? TryRead(string path, byte[] key, int count, int dimensions)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length != FileLength(count, dimensions))
            {
                return null;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var span = bytes.AsSpan();
        if (span.Length != FileLength(count, dimensions)
            || !span[..8].SequenceEqual(Magic)
            || BinaryPrimitives.ReadInt32LittleEndian(span[8..]) != FormatVersion
            || !span.Slice(12, KeyLength).SequenceEqual(key)
            || BinaryPrimitives.ReadInt32LittleEndian(span[(12 + KeyLength)..]) != count
            || BinaryPrimitives.ReadInt32LittleEndian(span[(16 + KeyLength)..]) != dimensions
            || !SHA256.HashData(span[..^ChecksumLength]).AsSpan().SequenceEqual(span[^ChecksumLength..]))
        {
            return null;
        }

        var vectors = new float[count][];
        var offset = HeaderLength;
        for (var i = 0; i < count; i++)
        {
            var vector = new float[dimensions];
            for (var d = 0; d < dimensions; d++, offset += 4)
            {
                vector[d] = BinaryPrimitives.ReadSingleLittleEndian(span[offset..]);
            }

            vectors[i] = vector;
        }

        return vectors;
    }

    private static bool TryWrite(string path, byte[] key, float[][] vectors, int dimensions)
    {
        var bytes = new byte[FileLength(vectors.Length, dimensions)];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], FormatVersion);
        key.CopyTo(span[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[(12 + KeyLength)..], vectors.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[(16 + KeyLength)..], dimensions);
        var offset = HeaderLength;
        foreach (var vector in vectors)
        {
            if (vector.Length != dimensions)
            {
                throw new InvalidOperationException($"the encoder returned a vector of {vector.Length} dimensions, not {dimensions}");
            }

            foreach (var value in vector)
            {
                BinaryPrimitives.WriteSingleLittleEndian(span[offset..], value);
                offset += 4;
            }
        }

        SHA256.HashData(span[..^ChecksumLength], span[^ChecksumLength..]);

        // Written beside the target and moved over it, so another process never reads half a file.
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Nothing more to do: the directory refused the file in the first place.
            }

            return false;
        }
    }
}
