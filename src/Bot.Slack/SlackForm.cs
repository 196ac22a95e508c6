using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Bot.Slack;

/// <summary>
/// The fields of a form-encoded Slack request that the endpoint reads: a slash command's, or an interaction's
/// <c>payload</c>. Each holds what <see cref="QueryHelpers.ParseQuery(string?)"/> of the whole body would (same pairs,
/// same decoding, names matched without regard to case, a repeated field's values together), but the body is read
/// from its bytes once, and no string is made for the other fields (token, trigger_id, names, ...).
/// </summary>
internal readonly struct SlackForm
{
    public StringValues Command { get; private init; }
    public StringValues Text { get; private init; }
    public StringValues TeamId { get; private init; }
    public StringValues ChannelId { get; private init; }
    public StringValues UserId { get; private init; }
    public StringValues ResponseUrl { get; private init; }
    public StringValues Payload { get; private init; }

    public static SlackForm Parse(ReadOnlySpan<byte> body)
    {
        // The same chars Encoding.UTF8.GetString would give (invalid bytes become U+FFFD), in a pooled buffer.
        var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(body.Length));
        try
        {
            var length = Encoding.UTF8.GetChars(body, chars);
            StringValues command = default, text = default, team = default, channel = default, user = default, responseUrl = default, payload = default;
            foreach (var pair in new QueryStringEnumerable(chars.AsMemory(0, length)))
            {
                var name = pair.DecodeName().Span;
                ref var field = ref Field(name, ref command, ref text, ref team, ref channel, ref user, ref responseUrl, ref payload);
                if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref field))
                {
                    field = StringValues.Concat(field, AsString(pair.DecodeValue()));
                }
            }

            return new SlackForm
            {
                Command = command,
                Text = text,
                TeamId = team,
                ChannelId = channel,
                UserId = user,
                ResponseUrl = responseUrl,
                Payload = payload,
            };
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>A decoded value as a string: the one decoding made, when it made one, else a copy of the body's chars.</summary>
    private static string AsString(ReadOnlyMemory<char> value) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetString(value, out var text, out var start, out var length) && start == 0 && length == text.Length
            ? text
            : value.ToString();

    private static ref StringValues Field(
        ReadOnlySpan<char> name, ref StringValues command, ref StringValues text, ref StringValues team, ref StringValues channel, ref StringValues user,
        ref StringValues responseUrl, ref StringValues payload)
    {
        // ParseQuery's dictionary compares names ignoring case.
        if (name.Equals("command", StringComparison.OrdinalIgnoreCase))
        {
            return ref command;
        }

        if (name.Equals("text", StringComparison.OrdinalIgnoreCase))
        {
            return ref text;
        }

        if (name.Equals("team_id", StringComparison.OrdinalIgnoreCase))
        {
            return ref team;
        }

        if (name.Equals("channel_id", StringComparison.OrdinalIgnoreCase))
        {
            return ref channel;
        }

        if (name.Equals("user_id", StringComparison.OrdinalIgnoreCase))
        {
            return ref user;
        }

        if (name.Equals("response_url", StringComparison.OrdinalIgnoreCase))
        {
            return ref responseUrl;
        }

        if (name.Equals("payload", StringComparison.OrdinalIgnoreCase))
        {
            return ref payload;
        }

        return ref System.Runtime.CompilerServices.Unsafe.NullRef<StringValues>();
    }
}
