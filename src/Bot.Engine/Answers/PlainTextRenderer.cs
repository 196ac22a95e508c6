using System.Text;

namespace Bot.Engine.Answers;

/// <summary>Renders an answer as plain text: the console, `ask`, and the platforms' notification fallbacks.</summary>
public static class PlainTextRenderer
{
    public static string Render(Answer answer, bool includeSources = true)
    {
        var text = new StringBuilder();
        text.Append(answer.Title).Append('\n');
        foreach (var block in answer.Body)
        {
            foreach (var line in block.Lines)
            {
                text.Append(block.Style switch
                {
                    BlockStyle.Bullets => "• ",
                    BlockStyle.Quote => "> ",
                    _ => "",
                }).Append(line).Append('\n');
            }
        }

        if (includeSources && answer.Sources.Count > 0)
        {
            text.Append(answer.Sources.Count == 1 ? "Source: article sentence " : "Source: article sentences ")
                .AppendJoin(", ", answer.Sources.Select(s => s.Sentence)).Append('\n');
        }

        if (answer.Suggestions.Count > 0)
        {
            text.Append("Try: ").AppendJoin(" · ", answer.Suggestions).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }
}
