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
            switch (verb)
            {
                case "slack-manifest" or "slack":
                    return await SlackCli.RunAsync(args, BotConfiguration.Build(args[1..]), Console.Out, Console.Error, stop.Token);
                case "discord-register" or "discord":
                    return await DiscordCli.RunAsync(args, BotConfiguration.Build(args[1..]), Console.Out, Console.Error, stop.Token);
                case "-h" or "--help" or "help":
                    Console.Out.WriteLine(Usage);
                    return 0;
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
    }

    private const string Usage = """
        usage: Bot.Host                      run the bot (console chat when no platform is configured)
               Bot.Host ask "<text>"         print one answer ("/cmd arg" is a command, anything else a mention)
               Bot.Host ask --jsonl          answer JSON lines {"text": ...} from stdin, one JSON line each;
                                             lines with the same "thread": "..." share a conversation
               Bot.Host eval FILE.jsonl [--min 0.95] [--failures N]
                                             score a question set (score.py's format); exit 1 below --min
               Bot.Host slack-manifest [--http <public-url>]   print the Slack app manifest
               Bot.Host discord-register     register the slash commands with Discord
        """;
}
