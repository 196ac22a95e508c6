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

    /// <summary>False for anything that is not a valid signature: missing, bad hex, wrong length, wrong bytes.</summary>
    public bool Verify(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(signatureHex) || string.IsNullOrEmpty(timestamp) || signatureHex.Length != 128)
        {
            return false;
        }

        Span<byte> signature = stackalloc byte[64];
        if (Convert.FromHexString(signatureHex, signature, out _, out var written) != System.Buffers.OperationStatus.Done || written != 64)
        {
            return false;
        }

        // The timestamp is signed as sent: never parse or reformat it.
        var timestampLength = Encoding.UTF8.GetByteCount(timestamp);
        if (timestampLength > 64)
        {
            return false;
        }

        var message = new byte[timestampLength + body.Length];
        Encoding.UTF8.GetBytes(timestamp, message);
        body.CopyTo(message.AsSpan(timestampLength));
        return SignatureAlgorithm.Ed25519.Verify(key, message, signature);
    }
}
