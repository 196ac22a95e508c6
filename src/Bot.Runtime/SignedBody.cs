using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Bot.Runtime;

/// <summary>
/// A webhook body read once, behind the bytes its signature also covers (Slack's "v0:{timestamp}:", Discord's timestamp),
/// into a buffer from the shared pool: the signature is checked over it in place, and the payload parsed from it after.
/// </summary>
public static class SignedBody
{
    /// <summary>
    /// <paramref name="prefix"/> bytes written by <paramref name="writePrefix"/> (none when 0), then the body; the caller
    /// returns the buffer to <see cref="ArrayPool{T}.Shared"/>. A null buffer when the body is over <paramref name="maxBodyBytes"/>.
    /// </summary>
    public static async Task<(byte[]? Buffer, int Length)> ReadAsync<TState>(
        HttpRequest request, int prefix, int maxBodyBytes, TState state, Action<TState, byte[]> writePrefix)
    {
        var expected = (int)Math.Min(request.ContentLength ?? 4096, maxBodyBytes);
        var buffer = ArrayPool<byte>.Shared.Rent(prefix + expected + 1);
        var length = prefix;
        try
        {
            if (prefix > 0)
            {
                writePrefix(state, buffer);
            }

            while (true)
            {
                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), CancellationToken.None);
                if (read == 0)
                {
                    return (buffer, length);
                }

                length += read;
                if (length - prefix > maxBodyBytes)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return (null, 0);
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
