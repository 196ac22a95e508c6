// A small closed-loop load generator for POST /slack/events: N connections, each sending freshly
// signed slash commands back to back; reports requests/s, latency percentiles and the server's RSS.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

var options = Args.Parse(args);
var commands = new[]
{
    ("/who-left", ""), ("/reaction", "corbyn"), ("/summary", ""), ("/ask", "why did they leave?"), ("/reaction", "lib dems"),
};
var key = Encoding.UTF8.GetBytes(options.Secret);

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    BaseAddress = new Uri(options.Url),
    Timeout = TimeSpan.FromSeconds(10),
};

Console.Error.WriteLine($"warm-up {options.Warmup} s, then {options.Duration} s at {options.Connections} connections against {options.Url}");
await RunAsync(TimeSpan.FromSeconds(options.Warmup), record: false);
var cpuBefore = options.Pid is { } p0 ? CpuTicks(p0) : 0;
var (latencies, errors, elapsed) = await RunAsync(TimeSpan.FromSeconds(options.Duration), record: true);
var cpuAfter = options.Pid is { } p1 ? CpuTicks(p1) : 0;

latencies.Sort();
double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p / 100 * latencies.Count) - 1)] * 1000.0 / Stopwatch.Frequency;
// /proc ticks are 1/100 s: server CPU per answered request, a figure that the machine's other load disturbs less.
var cpu = options.Pid is null ? "" : string.Create(CultureInfo.InvariantCulture, $"server_cpu_us_per_request={(cpuAfter - cpuBefore) * 10_000.0 / Math.Max(1, latencies.Count):F1} ");
var rss = options.Pid is { } pid ? cpu + ReadStatus(pid) : "";
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"requests={latencies.Count} errors={errors} seconds={elapsed.TotalSeconds:F1} rps={latencies.Count / elapsed.TotalSeconds:F0} p50_ms={Percentile(50):F3} p90_ms={Percentile(90):F3} p99_ms={Percentile(99):F3} max_ms={Percentile(100):F3} {rss}"));
return errors == 0 ? 0 : 1;

async Task<(List<long> Latencies, int Errors, TimeSpan Elapsed)> RunAsync(TimeSpan duration, bool record)
{
    var all = new List<long>[options.Connections];
    var errorCount = 0;
    var clock = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, options.Connections).Select(async worker =>
    {
        var mine = all[worker] = new List<long>(100_000);
        var i = worker;
        while (clock.Elapsed < duration)
        {
            var (command, text) = commands[i++ % commands.Length];
            var body = Encoding.UTF8.GetBytes(
                $"token=x&team_id=T1&team_domain=bench&channel_id=C1&channel_name=bench&user_id=U{worker}&user_name=bench&command={Uri.EscapeDataString(command)}&text={Uri.EscapeDataString(text)}&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1%2F1%2Fx&trigger_id=1.2.3");
            var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"v0:{ts}:").Concat(body).ToArray()));
            // --baseline: GET /healthz, the floor Kestrel and the loopback set on this machine.
            using var request = options.Baseline
                ? new HttpRequestMessage(HttpMethod.Get, "/healthz")
                : new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new ByteArrayContent(body) };
            if (!options.Baseline)
            {
                request.Content!.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
                request.Headers.Add("X-Slack-Request-Timestamp", ts);
                request.Headers.Add("X-Slack-Signature", signature);
            }

            var start = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.SendAsync(request);
                var content = await response.Content.ReadAsByteArrayAsync();
                var took = Stopwatch.GetTimestamp() - start;
                if (response.StatusCode != HttpStatusCode.OK || content.Length == 0)
                {
                    Interlocked.Increment(ref errorCount);
                }
                else if (record)
                {
                    mine.Add(took);
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref errorCount);
            }
        }
    }).ToArray();
    await Task.WhenAll(workers);
    return (all.SelectMany(l => l).ToList(), errorCount, clock.Elapsed);
}

static long CpuTicks(int pid)
{
    // Fields 14 and 15 (utime, stime) of /proc/<pid>/stat, counted after the command name's closing parenthesis.
    var stat = File.ReadAllText($"/proc/{pid}/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
}

static string ReadStatus(int pid)
{
    var lines = File.ReadAllLines($"/proc/{pid}/status");
    string Get(string name) => lines.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal))?.Split(':', 2)[1].Trim().Replace(" kB", "", StringComparison.Ordinal) ?? "?";
    return $"server_rss_kb={Get("VmRSS")} server_peak_rss_kb={Get("VmHWM")}";
}

internal sealed record Args(string Url, int Connections, int Duration, int Warmup, string Secret, int? Pid, bool Baseline)
{
    public static Args Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        var pid = Value("--pid", "");
        return new Args(
            Value("--url", "http://127.0.0.1:5080"),
            int.Parse(Value("--connections", "32"), CultureInfo.InvariantCulture),
            int.Parse(Value("--duration", "15"), CultureInfo.InvariantCulture),
            int.Parse(Value("--warmup", "3"), CultureInfo.InvariantCulture),
            Value("--secret", "bench-signing-secret"),
            pid.Length > 0 ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            args.Contains("--baseline"));
    }
}
