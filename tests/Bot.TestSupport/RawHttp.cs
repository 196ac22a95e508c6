using System.Net.Sockets;
using System.Text;

namespace Bot.TestSupport;

/// <summary>HTTP/1.1 by hand, for what HttpClient will not do: send part of a body, then stop.</summary>
public static class RawHttp
{
    /// <summary>
    /// POSTs headers announcing <paramref name="declaredLength"/> bytes but sends only <paramref name="partialBody"/>,
    /// then half-closes (the client gives up). Returns the status code the server answered with, or null if it only hung up.
    /// </summary>
    public static async Task<int?> PostCutOffAsync(Uri root, string path, IEnumerable<(string Name, string Value)> headers, string partialBody, int declaredLength, TimeSpan timeout)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(root.Host, root.Port);
        var stream = client.GetStream();
        var head = new StringBuilder($"POST {path} HTTP/1.1\r\nHost: {root.Authority}\r\nContent-Length: {declaredLength}\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("\r\n").Append(partialBody);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        await stream.FlushAsync();
        client.Client.Shutdown(SocketShutdown.Send);

        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        var received = new StringBuilder();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cts.Token)) > 0)
            {
                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (IOException)
        {
            // Reset by the server: it hung up too.
        }

        var text = received.ToString();
        return text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(text.AsSpan(9, 3), out var status) ? status : null;
    }
}
