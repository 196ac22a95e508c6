namespace Bot.Engine.Understanding;

/// <summary>
/// General English, nothing about any article: which words carry no meaning for retrieval, and which
/// words and phrases mean the same thing ("quit", "left", "resigned" are all <c>leave</c>).
/// Keywords in the fact set and words in questions both pass through here, so they meet as concepts.
/// </summary>
public static class Lexicon
{
    public const string Leave = "leave";
    public const string React = "react";
    public const string View = "view";
    public const string Reason = "reason";
    public const string Summary = "summary";
    public const string Help = "help";
    public const string Happened = "happened";

    // Plain hash sets, not frozen ones: building a frozen set costs more start-up time than it saves on a few thousand lookups.
    public static IReadOnlySet<string> StopWords { get; } = new HashSet<string>(
    [
        "a", "an", "the", "of", "to", "in", "on", "at", "for", "from", "by", "with", "into", "onto", "about", "over",
        "and", "or", "but", "nor", "so", "as", "than", "then", "if", "that", "this", "these", "those", "there", "here",
        "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "done", "doing",
        "have", "has", "had", "having", "will", "would", "could", "should", "can", "may", "might", "must", "shall",
        "what", "whats", "which", "who", "whom", "whose", "when", "where", "why", "how", "whos",
        "it", "its", "i", "im", "me", "my", "you", "your", "we", "us", "our", "he", "him", "his", "she", "her", "hers",
        "they", "them", "their", "theirs", "themselves", "any", "some", "all", "each", "every", "just", "also", "too",
        "very", "really", "please", "tell", "know", "let", "bot", "hey", "hi", "hello", "thanks", "thank", "ok", "okay",
        "yes", "no", "not", "dont", "doesnt", "didnt", "havent", "hasnt", "isnt", "arent", "wasnt", "werent", "wont",
        "get", "got", "exactly", "actually", "one", "ones", "else", "like", "much", "many", "anything", "something",
        "thing", "things", "now", "still", "yet", "ever", "again", "only", "both", "such", "out", "up", "down", "off",
        "people", "person", "someone", "anyone", "everyone", "via", "regarding", "re", "whether", "after", "before",
        "give", "show", "provide", "need", "quick", "short", "again", "kind", "sort", "type",
        "mr", "mrs", "ms", "dr", "miss", "lord", "lady", "dame", "sir", "hold", "holds", "held", "according",
    ], StringComparer.Ordinal);

    // Multi-word phrases first (matched on word sequences), then single words. Values are concepts.
    private static readonly (string[] Words, string Concept)[] Phrases =
    [
        (["walk", "out"], Leave), (["walked", "out"], Leave), (["step", "down"], Leave), (["stepped", "down"], Leave),
        (["break", "away"], Leave), (["walk", "away"], Leave), (["walked", "away"], Leave), (["walking", "away"], Leave),
        (["stormed", "out"], Leave), (["break", "with"], Leave), (["broke", "with"], Leave), (["broke", "away"], Leave), (["split", "from"], Leave),
        (["might", "happen"], "consequence"), (["will", "happen"], "consequence"), (["could", "happen"], "consequence"),
        (["going", "to", "happen"], "consequence"), (["do", "to", "them"], "consequence"), (["happen", "to"], "consequence"), (["happens", "to"], "consequence"),
        (["play", "a", "role"], Reason), (["played", "a", "role"], Reason), (["play", "a", "part"], Reason),
        (["played", "a", "part"], Reason), (["tl", "dr"], Summary), (["sum", "up"], Summary), (["going", "on"], Happened),
        (["anti", "semitic"], "antisemitism"), (["anti", "semitism"], "antisemitism"), (["anti", "semite"], "antisemitism"),
        (["anti", "semites"], "antisemitism"), (["anti", "jewish"], "antisemitism"),
        (["european", "union"], "eu"), (["pro", "eu"], "eu"), (["member", "of", "parliament"], "mp"),
        (["members", "of", "parliament"], "mp"), (["make", "of"], React), (["made", "of"], React),
        (["set", "up"], "aim"), (["setting", "up"], "aim"), (["sets", "up"], "aim"), (["final", "say"], "referendum"), (["peoples", "vote"], "referendum"),
        (["people", "vote"], "referendum"), (["united", "states"], "america"), (["long", "and", "hard", "look"], "look"),
        (["next", "election"], "nextelection"), (["upcoming", "election"], "nextelection"),
        (["snap", "election"], "nextelection"), (["new", "party"], "newgroup"), (["new", "group"], "newgroup"), (["new", "platform"], "newgroup"),
        (["left", "wing"], "leftwing"), (["in", "charge"], "leader"),
    ];

    private static readonly Dictionary<string, string> Synonyms = BuildSynonyms(new Dictionary<string, string[]>
    {
        [Leave] = ["leave", "leaves", "leaving", "left", "quit", "quits", "quitting", "quitted", "resign", "resigns", "resigned",
            "resigning", "resignation", "resignations", "depart", "departed", "departing", "departure", "departures", "exit",
            "exited", "exits", "defect", "defected", "defection", "defections", "split", "splits", "breakaway", "abandon",
            "abandoned", "ditch", "ditched", "walkout", "gone", "went", "leavers", "quitters"],
        [React] = ["react", "reacted", "reacts", "reaction", "reactions", "respond", "responded", "responds", "response",
            "responses", "reply", "replied", "say", "said", "says", "saying", "comment", "commented", "comments", "statement",
            "statements", "suggest", "suggested", "suggesting", "think", "thinks", "thought", "thoughts", "feel", "feels", "felt",
            "verdict", "opinion", "opinions", "take", "answer", "answered", "describe", "described", "describes", "characterise", "characterised",
            "characterize", "characterized", "portray", "portrayed"],
        // What someone believes, as opposed to what they said about the news.
        [View] = ["view", "views", "belief", "beliefs", "position", "positions", "stance", "stances"],
        [Reason] = ["reason", "reasons", "motive", "motives", "motivation", "motivations", "cause", "caused", "causes",
            "because", "grievance", "grievances", "problem", "problems", "issue", "issues", "objection", "objections", "factor", "factors", "prompted", "trigger", "triggered", "behind", "why"],
        ["join"] = ["join", "joined", "joining", "joins", "switch", "switched", "follow", "followed", "following", "recruit"],
        ["elect"] = ["elect", "elected", "election", "elections", "win", "won", "winning", "seat", "seats", "reelected"],
        ["vote"] = ["vote", "votes", "voted", "voting", "ballot", "majority", "majorities"],
        ["more"] = ["more", "other", "others", "additional", "further", "another", "else"],
        ["mp"] = ["mp", "mps", "parliamentarian", "parliamentarians", "lawmaker", "lawmakers", "politician", "politicians",
            "legislator", "legislators"],
        ["party"] = ["party", "parties"],
        ["eu"] = ["eu", "europe", "european", "remain", "remainer", "remainers", "membership"],
        ["brexit"] = ["brexit", "brexiteer", "brexiteers"],
        ["referendum"] = ["referendum", "referendums", "referenda", "plebiscite"],
        ["antisemitism"] = ["antisemitism", "antisemitic", "antisemite", "antisemites", "jew", "jews", "jewish", "racism", "racist"],
        ["consequence"] = ["consequence", "consequences", "future", "fate", "face", "faces", "facing",
            "risk", "risks", "punish", "punished", "punishment", "penalty", "repercussion", "repercussions", "outcome",
            "result", "affect", "impact"],
        ["deselection"] = ["deselect", "deselected", "deselection", "deselections", "sacked", "ousted", "replaced", "kicked"],
        ["aim"] = ["aim", "aims", "goal", "goals", "plan", "plans", "planning", "planned", "intend", "intends", "intention",
            "intentions", "purpose", "objective", "objectives", "seek", "seeks", "establish", "launch", "create", "form",
            "achieve", "accomplish", "trying", "attempt", "attempting", "ambition", "ambitions", "mission"],
        ["hope"] = ["hope", "hopes", "hoped", "hoping", "want", "wants", "wanted", "wish", "expect", "expects"],
        ["criticism"] = ["criticism", "criticisms", "criticise", "criticised", "criticize", "criticized", "critic", "critics",
            "blame", "blamed", "attack", "attacked", "condemn",
            "condemned", "complaint", "complaints", "controversy", "controversial"],
        ["accuse"] = ["accuse", "accused", "accuses", "accusing", "accusation", "accusations", "allegation", "allegations", "allege", "alleged"],
        ["israel"] = ["israel", "israeli", "israelis"],
        ["palestinian"] = ["palestine", "palestinian", "palestinians"],
        ["marxist"] = ["marxist", "marxists", "marxism"],
        ["trotskyite"] = ["trotskyite", "trotskyites", "trotskyist", "trotskyists", "trotsky"],
        ["stay"] = ["stay", "stays", "stayed", "staying", "stick", "sticks", "stuck", "loyal", "loyalty"],
        ["support"] = ["support", "supports", "supported", "supporting", "back", "backs", "backed", "backing", "favour", "favor"],
        ["leader"] = ["leader", "leaders", "lead", "leads", "leading", "head", "heads", "chair", "boss"],
        ["name"] = ["name", "named", "called", "title"],
        ["year"] = ["year", "years"],
        ["date"] = ["date", "day", "dates"],
        ["names"] = ["names", "list", "roster", "lineup"],
        [Summary] = ["summary", "summarise", "summarize", "summarised", "summarized", "tldr", "overview", "gist", "recap",
            "synopsis", "brief", "briefly", "digest"],
        [Happened] = ["happened", "happening", "happen", "happens", "story", "news", "article", "about"],
        [Help] = ["help", "commands", "command", "usage", "instructions"],
        ["seven"] = ["seven", "7"],
        ["disappointment"] = ["disappointment", "disappointed", "disappointing", "disappoint", "upset", "sad", "sorry"],
        ["rage"] = ["rage", "angry", "anger", "furious", "fury", "outrage", "outraged", "mad"],
        ["credibility"] = ["credibility", "credible", "trust", "trusted", "reputation"],
        ["constituency"] = ["constituency", "constituencies", "district", "districts"],
        ["candidate"] = ["candidate", "candidates", "replacement", "replacements", "challenger", "challengers"],
        ["friend"] = ["friend", "friends", "friendly", "colleague", "colleagues", "friendship"],
        ["facebook"] = ["facebook", "post", "posted", "online", "social"],
        ["america"] = ["america", "american", "usa", "washington"],
    });

    public static bool IsStopWord(string word) => StopWords.Contains(word);

    /// <summary>True for words the lexicon gives a meaning to: such words are never typo-corrected into names.</summary>
    public static bool IsKnownWord(string word) => StopWords.Contains(word) || Synonyms.ContainsKey(word);

    /// <summary>
    /// The concepts of a word sequence, with the word index each starts at. Stop words are skipped
    /// unless they begin a known phrase; unknown words are kept in a light stem form. Given
    /// <paramref name="isKnown"/>, a word that means nothing to it but is a typo away from a lexicon
    /// word ("resgined") is read as that word.
    /// </summary>
    public static List<(int Index, string Concept)> Concepts(IReadOnlyList<string> words, Func<string, bool>? isKnown = null)
    {
        var result = new List<(int, string)>();
        for (var i = 0; i < words.Count; i++)
        {
            var phrase = MatchPhrase(words, i);
            if (phrase is { } p)
            {
                result.Add((i, p.Concept));
                i += p.Length - 1;
                continue;
            }

            var word = words[i];
            if (word.Length == 4 && word.All(char.IsAsciiDigit) && word[0] is '1' or '2')
            {
                // "in 2019": a year, whether or not the article has that one.
                result.Add((i, "year"));
                result.Add((i, word));
                continue;
            }

            if (Months.Contains(word))
            {
                result.Add((i, "date"));
                result.Add((i, word));
                continue;
            }

            if (Synonyms.TryGetValue(word, out var concept))
            {
                result.Add((i, concept));
            }
            else if (!StopWords.Contains(word))
            {
                var stem = Stem(word);
                var meaning = Synonyms.TryGetValue(stem, out var stemConcept) ? stemConcept : stem;
                if (isKnown is not null && meaning == stem && !isKnown(stem) && Corrected(word) is { } corrected)
                {
                    meaning = corrected;
                }

                result.Add((i, meaning));
            }
        }

        return result;
    }

    private static readonly HashSet<string> Months =
        ["january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december"];

    private static string? Corrected(string word)
    {
        var allowance = Words.TypoAllowance(word.Length);
        if (allowance == 0)
        {
            return null;
        }

        string? best = null;
        var bestDistance = allowance + 1;
        foreach (var (known, concept) in Synonyms)
        {
            if (known.Length >= 5)
            {
                var distance = Words.Distance(word, known, allowance);
                if (distance < bestDistance)
                {
                    (best, bestDistance) = (concept, distance);
                }
            }
        }

        return best;
    }

    /// <summary>Word indexes inside multi-word phrases ("new party"): those words are not names of entities.</summary>
    public static HashSet<int> PhraseWords(IReadOnlyList<string> words)
    {
        var covered = new HashSet<int>();
        for (var i = 0; i < words.Count; i++)
        {
            if (MatchPhrase(words, i) is { } phrase)
            {
                covered.UnionWith(Enumerable.Range(i, phrase.Length));
                i += phrase.Length - 1;
            }
        }

        return covered;
    }

    /// <summary>The concept of one word on its own (no phrases, no typo correction), or null for a stop word.</summary>
    public static string? ConceptOf(string word) =>
        Synonyms.TryGetValue(word, out var concept) ? concept
        : StopWords.Contains(word) ? null
        : Synonyms.TryGetValue(Stem(word), out var stemmed) ? stemmed : Stem(word);

    public static HashSet<string> ConceptSet(string text) => Concepts(Words.Split(text)).Select(c => c.Concept).ToHashSet();

    private static (string Concept, int Length)? MatchPhrase(IReadOnlyList<string> words, int start)
    {
        foreach (var (phrase, concept) in Phrases)
        {
            if (start + phrase.Length > words.Count)
            {
                continue;
            }

            var match = true;
            for (var k = 0; k < phrase.Length && match; k++)
            {
                match = words[start + k] == phrase[k];
            }

            if (match)
            {
                return (concept, phrase.Length);
            }
        }

        return null;
    }

    /// <summary>A deliberately light stemmer: plural and common verb endings, enough to meet "candidates" and "candidate".</summary>
    public static string Stem(string word)
    {
        if (word.Length <= 4 || word.All(char.IsDigit))
        {
            return word;
        }

        if (word.EndsWith("ies", StringComparison.Ordinal))
        {
            return word[..^3] + "y";
        }

        if (word.EndsWith("sses", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        if (word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal)
            && !word.EndsWith("is", StringComparison.Ordinal))
        {
            return word[..^1];
        }

        if (word.EndsWith("ing", StringComparison.Ordinal) && word.Length > 6)
        {
            return word[..^3];
        }

        if (word.EndsWith("ed", StringComparison.Ordinal) && word.Length > 5)
        {
            return word[..^2];
        }

        return word;
    }

    private static Dictionary<string, string> BuildSynonyms(Dictionary<string, string[]> groups)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (concept, words) in groups)
        {
            foreach (var word in words)
            {
                map.TryAdd(word, concept);
            }
        }

        return map;
    }
}
