using System.Text;
using Bot.Engine.Answers;

namespace Bot.Host;

/// <summary>
/// An answer for the console chat: like <see cref="PlainTextRenderer"/> (which `ask` keeps for scripts), but an
/// article quote is indented in quotation marks rather than marked "> ", which is the chat's prompt, and each thing
/// is said once (a "Source:" or "Try" the body already says is not added again).
/// </summary>
public static class ConsoleRenderer
{
    public const string QuoteIndent = "    ";

    public static string Render(Answer answer)
    {
        var text = new StringBuilder();
        text.Append(answer.Title).Append('\n');
        foreach (var block in answer.Body)
        {
            foreach (var line in block.Lines)
            {
                switch (block.Style)
                {
                    case BlockStyle.Bullets:
                        text.Append("• ").Append(line);
                        break;
                    case BlockStyle.Quote:
                        var quote = line.Trim();
                        text.Append(QuoteIndent).Append(quote.StartsWith('“') || quote.StartsWith('"') ? quote : $"“{quote}”");
                        break;
                    default:
                        text.Append(line);
                        break;
                }

                text.Append('\n');
            }
        }

        var bodySaysSources = answer.BodyLines.Any(l => l.StartsWith("Source: ", StringComparison.Ordinal));
        if (answer.Sources.Count > 0 && !bodySaysSources)
        {
            text.Append(answer.Sources.Count == 1 ? "Source: article sentence " : "Source: article sentences ")
                .AppendJoin(", ", answer.Sources.Select(s => s.Sentence)).Append('\n');
        }

        var bodySuggests = answer.SuggestsInBody;
        if (answer.Suggestions.Count > 0 && !bodySuggests)
        {
            text.Append("Try: ").AppendJoin(" · ", answer.Suggestions).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }
}
