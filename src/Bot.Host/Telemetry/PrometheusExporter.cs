using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Bot.Runtime.Telemetry;

namespace Bot.Host.Telemetry;

/// <summary>
/// GET /metrics: the meters below, aggregated from a <see cref="MeterListener"/> and written in the Prometheus text
/// format (0.0.4), named as OpenTelemetry's Prometheus exporter names them: `bot.requests` → `bot_requests_total`,
/// `bot.answer.duration` (unit s) → `bot_answer_duration_seconds` with `_bucket`, `_sum`, `_count`.
/// Counters stay counters (so `rate()` and `increase()` work), one listener per host, nothing process-wide.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Published beside the bot's own meter: HTTP server and client, Kestrel, and the runtime (CPU, GC, memory).</summary>
    public static readonly IReadOnlySet<string> PublishedMeters = new HashSet<string>(StringComparer.Ordinal)
    {
        BotTelemetry.Name, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "System.Runtime",
    };

    private static readonly double[] DefaultBuckets = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<Instrument, Family> families = new();
    private readonly Lock scrapeLock = new();

    public PrometheusExporter()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (PublishedMeters.Contains(instrument.Meter.Name))
            {
                families[instrument] = new Family(instrument, BucketsOf(instrument));
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.MeasurementsCompleted = (instrument, _) => families.TryRemove(instrument, out Family? _);
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<float>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<byte>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<short>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<decimal>((i, v, tags, _) => Record(i, (double)v, tags));
        listener.Start();
    }

    /// <summary>The whole exposition, observable instruments read now.</summary>
    public string Scrape()
    {
        var text = new StringBuilder(16 * 1024);
        lock (scrapeLock)
        {
            listener.RecordObservableInstruments();
            // One family per metric name: two meters may define the same instrument (e.g. two hosts' ASP.NET Core meters).
            foreach (var group in families.Values.GroupBy(f => f.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var first = group.First();
                text.Append("# HELP ").Append(first.Name).Append(' ').Append(Escape(first.Help, label: false)).Append('\n');
                text.Append("# TYPE ").Append(first.Name).Append(' ').Append(first.Type).Append('\n');
                foreach (var family in group)
                {
                    family.WriteTo(text);
                }
            }
        }

        return text.ToString();
    }

    public void Dispose() => listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (families.TryGetValue(instrument, out var family))
        {
            family.Record(value, tags);
        }
    }

    private static double[] BucketsOf(Instrument instrument) =>
        instrument switch
        {
            Histogram<double> { Advice.HistogramBucketBoundaries: { Count: > 0 } advised } => [.. advised],
            Histogram<long> { Advice.HistogramBucketBoundaries: { Count: > 0 } advised } => [.. advised.Select(b => (double)b)],
            _ when instrument.Unit == "s" => BotTelemetry.LatencyBuckets,
            _ => DefaultBuckets,
        };

    /// <summary>OpenTelemetry's Prometheus naming: dots to underscores, the unit as a suffix ("{request}" is a count: none), "_total" for counters.</summary>
    internal static string MetricName(Instrument instrument)
    {
        var name = Sanitize(instrument.Name);
        var unit = instrument.Unit switch
        {
            "s" => "seconds",
            "ms" => "milliseconds",
            "By" => "bytes",
            "1" => "ratio",
            null or "" => "",
            var u when u.StartsWith('{') => "",
            var u => Sanitize(u),
        };
        if (unit.Length > 0 && !name.EndsWith("_" + unit, StringComparison.Ordinal))
        {
            name += "_" + unit;
        }

        return IsMonotonic(instrument) && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
    }

    private static bool IsMonotonic(Instrument instrument) =>
        instrument.GetType().IsGenericType && instrument.GetType().GetGenericTypeDefinition() is var t && (t == typeof(Counter<>) || t == typeof(ObservableCounter<>));

    private static string Sanitize(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(chars[i]) || chars[i] == '_' || chars[i] == ':'))
            {
                chars[i] = '_';
            }
        }

        return chars.Length > 0 && char.IsAsciiDigit(chars[0]) ? "_" + new string(chars) : new string(chars);
    }

    private static string Escape(string value, bool label) =>
        label
            ? value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
            : value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>One instrument's series: a sum (counters), a last value (observed gauges) or a histogram, per tag set.</summary>
    private sealed class Family(Instrument instrument, double[] buckets)
    {
        private readonly ConcurrentDictionary<string, Series> series = new(StringComparer.Ordinal);

        /// <summary>
        /// Tag sets already seen, in the order their call site passes them, with their series: a measurement on a hot
        /// path (every HTTP request records several) finds its series without building the label text again.
        /// Copy-on-write; tag sets are few (fixed values, never ids).
        /// </summary>
        private volatile SeenTags[] seen = [];
        private readonly bool observed = instrument.IsObservable;
        private readonly bool histogram = instrument.GetType().IsGenericType && instrument.GetType().GetGenericTypeDefinition() == typeof(Histogram<>);

        public string Name { get; } = MetricName(instrument);

        public string Help { get; } = string.IsNullOrEmpty(instrument.Description) ? instrument.Name : instrument.Description;

        public string Type => histogram ? "histogram" : IsMonotonic(instrument) ? "counter" : "gauge";

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var one = Find(tags);
            lock (one)
            {
                if (histogram)
                {
                    var index = Array.BinarySearch(buckets, value);
                    one.Buckets![index >= 0 ? index : ~index]++;
                    one.Count++;
                    one.Value += value;
                }
                else if (observed)
                {
                    // Observable instruments report the current value (a total, for an observable counter).
                    one.Value = value;
                }
                else
                {
                    one.Value += value;
                }
            }
        }

        private Series Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var hash = Hash(tags);
            var known = seen;
            foreach (var entry in known)
            {
                if (entry.Hash == hash && entry.Matches(tags))
                {
                    return entry.Series;
                }
            }

            var labels = Labels(tags);
            var one = series.GetOrAdd(labels, _ => new Series(histogram ? new long[buckets.Length + 1] : null));
            lock (series)
            {
                // Bounded, in case a caller ever tags with unbounded values: past it, the label text is built each time.
                if (seen.Length < MaxSeenTags)
                {
                    seen = [.. seen, new SeenTags(hash, tags.ToArray(), one)];
                }
            }

            return one;
        }

        private const int MaxSeenTags = 256;

        private static int Hash(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var hash = new HashCode();
            foreach (var (key, value) in tags)
            {
                hash.Add(key);
                hash.Add(value);
            }

            return hash.ToHashCode();
        }

        public void WriteTo(StringBuilder text)
        {
            foreach (var (labels, one) in series.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                lock (one)
                {
                    if (!histogram)
                    {
                        Sample(text, Name, labels, null, one.Value);
                        continue;
                    }

                    long cumulative = 0;
                    for (var i = 0; i < buckets.Length; i++)
                    {
                        cumulative += one.Buckets![i];
                        Sample(text, Name + "_bucket", labels, Number(buckets[i]), cumulative);
                    }

                    Sample(text, Name + "_bucket", labels, "+Inf", one.Count);
                    Sample(text, Name + "_sum", labels, null, one.Value);
                    Sample(text, Name + "_count", labels, null, one.Count);
                }
            }
        }

        private static void Sample(StringBuilder text, string name, string labels, string? le, double value)
        {
            text.Append(name);
            if (labels.Length > 0 || le is not null)
            {
                text.Append('{').Append(labels);
                if (le is not null)
                {
                    text.Append(labels.Length > 0 ? "," : "").Append("le=\"").Append(le).Append('"');
                }

                text.Append('}');
            }

            text.Append(' ').Append(Number(value)).Append('\n');
        }

        /// <summary>The tag set as Prometheus labels, sorted by name so one set is always one series.</summary>
        private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.Length == 0)
            {
                return "";
            }

            var sorted = tags.ToArray();
            Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Key, b.Key));
            var text = new StringBuilder();
            foreach (var (key, value) in sorted)
            {
                if (text.Length > 0)
                {
                    text.Append(',');
                }

                text.Append(Sanitize(key)).Append("=\"").Append(Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", label: true)).Append('"');
            }

            return text.ToString();
        }
    }

    private sealed class SeenTags(int hash, KeyValuePair<string, object?>[] tags, Series series)
    {
        public int Hash { get; } = hash;

        public Series Series { get; } = series;

        public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> other)
        {
            if (other.Length != tags.Length)
            {
                return false;
            }

            for (var i = 0; i < tags.Length; i++)
            {
                if (!string.Equals(tags[i].Key, other[i].Key, StringComparison.Ordinal) || !Equals(tags[i].Value, other[i].Value))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private sealed class Series(long[]? buckets)
    {
        public long[]? Buckets { get; } = buckets;

        public long Count { get; set; }

        public double Value { get; set; }
    }
}
