using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Bot.TestSupport;

namespace Bot.Host.Tests;

public class CommandLineTests
{
    private static readonly string[] Seven = ["Umunna", "Berger", "Gapes", "Leslie", "Coffey", "Smith", "Shuker"];

    [Fact]
    public async Task Ask_prints_the_answer_to_a_slash_command()
    {
        var result = await BotProcess.RunAsync("", null, "ask", "/who-left");

        Assert.Equal(0, result.ExitCode);
        Assert.All(Seven, name => Assert.Contains(name, result.Stdout));
    }

    [Fact]
    public async Task Ask_jsonl_writes_one_json_line_per_input_in_order_and_nothing_else_on_stdout()
    {
        var input = """
            {"text": "/reaction corbyn"}
            {"text": "what did London's mayor say?"}

            {"text": "who quit?"}
            """;

        var result = await BotProcess.RunAsync(input + "\n", null, "ask", "--jsonl");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var answers = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("/reaction corbyn", answers[0].GetProperty("text").GetString());
        Assert.Contains("disappointment", answers[0].GetProperty("answer").GetString());
        Assert.Contains("friends", answers[1].GetProperty("answer").GetString());
        Assert.All(Seven, name => Assert.Contains(name, answers[2].GetProperty("answer").GetString()));
    }

    [Fact]
    public async Task Ask_jsonl_answers_a_bad_line_with_an_error_line_and_carries_on()
    {
        var result = await BotProcess.RunAsync("not json\n{\"txt\": 1}\n{\"text\": \"/summary\"}\n", null, "ask", "--jsonl");

        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.StartsWith("error:", lines[0].GetProperty("answer").GetString());
        Assert.StartsWith("error:", lines[1].GetProperty("answer").GetString());
        Assert.Contains("Summary", lines[2].GetProperty("answer").GetString());
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Console_chat_works_with_piped_input_and_ends_at_quit()
    {
        var result = await BotProcess.RunAsync("/who-left\nwhat did the union say?\n/quit\n/who-left\n");

        Assert.Equal(0, result.ExitCode);
        // Input is piped, so the banner goes to stderr and stdout holds only answers.
        Assert.StartsWith("Console chat:", result.Stderr);
        Assert.Contains("Slack or Discord", result.Stderr);
        Assert.DoesNotContain("Console chat", result.Stdout);
        Assert.Contains("Shuker", result.Stdout);
        Assert.Contains("long and hard look", result.Stdout);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(result.Stdout, "Gavin Shuker"));
    }

    [Fact]
    public async Task Console_chat_ends_cleanly_at_end_of_input()
    {
        var result = await BotProcess.RunAsync("/reaction khan\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("friends", result.Stdout);
    }

    [Fact]
    public async Task A_broken_fact_set_stops_start_up_with_the_file_and_entry_not_a_stack_trace()
    {
        // Everything the fact set is made of (article, general English, ranking), then one broken evidence quote.
        var dir = CopyOfShippedResponses();
        try
        {

            var facts = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "responses", "facts.json"))
                .Replace("\"evidence\": \"Luciana Berger\"", "\"evidence\": \"Luciana Burger\"", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(dir, "facts.json"), facts);

            var result = await BotProcess.RunAsync("", new Dictionary<string, string> { ["Content__ResponsesPath"] = dir }, "ask", "/who-left");

            Assert.Equal(3, result.ExitCode);
            Assert.Contains("facts.json: entities[1] ('berger'): evidence not found in the article: \"Luciana Burger\"", result.Stderr);
            Assert.DoesNotContain("   at ", result.Stderr);
            Assert.Equal("", result.Stdout);

            // The same folder named on the command line instead, and by the service's full configuration stack.
            var viaFlag = await BotProcess.RunAsync("", null, "ask", $"--Content:ResponsesPath={dir}", "/who-left");
            var viaService = await BotProcess.RunAsync("", new Dictionary<string, string> { ["Content__ResponsesPath"] = dir, ["Slack__SigningSecret"] = "x" });
            Assert.Equal(3, viaFlag.ExitCode);
            Assert.Contains("('berger'): evidence not found", viaFlag.Stderr);
            Assert.Equal(3, viaService.ExitCode);
            Assert.Contains("('berger'): evidence not found", viaService.Stderr);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_broken_english_json_stops_questions_and_the_service_but_not_a_one_shot_command()
    {
        var dir = CopyOfShippedResponses();
        try
        {

            File.WriteAllText(Path.Combine(dir, "english.json"), "{ \"schema\": 1, \"stopWords\": [");
            var settings = new Dictionary<string, string> { ["Content__ResponsesPath"] = dir, ["Content__ModelPath"] = "none" };

            var question = await BotProcess.RunAsync("", settings, "ask", "who left?");
            var service = await BotProcess.RunAsync("", new Dictionary<string, string>(settings) { ["Slack__SigningSecret"] = "x" });
            var command = await BotProcess.RunAsync("", settings, "ask", "/who-left");

            Assert.Equal(3, question.ExitCode);
            Assert.Contains("english.json: not valid JSON", question.Stderr);
            Assert.DoesNotContain("   at ", question.Stderr);
            Assert.Equal(3, service.ExitCode);
            Assert.Contains("english.json: not valid JSON", service.Stderr);
            // A slash command reads no question: it needs only the fact set, and answers.
            Assert.Equal(0, command.ExitCode);
            Assert.Contains("Gavin Shuker", command.Stdout);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("Slack__AppToken", "xapp-secret-value-123", "Slack")]
    [InlineData("Discord__Token", "secret-value-123", "Discord")]
    public async Task A_bad_platform_setting_stops_start_up_with_a_plain_message_and_no_secret(string key, string value, string platform)
    {
        // Slack: an app token without a bot token. Discord: a token without the application id.
        var result = await BotProcess.RunAsync("", new Dictionary<string, string> { [key] = value });

        Assert.Equal(3, result.ExitCode);
        Assert.Contains(platform, result.Stderr);
        Assert.DoesNotContain("secret-value-123", result.Stderr + result.Stdout);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public async Task A_shard_range_outside_the_shard_count_stops_start_up_with_one_error_line()
    {
        var result = await BotProcess.RunAsync("", new Dictionary<string, string>
        {
            ["Discord__Token"] = "secret-value-123",
            ["Discord__ApplicationId"] = "123",
            ["Discord__ShardCount"] = "2",
            ["Discord__Shards"] = "1-2",
        });

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("error: Discord:Shards 1-2 is outside Discord:ShardCount 2", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    /// <summary>A temporary folder holding a copy of the shipped responses/, for a test to break one file of.</summary>
    private static string CopyOfShippedResponses()
    {
        var dir = Directory.CreateTempSubdirectory("responses-").FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "responses")))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }

        return dir;
    }

    [Fact]
    public async Task An_unknown_verb_prints_usage_and_fails()
    {
        var result = await BotProcess.RunAsync("", null, "frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage:", result.Stderr);
    }

    [Theory]
    [InlineData("service")]
    [InlineData("console")]
    public async Task A_malformed_appsettings_json_is_one_error_line_naming_the_file_and_exit_3(string mode)
    {
        var dir = CopyOfHostWithSettings("{ \"Logging\": { \"LogLevel\": { \"Default\": \"Information\", } },\n  \"Urls\": \n}");
        try
        {
            var environment = mode == "service" ? new Dictionary<string, string> { ["Slack__SigningSecret"] = "x", ["Slack__BotToken"] = "xoxb-1" } : null;
            var result = await BotProcess.RunFromAsync(dir, "", environment);

            Assert.Equal(3, result.ExitCode);
            var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("error: ", line);
            Assert.Contains("appsettings.json: not valid JSON at line 3", line);
            Assert.Equal("", result.Stdout);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_busy_port_is_one_error_line_naming_Urls_and_exit_3()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var result = await BotProcess.RunAsync("", new Dictionary<string, string>
        {
            ["Slack__SigningSecret"] = "x",
            ["Slack__BotToken"] = "xoxb-1",
            ["Slack__ApiBaseUrl"] = "http://127.0.0.1:9/api/",
            ["Content__ModelPath"] = "none",
            ["Urls"] = $"http://127.0.0.1:{port}",
        });

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"error: Urls: http://127.0.0.1:{port} is already in use", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.DoesNotContain("fail:", result.Stderr);
    }

    [Fact]
    public async Task A_url_that_is_not_one_is_one_error_line_naming_Urls()
    {
        var result = await BotProcess.RunAsync("", new Dictionary<string, string>
        {
            ["Slack__SigningSecret"] = "x",
            ["Slack__BotToken"] = "xoxb-1",
            ["Content__ModelPath"] = "none",
            ["ASPNETCORE_URLS"] = "localhost-5080",
        });

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("error: Urls: 'localhost-5080' is not an http:// or https:// address", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public async Task ASPNETCORE_URLS_is_where_the_service_listens_and_urls_on_the_command_line_wins_over_it()
    {
        var viaVariable = FreePort();
        await using (var service = BotHostProcess.Start(SlackHttp(new() { ["Urls"] = "", ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{viaVariable}" })))
        {
            Assert.Equal(viaVariable, (await service.ListeningAsync(TimeSpan.FromSeconds(60))).Port);
        }

        var viaFlag = FreePort();
        await using (var service = BotHostProcess.Start(SlackHttp(new() { ["Urls"] = "", ["ASPNETCORE_URLS"] = "http://127.0.0.1:1" }), "--urls", $"http://127.0.0.1:{viaFlag}"))
        {
            Assert.Equal(viaFlag, (await service.ListeningAsync(TimeSpan.FromSeconds(60))).Port);
        }
    }

    [Fact]
    public async Task A_setting_given_as_two_arguments_starts_the_service_like_the_key_equals_value_form()
    {
        // No platform variable at all: only the space form turns Slack on, so a console chat would mean it was ignored.
        await using var service = BotHostProcess.Start(
            new Dictionary<string, string>(), "--Slack:SigningSecret", "space-form-secret", "--Slack:BotToken", "xoxb-space", "--Slack:ApiBaseUrl", "http://127.0.0.1:9/api/");
        var address = await service.ListeningAsync(TimeSpan.FromSeconds(60));
        using var http = new HttpClient();
        using var unsigned = await http.PostAsync(new Uri(address, "/slack/events"), new StringContent("command=%2Fwho-left"));
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
    }

    [Fact]
    public void Space_form_settings_are_read_but_verb_switches_are_not_taken_for_settings()
    {
        Assert.Equal(
            ["--Slack:BotToken=xoxb-1", "--Content:ModelPath=none", "--Discord:GuildId=1"],
            BotConfiguration.SettingArguments(["--Slack:BotToken", "xoxb-1", "--jsonl", "--Content:ModelPath=none", "--http", "https://x", "--Discord:GuildId", "1"]));
    }

    [Fact]
    public async Task Help_lists_every_verb_and_the_settings()
    {
        var result = await BotProcess.RunAsync("", null, "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var expected in new[] { "ask \"<text>\"", "ask --explain", "ask --jsonl", "eval", "calibrate", "slack-manifest", "discord-register", "discord invite", "--version", "--Slack:BotToken=", "--Discord:Token=", "--urls", "--Logging:Format=json" })
        {
            Assert.Contains(expected, result.Stdout);
        }
    }

    [Fact]
    public async Task Version_prints_the_version_and_does_not_open_the_chat()
    {
        var result = await BotProcess.RunAsync("/who-left\n", null, "--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^Bot\.Host \d+\.\d+\.\d+", result.Stdout);
        Assert.DoesNotContain("Console chat", result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task Ctrl_C_leaves_the_console_chat_while_it_waits_for_a_line()
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bot.Host.dll"));
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Slack__", StringComparison.Ordinal) || k.StartsWith("Discord__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        using var chat = System.Diagnostics.Process.Start(start)!;
        var stdout = chat.StandardOutput.ReadToEndAsync();
        // Starting may be slow while the other test projects load the sentence model on the same two cores; what is tested
        // is the time from Ctrl-C to the exit, so each has its own allowance.
        using (var starting = new CancellationTokenSource(TimeSpan.FromSeconds(150)))
        {
            // The banner (on stderr: input is a pipe) says the chat is reading; stdin stays open, so it waits for a line.
            while (await chat.StandardError.ReadLineAsync(starting.Token) is { } line && !line.StartsWith("Console chat:", StringComparison.Ordinal))
            {
            }
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using (var interrupt = System.Diagnostics.Process.Start("kill", ["-INT", chat.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync(timeout.Token);
        }

        await chat.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, chat.ExitCode);
        Assert.Equal("", (await stdout).Trim());
    }

    [Fact]
    public async Task Healthcheck_exits_0_while_the_service_answers_and_1_when_nothing_listens()
    {
        await using var service = BotHostProcess.Start(SlackHttp([]));
        var root = await service.ListeningAsync(TimeSpan.FromSeconds(60));

        var healthy = await BotProcess.RunAsync("", new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://+:{root.Port}" }, "healthcheck");
        var nobody = await BotProcess.RunAsync("", null, "healthcheck", "--urls", $"http://127.0.0.1:{FreePort()}");

        Assert.Equal(0, healthy.ExitCode);
        Assert.Equal(1, nobody.ExitCode);
        Assert.StartsWith("unhealthy: http://127.0.0.1:", nobody.Stderr);
    }

    private static Dictionary<string, string> SlackHttp(Dictionary<string, string> extra)
    {
        var settings = new Dictionary<string, string> { ["Slack__SigningSecret"] = "x", ["Slack__BotToken"] = "xoxb-1", ["Slack__ApiBaseUrl"] = "http://127.0.0.1:9/api/" };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>The host's files (not its model or native libraries: nothing here gets that far) with this appsettings.json.</summary>
    private static string CopyOfHostWithSettings(string settings)
    {
        var dir = Directory.CreateTempSubdirectory("host-").FullName;
        foreach (var file in Directory.GetFiles(AppContext.BaseDirectory))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(dir, "appsettings.json"), settings);
        return dir;
    }
}
