using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bot.Slack;

/// <summary>Slack's v0 request signature: HMAC-SHA256 of "v0:{timestamp}:{raw body}" keyed with the signing secret.</summary>
public sealed class SlackSignatureVerifier
{
    /// <summary>Slack's replay window; older or newer requests are refused.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(300);

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
        if (string.IsNullOrEmpty(timestampHeader) || string.IsNullOrEmpty(signatureHeader)
            || !long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return false;
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - timestamp) > (long)MaxClockSkew.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(timestampHeader, body));
        var actual = Encoding.ASCII.GetBytes(signatureHeader);
        // Length differs only for garbage headers, which leaks nothing about the secret.
        return CryptographicOperations.FixedTimeEquals(expected, actual);
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
