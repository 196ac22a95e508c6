using System.Text.RegularExpressions;
using Bot.Engine.Content;

namespace Bot.Engine.Understanding;

/// <summary>One name read from a command argument: an entity of the fact set, or words that look like a name it doesn't know.</summary>
/// <param name="Entity">The entity meant, or null for a name the fact set doesn't know.</param>
/// <param name="Words">The words the name was given in (lower case): what to say back for an unknown name.</param>
public sealed record ArgumentName(Entity? Entity, IReadOnlyList<string> Words)
{
    public bool IsKnown => Entity is not null;
}

/// <summary>
/// The argument of a name-taking slash command (/who-left, /reaction) read as a person means it:
/// "is chuka one of them", "chuka, berger and diane abbott", "what did khan say on facebook".
/// Platform mention syntax, emoji, punctuation, question words, auxiliaries and filler are not names;
/// several names come back one by one (never glued into one), known entities first resolved by
/// <see cref="EntityIndex"/>, unknown leftovers kept only when they look like a name.
/// Nothing here knows any article: the names come from the fact set, the words from general English.
/// </summary>
/// <param name="Names">The names, in the order given, each once, at most <see cref="MaxNames"/>.</param>
/// <param name="Omitted">How many further names were given past <see cref="MaxNames"/>.</param>
/// <param name="HasPlatformMention">
/// A Slack or Discord user, channel or role mention (or an @name that is no name of the fact set) was given:
/// it can't be read as a person of the article. Only worth saying when <see cref="Names"/> is empty.
/// </param>
public sealed partial record CommandArgument(IReadOnlyList<ArgumentName> Names, int Omitted, bool HasPlatformMention)
{
    /// <summary>At most this many names are answered from one argument; the rest are counted in <see cref="Omitted"/>.</summary>
    public const int MaxNames = 5;

    /// <summary>An unknown name is said back only if it has at most this many words.</summary>
    public const int MaxNameWords = 4;

    /// <summary>What a general-English word means to the argument reader: english.json's "argumentWords" say which word plays which role.</summary>
    private enum Role
    {
        /// <summary>Chat filler and question frames: never part of a name ("pls", "lol", "go" in "did X go too").</summary>
        Filler,

        /// <summary>Joins two names ("corbyn and cable").</summary>
        Joiner,

        /// <summary>After a name, starts what is said about it, not another name ("khan on facebook", "chuka among them").</summary>
        Context,

        /// <summary>A stop word that also ends real names ("Theresa May"): kept at the end of a name.</summary>
        NameEnd,
    }


    public bool IsEmpty => Names.Count == 0;

    /// <summary>Reads a command argument (already one line of plain text) against the fact set's entities.</summary>
    public static CommandArgument Parse(string text, EntityIndex entities)
    {
        var mention = false;
        text = PlatformToken().Replace(text, match =>
        {
            // Users, roles, channels and @here: someone or somewhere on the platform, never a person of the article.
            mention |= match.Groups["kind"].Value is "@" or "#" or "!";
            return ",";
        });
        text = EmojiShortcode().Replace(text, " ");

        var lexicon = entities.Lexicon;
        var names = new List<ArgumentName>();
        foreach (var chunk in text.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var segment in Segments(Tokens(chunk), entities))
            {
                var read = ReadSegment(segment, entities, lexicon);
                names.AddRange(read);
                // "@dave": a platform user typed by hand, unless it names someone of the article ("@Corbyn").
                mention |= segment.Any(w => w.Marked) && !read.Any(n => n.IsKnown);
            }
        }

        var distinct = names.DistinctBy(n => n.Entity?.Id ?? "?" + string.Join(' ', n.Words)).ToList();
        return distinct.Count <= MaxNames
            ? new CommandArgument(distinct, 0, mention)
            : new CommandArgument(distinct[..MaxNames], distinct.Count - MaxNames, mention);
    }

    private static readonly char[] Separators = [',', ';', '&', '+', '/', '|', '?', '!', '\n', '\t'];

    /// <summary>
    /// Slack and Discord markup: &lt;@U123&gt;, &lt;@!123&gt;, &lt;@&amp;123&gt;, &lt;#C123|general&gt;, &lt;!here&gt;,
    /// &lt;:emoji:123&gt;, &lt;a:emoji:123&gt;, &lt;t:1700000000:R&gt;, &lt;/command:123&gt;, &lt;https://link|label&gt;.
    /// </summary>
    [GeneratedRegex(@"<(?<kind>[@#!/]|a?:|t:|[a-z][a-z0-9+.\-]*:)[^<>\s|]*(?:\|[^<>]*)?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PlatformToken();

    /// <summary>Slack sends emoji as :shortcode: (":pray:", ":+1::skin-tone-2:").</summary>
    [GeneratedRegex(@":[a-z0-9_+\-']+:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EmojiShortcode();

    /// <summary>One word of the argument, lower case; capitalised as typed; typed as "@word" or "#word".</summary>
    private readonly record struct Word(string Text, bool Capitalized, bool Marked);

    private static List<Word> Tokens(string chunk)
    {
        var words = new List<Word>();
        foreach (var token in chunk.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var marked = token.TrimStart('(', '[', '"', '\'', '\u201c', '\u2018') is ['@' or '#', ..];
            foreach (var typed in Words.SplitKeepingCase(token))
            {
                words.Add(new Word(typed.ToLowerInvariant(), char.IsUpper(typed[0]), marked));
            }
        }

        return words;
    }

    /// <summary>Splits at joining words ("and", "or") unless the word is part of a name ("Blair and Brown era MPs").</summary>
    private static List<Word[]> Segments(List<Word> words, EntityIndex entities)
    {
        var lexicon = entities.Lexicon;
        var covered = Covered(words, entities);
        var segments = new List<Word[]>();
        var start = 0;
        for (var i = 0; i <= words.Count; i++)
        {
            if (i == words.Count || (RoleOf(words[i].Text, lexicon) == Role.Joiner && !covered.Contains(i)))
            {
                if (i > start)
                {
                    segments.Add([.. words.Skip(start).Take(i - start)]);
                }

                start = i + 1;
            }
        }

        return segments;
    }

    /// <summary>The names in one stretch of words without a separator: usually one, two if two are named side by side.</summary>
    private static List<ArgumentName> ReadSegment(Word[] segment, EntityIndex entities, Lexicon lexicon)
    {
        // The whole stretch as one name first, as /reaction always read it: "the mayor of London", "corbyyn", "jeremy corbyn mp".
        if (entities.Resolve(Join(segment)) is { } whole)
        {
            return [new ArgumentName(whole, Texts(segment))];
        }

        // "is chuka one of them", "what did sadiq kahn say on facebook": question frame before, context after.
        var start = 0;
        while (start < segment.Length && IsFrame(segment[start].Text, lexicon))
        {
            start++;
        }

        var end = start + CutAt(segment[start..], Covered(segment[start..], entities), lexicon);
        end = start + NameEndAt(segment[start..end], lexicon);
        if (end == start)
        {
            return [];
        }

        var core = segment[start..end];
        if (core.Length < segment.Length && entities.Resolve(Join(core)) is { } trimmed)
        {
            return [new ArgumentName(trimmed, Texts(core))];
        }

        // Several names side by side ("chuka berger"), or a name beside words that are not one. A typo-matched word
        // counts only when nothing else unknown stands beside it: in "drop table facts", "table" is no typo of a name.
        var mentions = entities.Find(Texts(core), [.. core.Select(w => w.Capitalized)], namesExpected: true);
        var inMention = mentions.SelectMany(m => Enumerable.Range(m.Start, m.Length)).ToHashSet();
        var othersAreFrame = Enumerable.Range(0, core.Length).All(i => inMention.Contains(i) || IsFrame(core[i].Text, lexicon));
        var names = new List<ArgumentName>();
        var next = start;
        foreach (var m in mentions.Where(m => m.Exact || othersAreFrame))
        {
            AddUnknown(names, segment, next, start + m.Start, lexicon);
            names.Add(new ArgumentName(m.Entity, Texts(core[m.Start..(m.Start + m.Length)])));
            next = start + m.Start + m.Length;
        }

        AddUnknown(names, segment, next, end, lexicon);
        return names;
    }

    /// <summary>
    /// Words of segment[from..to] that no name is known by, kept only if they look like a name: 1-4 words, none a
    /// stop word, question word or filler. "the" just before stays for saying it back ("the Government").
    /// </summary>
    private static void AddUnknown(List<ArgumentName> names, Word[] segment, int from, int to, Lexicon lexicon)
    {
        while (from < to && IsFrame(segment[from].Text, lexicon))
        {
            from++;
        }

        var run = segment[from..to];
        run = run[..NameEndAt(run, lexicon)];
        var texts = Texts(run);
        var looksLikeName = texts.Length is > 0 and <= MaxNameWords
            && !run.Any(w => w.Marked)
            && texts.Select((w, i) => AllowedInName(w, i, texts.Length, lexicon)).All(ok => ok)
            && texts.Any(w => w.Length >= 2 && !lexicon.IsKnownWord(w));
        if (looksLikeName)
        {
            names.Add(new ArgumentName(null, from > 0 && segment[from - 1].Text == "the" ? ["the", .. texts] : texts));
        }
    }

    private static bool AllowedInName(string word, int index, int count, Lexicon lexicon) =>
        !word.All(char.IsDigit)
        && (RoleOf(word, lexicon) is null or Role.NameEnd)
        && (!lexicon.IsStopWord(word) || (index > 0 && word is "of" or "the") || (index == count - 1 && index > 0 && RoleOf(word, lexicon) == Role.NameEnd));

    /// <summary>
    /// Where what is said about a name begins: after a name, a context word ("on", "among"), a say- or leave-verb,
    /// or "one of" / "part of". Words inside a known name (as in "MPs who left") never cut.
    /// </summary>
    private static int CutAt(Word[] words, HashSet<int> covered, Lexicon lexicon)
    {
        var sawName = false;
        for (var i = 0; i < words.Length; i++)
        {
            if (covered.Contains(i))
            {
                sawName = true;
                continue;
            }

            var word = words[i].Text;
            var frame = IsFrame(word, lexicon);
            if (sawName && (RoleOf(word, lexicon) == Role.Context || IsFrameVerb(word, lexicon)
                            || (frame && i + 1 < words.Length && words[i + 1].Text == "of" && !covered.Contains(i + 1))))
            {
                return i;
            }

            sawName |= !frame;
        }

        return words.Length;
    }

    /// <summary>The length left once trailing frame words ("too", "one of them") are gone, keeping "May" in "Theresa May".</summary>
    private static int NameEndAt(Word[] words, Lexicon lexicon)
    {
        var end = words.Length;
        while (end > 0 && IsFrame(words[end - 1].Text, lexicon)
               && !(RoleOf(words[end - 1].Text, lexicon) == Role.NameEnd && end >= 2 && !IsFrame(words[end - 2].Text, lexicon)))
        {
            end--;
        }

        return end;
    }

    /// <summary>Words that frame a name and are never one: stop and question words, filler, and say/leave/help-type verbs.</summary>
    private static bool IsFrame(string word, Lexicon lexicon) =>
        lexicon.IsStopWord(word) || RoleOf(word, lexicon) is Role.Filler or Role.Joiner or Role.Context || IsFrameVerb(word, lexicon)
        || lexicon.ConceptOf(word) is Lexicon.Help or Lexicon.Summary or Lexicon.Happened;

    private static bool IsFrameVerb(string word, Lexicon lexicon) => lexicon.ConceptOf(word) is Lexicon.React or Lexicon.View or Lexicon.Leave;

    private static Role? RoleOf(string word, Lexicon lexicon) =>
        lexicon.Vocabulary.ArgumentWords.TryGetValue(word, out var role) && Enum.TryParse<Role>(role, ignoreCase: true, out var parsed) ? parsed : null;

    private static HashSet<int> Covered(IReadOnlyList<Word> words, EntityIndex entities) =>
    [
        .. entities.Find(Texts(words), [.. words.Select(w => w.Capitalized)])
            .Where(m => m.Exact)
            .SelectMany(m => Enumerable.Range(m.Start, m.Length)),
    ];

    private static string[] Texts(IEnumerable<Word> words) => [.. words.Select(w => w.Text)];

    private static string Join(IEnumerable<Word> words) => string.Join(' ', words.Select(w => w.Text));
}
