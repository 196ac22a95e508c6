using System.Text;
using NSec.Cryptography;

namespace Bot.Discord;

/// <summary>Checks Discord's Ed25519 signature over timestamp bytes followed by the raw body.</summary>
public sealed class DiscordSignature
{
    private readonly PublicKey key;

    public DiscordSignature(string publicKeyHex)
    {
        key = PublicKey.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(publicKeyHex), KeyBlobFormat.RawPublicKey);
    }

    /// <summary>The longest timestamp taken (Discord's are ten digits): anything longer is refused unread.</summary>
    public const int TimestampMaxBytes = 64;

    /// <summary>False for anything that is not a valid signature: missing, bad hex, wrong length, wrong bytes.</summary>
    public bool Verify(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(timestamp))
        {
            return false;
        }

        // The timestamp is signed as sent: never parse or reformat it.
        var timestampLength = TimestampBytes(timestamp);
        if (timestampLength < 0 || signatureHex is not { Length: 128 })
        {
            return false;
        }

        var message = System.Buffers.ArrayPool<byte>.Shared.Rent(timestampLength + body.Length);
        try
        {
            Encoding.UTF8.GetBytes(timestamp, message);
            body.CopyTo(message.AsSpan(timestampLength));
            return Verify(signatureHex, message.AsSpan(0, timestampLength + body.Length));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(message);
        }
    }

    /// <summary>
    /// <see cref="Verify(string?, string?, ReadOnlySpan{byte})"/> over the signed bytes as one span: the timestamp's
    /// UTF-8 bytes followed by the body. Nothing is allocated, and a bad signature throws nothing.
    /// </summary>
    public bool Verify(string? signatureHex, ReadOnlySpan<byte> timestampAndBody)
    {
        Span<byte> signature = stackalloc byte[64];
        return TryDecode(signatureHex, signature) && SignatureAlgorithm.Ed25519.Verify(key, timestampAndBody, signature);
    }

    /// <summary>How many bytes the timestamp is signed as, or -1 when it is empty or longer than <see cref="TimestampMaxBytes"/>.</summary>
    public static int TimestampBytes(string timestamp)
    {
        if (timestamp.Length == 0 || timestamp.Length > TimestampMaxBytes)
        {
            return -1;
        }

        var length = Encoding.UTF8.GetByteCount(timestamp);
        return length > TimestampMaxBytes ? -1 : length;
    }

    private static bool TryDecode(string? signatureHex, Span<byte> signature) =>
        signatureHex is { Length: 128 }
        && Convert.FromHexString(signatureHex, signature, out _, out var written) == System.Buffers.OperationStatus.Done
        && written == 64;
}
