using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace Bot.Runtime.Feedback;

/// <summary>
/// One 👍 or 👎 on an answer: what was asked, what kind of answer it got and which fact-set entries it rested on,
/// so whoever maintains <c>responses/</c> can mend them. The person is an opaque id, never their platform id or name.
/// </summary>
public sealed record FeedbackEntry(
    DateTimeOffset At,
    string Platform,
    string User,
    bool Helpful,
    string AnswerKind,
    IReadOnlyList<string> Topics,
    string Question)
{
    /// <summary>
    /// A stable stand-in for a platform user: the same person gets the same id (so repeated votes can be told apart
    /// from many people agreeing), but the id cannot be looked up on the platform.
    /// </summary>
    public static string OpaqueUser(string platform, string? workspace, string userId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"factbot-feedback\n{platform}\n{workspace}\n{userId}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(FeedbackEntry))]
internal sealed partial class FeedbackJsonContext : JsonSerializerContext;
