using System.Diagnostics;

namespace Bot.Host.Tests;

/// <summary>Runs the built Bot.Host as a real process, the way a user or the eval script does.</summary>
internal static class BotProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Task<Result> RunAsync(string stdin, IReadOnlyDictionary<string, string>? environment = null, params string[] args) =>
        RunFromAsync(AppContext.BaseDirectory, stdin, environment, args);

    /// <summary>Runs the Bot.Host.dll in <paramref name="directory"/> (a copy with its own appsettings.json, say).</summary>
    public static async Task<Result> RunFromAsync(string directory, string stdin, IReadOnlyDictionary<string, string>? environment = null, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(), // the binary must not depend on the caller's directory
        };
        start.ArgumentList.Add(Path.Combine(directory, "Bot.Host.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // No platform tokens leak in from the machine running the tests.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Slack__", StringComparison.Ordinal) || k.StartsWith("Discord__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
