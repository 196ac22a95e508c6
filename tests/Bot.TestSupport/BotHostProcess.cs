using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Bot.TestSupport;

/// <summary>
/// The built Bot.Host (Bot.Host.dll beside the test assembly) as a real process, started with only the platform settings
/// a test gives it (none leak in from the environment), and stopped with SIGTERM as an orchestrator would stop it.
/// </summary>
public sealed class BotHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly Task<string> _stdout;

    private BotHostProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _stderr.Enqueue(e.Data);
            }
        };
        _process.BeginErrorReadLine();
        _stdout = _process.StandardOutput.ReadToEndAsync();
    }

    /// <summary>
    /// Starts the service with these settings (environment form: "Slack__BotToken"), words only and on a free port
    /// (a setting "Urls" of "" leaves the variable out, for tests of ASPNETCORE_URLS and --urls), and these arguments.
    /// </summary>
    public static BotHostProcess Start(IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bot.Host.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Slack__", StringComparison.Ordinal) || k.StartsWith("Discord__", StringComparison.Ordinal) || k.StartsWith("Redis__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["Content__ModelPath"] = "none";
        start.Environment["Urls"] = "http://127.0.0.1:0";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        if (settings.TryGetValue("Urls", out var urls) && urls.Length == 0)
        {
            start.Environment.Remove("Urls");
        }

        return new BotHostProcess(Process.Start(start)!);
    }

    /// <summary>Every line written to stderr (the log) so far.</summary>
    public IReadOnlyList<string> StandardError => [.. _stderr];

    public int ExitCode => _process.ExitCode;

    /// <summary>The process id (a Redis consumer's name starts with the host name and it).</summary>
    public int Id => _process.Id;

    /// <summary>The address Kestrel reports it listens on ("Now listening on: ...").</summary>
    public async Task<Uri> ListeningAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            if (_stderr.FirstOrDefault(l => l.Contains("Now listening on: ", StringComparison.Ordinal)) is { } line)
            {
                // The plain line ends with the address; a JSON line (Logging:Format=json) quotes it.
                return new Uri(System.Text.RegularExpressions.Regex.Match(line[line.IndexOf("Now listening on: ", StringComparison.Ordinal)..], @"https?://[^\s""]+").Value);
            }

            await Task.Delay(20, cancel.Token);
        }
    }

    /// <summary>Sends SIGTERM and waits for the process to exit; returns how long it took.</summary>
    public async Task<TimeSpan> TerminateAsync(TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(timeout);
        await _stdout;
        return stopwatch.Elapsed;
    }

    /// <summary>kill -9: no drain, no goodbye, as a crashed or evicted replica ends.</summary>
    public async Task KillAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-KILL", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(timeout);
    }

    /// <summary>Waits until a log line contains <paramref name="text"/>; returns it.</summary>
    public async Task<string> LogLineAsync(string text, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            if (_stderr.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            await Task.Delay(20, cancel.Token);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
