using Bot.Discord;
using Bot.Engine;
using Bot.Slack;

namespace Bot.Host;

/// <summary>The verbs of `dotnet run --project src/Bot.Host -- [verb]`.</summary>
public static class BotCommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        try
        {
            var verb = args.Length > 0 ? args[0] : "";
            if (verb is "--version" or "version")
            {
                Console.Out.WriteLine($"Bot.Host {Version}");
                return 0;
            }

            if (verb is "-h" or "--help" or "help")
            {
                Console.Out.WriteLine(Usage);
                return 0;
            }

            // Before any configuration is read: a broken file would otherwise end in a .NET stack trace.
            StartupChecks.EnsureSettingsFileReadable();
            switch (verb)
            {
                case "slack-manifest" or "slack":
                    {
                        var settings = BotConfiguration.Build(args[1..]);
                        // The assistant pane's suggested prompts are the fact set's example questions.
                        return await SlackCli.RunAsync(
                            args, settings, Console.Out, Console.Error, stop.Token, () => Bot.Engine.Content.FactSetLoader.Load(ContentSettings.Load(settings).ResponsesPath).Examples);
                    }
                case "healthcheck":
                    {
                        // The service's own precedence: --urls, then Urls, then ASPNETCORE_URLS.
                        var settings = BotConfiguration.Build(args[1..]);
                        var urls = settings["urls"] is { Length: > 0 } fromSettings ? fromSettings : Environment.GetEnvironmentVariable("ASPNETCORE_URLS");
                        return await HealthProbe.RunAsync(urls, Console.Error, stop.Token);
                    }

                case "feedback":
                    return await FeedbackCommand.RunAsync(args[1..], TimeProvider.System, Console.Out, Console.Error, stop.Token);
                case "discord-register" or "discord":
                    return await DiscordCli.RunAsync(args, BotConfiguration.Build(args[1..]), Console.Out, Console.Error, stop.Token);
                default:
                    if (verb.Length > 0 && !verb.StartsWith('-'))
                    {
                        Console.Error.WriteLine($"Unknown verb '{verb}'.\n{Usage}");
                        return 2;
                    }

                    return await BotHost.RunAsync(args, stop.Token);
            }
        }
        catch (FactSetException ex)
        {
            // A broken fact set is an operator's problem: say which file and entry, not a stack trace.
            Console.Error.WriteLine($"error: {ex.Message}");
            return 3;
        }
        catch (Exception ex) when (ex is ConfigurationException or SlackConfigurationException or DiscordConfigurationException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 3;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            // Host:ShutdownTimeout, Replies:*: each failure names its key and the allowed range.
            Console.Error.WriteLine($"error: {string.Join("; ", ex.Failures)}");
            return 3;
        }
        catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            // The port was taken between StartupChecks and Kestrel's bind.
            Console.Error.WriteLine($"error: {StartupChecks.AddressInUse(ex)}");
            return 3;
        }
    }

    /// <summary>The informational version (with the commit, when the build knew it).</summary>
    public static string Version =>
        typeof(BotCommandLine).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0.0.0";

    private const string Usage = """
        usage: Bot.Host [--Key=value ...]        run the bot: Slack and/or Discord when configured, else a console chat
               Bot.Host ask "<text>"             print one answer ("/cmd arg" is a command, anything else a mention)
               Bot.Host ask --explain "<text>"   the same, with the ranking details on stderr
               Bot.Host ask --jsonl              answer JSON lines {"text": ...} from stdin, one JSON line each;
                                                 lines with the same "thread": "..." share a conversation
               Bot.Host ask --jsonl --explain    the same, with each answer's retrievals on stderr
               Bot.Host eval FILE.jsonl [--min 0.95] [--failures N]
                                                 score a question set; exit 1 below --min
               Bot.Host calibrate FILE.jsonl ... [--write responses]
                                                 fit the ranking weights and thresholds
               Bot.Host slack-manifest [--http https://<public-host>]
                                                 print the Slack app manifest (Socket Mode, or HTTP mode at that URL)
               Bot.Host discord-register         register the slash commands with Discord (also: discord register)
               Bot.Host discord invite           print the two install URLs: to a server, and for yourself (user install)
               Bot.Host feedback [--since 7d]    list the 👍 and 👎 on answers, with the question and the fact-set entries
               Bot.Host healthcheck [--urls URL]  exit 0 if the service on this machine answers GET /healthz (containers)
               Bot.Host --version                print the version
               Bot.Host --help                   this text

        settings: any key of appsettings.json, as --Key=value or --Key value on the command line, or as an
        environment variable with "__" for ":" (Slack__BotToken). The main ones (README.md, Settings, has them all):
               --Slack:BotToken=xoxb-...  --Slack:AppToken=xapp-...  --Slack:SigningSecret=...
               --Discord:Token=...  --Discord:ApplicationId=...  --Discord:PublicKey=...  --Discord:GuildId=...
               --Content:ResponsesPath=DIR  --Content:ModelPath=DIR|none  --Content:CachePath=DIR
               --urls http://127.0.0.1:5080 (or Urls, ASPNETCORE_URLS)  --Logging:Format=json
               --Host:ShutdownTimeout=00:00:25  --Replies:RetryWindow=00:10:00
        exit codes: 0 done, 1 failed (eval below --min, a platform refused), 2 usage error, 3 a setting or file is wrong
        """;

}
