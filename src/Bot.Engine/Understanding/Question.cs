using Bot.Engine.Content;

namespace Bot.Engine.Understanding;

public enum QuestionType
{
    None,
    Who,
    What,
    When,
    Why,
    Where,
    How,
    HowMany,
    YesNo,
}

/// <summary>A question taken apart: its type, the entities it names, and the concepts left over.</summary>
public sealed record Question(
    string[] Words,
    QuestionType Type,
    IReadOnlyList<EntityMention> Entities,
    IReadOnlyList<(int Index, string Concept)> Concepts,
    bool MentionsThem)
{
    private static readonly HashSet<string> Pronouns = ["they", "them", "their", "theirs", "themselves", "those"];

    private static readonly HashSet<string> Auxiliaries =
        ["is", "are", "was", "were", "did", "does", "do", "has", "have", "had", "will", "would", "could", "can", "should", "might", "may", "d"];

    private static readonly HashSet<string> TagAuxiliaries = ["didnt", "isnt", "wasnt", "hasnt", "havent", "arent", "werent", "doesnt", "dont", "wont"];

    private static readonly HashSet<string> AskersOwn = ["i", "im", "ive", "me", "my", "mine", "we", "our", "us"];

    // ("my sister keeps saying": someone of the asker's; "i thought it was 8" is the asker's own belief, corrected elsewhere.)
    private static readonly HashSet<string> AskersPeople = ["my", "our"];

    // "What made Cable call them friends?": the cause stands where "did" would, before the speaker.
    private static readonly HashSet<string> Causatives = ["made", "makes", "make"];

    /// <summary>Distinct concepts that can pick a fact ("about", "news" only steer towards the summary). Computed once: every candidate is scored against it.</summary>
    public IReadOnlyList<string> RankingConcepts { get; } = [.. Concepts.Select(c => c.Concept).Where(c => c != Lexicon.Happened).Distinct()];

    public IReadOnlyList<Entity> Named { get; } = [.. Entities.Select(m => m.Entity).Distinct()];

    public bool HasConcept(string concept) => Concepts.Any(c => c.Concept == concept);

    /// <summary>Whether these words stand together in the question ("one", "of").</summary>
    public bool HasWords(params string[] sequence) => ContainsSequence(Words, sequence);

    private static bool ContainsSequence(string[] words, string[] sequence) =>
        Enumerable.Range(0, Math.Max(0, words.Length - sequence.Length + 1)).Any(i => words.AsSpan(i, sequence.Length).SequenceEqual(sequence));

    public static Question Analyze(string text, EntityIndex entities, Lexicon lexicon, Func<string, bool>? isKnown = null)
    {
        // Split once, keeping case: capitals mark names (see EntityIndex), everything else compares lower-case.
        var typed = Understanding.Words.SplitKeepingCase(text);
        var words = typed.Select(w => w.ToLowerInvariant()).ToArray();
        var start = SkipLeadIn(words, lexicon);
        var phrases = lexicon.PhraseWords(words);
        var capitalized = typed.Select(w => char.IsUpper(w[0])).ToArray();
        var mentions = entities.Find(words, capitalized).Where(m => !Enumerable.Range(m.Start, m.Length).Any(phrases.Contains)).ToList();
        var covered = new HashSet<int>(mentions.SelectMany(m => Enumerable.Range(m.Start, m.Length)));
        // ("can i ask who left": the lead-in asks nothing itself.)
        var concepts = lexicon.Concepts(words, isKnown).Where(c => !covered.Contains(c.Index) && c.Index >= start).ToList();
        // ("my sister keeps saying it's all about europe": what the asker's own people say is no reaction the article reports.)
        concepts = [.. concepts.Where(c => c.Concept != Lexicon.React || !SaidByAskersPeople(words, c.Index, covered))];
        var type = TypeOf(words, start);
        if (SaysTell(words) is { } tell && !concepts.Any(c => c.Index == tell))
        {
            // "what did the second-largest union tell labour": "tell" after someone who tells is what they said ("tell me
            // who left", "can you tell me" are only requests, and "tell" is a small word for them).
            concepts = [.. concepts.Append((Index: tell, Concept: Lexicon.React)).OrderBy(c => c.Index)];
        }

        if (type == QuestionType.How && mentions.Count == 0 && concepts.Any(c => c.Concept == Lexicon.Leave)
            && (ContainsSequence(words, ["how", "big"]) || ContainsSequence(words, ["how", "large"])))
        {
            type = QuestionType.HowMany; // "how big was the walkout?": how many left
        }

        if (type == QuestionType.Who && concepts.FirstOrDefault(c => c.Index == start + 1) is { Concept: "name" } calling
            && start + 2 < words.Length && !lexicon.IsStopWord(words[start + 1]))
        {
            // "who called the departing MPs friends?": whoever calls someone something says it; not the name of anything.
            concepts = [.. concepts.Select(c => c.Index == calling.Index ? (c.Index, Lexicon.React) : c)];
        }

        if (start < words.Length && words[start] == "name" && OnlyOnePerson(words, start + 1, mentions, lexicon))
        {
            // "Name the labour leader": one person, named by what they are; asks who that is.
            concepts = [.. concepts.Where(c => c.Index != start)];
            type = QuestionType.Who;
        }
        else if (start < words.Length && words[start] is "name" or "list" && !(start + 1 < words.Length && words[start + 1] == "of"))
        {
            // "Name the seven", "list them": an order to list names, not a question about a name ("name of the group?" is,
            // and so is "name the new party": one thing, not people, can only be asked for its name).
            var named = words[start] == "name" && NamesOneThing(words, start + 1, mentions, lexicon);
            concepts = [.. concepts.Where(c => c.Index != start).Prepend((start, named ? "name" : "names"))];
        }

        if (type == QuestionType.None && (AsksConfirmation(words, text, lexicon) || StatementAsked(words, text, mentions, lexicon)))
        {
            // "sadiq bailing on labour too or nah", "corbyn quit too?", "gapes and leslie both left?": a statement put as a question.
            type = QuestionType.YesNo;
        }

        return new Question(words, type, mentions, concepts, words.Any(Pronouns.Contains))
        {
            Speaker = SpeakerOf(words, mentions, lexicon, out var them, out var stranger),
            SpeakerIsThem = them,
            UnnamedSpeaker = stranger,
            Lexicon = lexicon,
            Text = text.TrimEnd().TrimEnd('?').TrimEnd(), // the mark was read above; meaning is matched on the words
        };
    }

    /// <summary>"my sister keeps saying", "my dad said": a verb of saying whose subject is one of the asker's people.</summary>
    private static bool SaidByAskersPeople(string[] words, int verb, HashSet<int> named)
    {
        for (var i = verb - 1; i >= Math.Max(0, verb - 3); i--)
        {
            if (named.Contains(i))
            {
                return false;
            }

            if (AskersPeople.Contains(words[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Where "tell" has a subject that tells ("did unison tell labour"), not a listener asked to ("can you tell me"); else null.</summary>
    private static int? SaysTell(string[] words)
    {
        for (var i = 2; i < words.Length; i++)
        {
            if (words[i] == "tell" && words[i - 1] is not ("you" or "u" or "ya" or "to" or "pls" or "please" or "me")
                && words[..(i - 1)].Any(w => w is "did" or "does" or "do" or "will" or "would" or "should"))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>The question as typed (cleaned): what meaning-based matching reads.</summary>
    public string Text { get; init; } = "";

    /// <summary>The earlier question this one leans on, when it says too little alone.</summary>
    public string? ContextText { get; init; }

    /// <summary>Whether the message around the question asks for an opinion ("ur honest opinion: is he good for labour?").</summary>
    public bool OpinionAskedAround { get; init; }

    /// <summary>Whether <see cref="ContextText"/> is an earlier turn of the conversation, not what the same message said around the question.</summary>
    public bool ContextIsEarlierTurn { get; init; }

    /// <summary>Concepts of the earlier question this one leans on ("when?" after "how many quit"): they count, but for less.</summary>
    public IReadOnlyList<string> ContextConcepts { get; init; } = [];

    /// <summary>Entities of the earlier question this one leans on.</summary>
    public IReadOnlyList<Entity> ContextEntities { get; init; } = [];

    /// <summary>"Who will quit next?": asks about what hasn't happened, which a news article can only report as hopes or risks.</summary>
    public bool IsFuture =>
        // "Why won't they join?" asks why they refuse, not what will happen.
        Words.Any(w => Lexicon.IsFutureWord(w) && !(w == "wont" && Type == QuestionType.Why)) || HasWords("going", "to") || HasWords("gon", "na");

    /// <summary>"Did Berger actually get deselected in the end?": asks whether something came about (english.json outcomeAsks).</summary>
    /// ("Might they end up losing their seats?" asks what may yet happen, not whether it did.)
    public bool AsksOutcome => !Words.Any(w => w is "might" or "may" or "could")
        && Lexicon.Vocabulary.OutcomeAsks.Any(p => Enumerable.Range(0, Words.Length).Any(i => Lexicon.StartsAt(Words, i, p)));

    /// <summary>"What made Cable say that?": a why-question in other words.</summary>
    public bool AsksCause => Words.Where((w, i) => Causatives.Contains(w) && Words.ElementAtOrDefault(i + 1) != "of").Any(); // ("make of" is a view)

    /// <summary>"How long has he been leader?", "for how long": asks for a span of time, which only a dated fact can begin to answer.</summary>
    public bool AsksDuration => HasWords("how", "long");

    /// <summary>Numbers the question states ("since eight MPs left", "the 7 tory MPs"), as digits.</summary>
    public IReadOnlyList<int> Numbers => [.. Words.Select(Understanding.Words.NumberValue).OfType<int>()];

    /// <summary>In "what did the rebels say about the Lib Dems", the rebels: the one entity named between the auxiliary and a say-verb.</summary>
    public Entity? Speaker { get; private init; }

    /// <summary>"What did NATO say about Corbyn?": the words of a speaker who is no entity of the article (null when there is none).</summary>
    public IReadOnlyList<string>? UnnamedSpeaker { get; private init; }

    /// <summary>"What did they say about ...": the speaker is the group the story is about.</summary>
    public bool SpeakerIsThem { get; private init; }

    /// <summary>The lexicon the question was read with.</summary>
    public required Lexicon Lexicon { get; init; }

    private static Entity? SpeakerOf(string[] words, List<EntityMention> mentions, Lexicon lexicon, out bool them, out IReadOnlyList<string>? stranger)
    {
        them = false;
        stranger = null;
        // ("where does the lib dem leader stand on them": a phrase for a view is a verb of saying too.)
        var verb = Array.FindIndex(words, w => lexicon.ConceptOf(w) == Lexicon.React);
        // ("what did the rebels make of the lib dems": so is a phrase for a reaction.)
        if (verb < 0 && lexicon.Concepts(words).FirstOrDefault(c => c.Concept is Lexicon.View or Lexicon.React && lexicon.PhraseWords(words).Contains(c.Index)) is { Concept: not null } phrase)
        {
            verb = phrase.Index;
        }

        if (verb <= 0)
        {
            return null;
        }

        var aux = Array.FindIndex(words, 0, verb, w => Auxiliaries.Contains(w) || Causatives.Contains(w));
        if (aux < 0)
        {
            return null;
        }

        var between = mentions.Where(m => m.Start > aux && m.Start + m.Length <= verb).Select(m => m.Entity).Distinct().ToList();
        them = between.Count == 0 && words[(aux + 1)..verb].Any(Pronouns.Contains);
        // ("my brain is mush, my sister keeps saying ... corbyn": the asker's own people are no speaker the article could report.)
        if (between.Count == 0 && !them && mentions.Any(m => m.Start > verb) && !words[(aux + 1)..verb].Any(AskersOwn.Contains))
        {
            // "what did NATO say about Corbyn": someone else speaking about an entity ("what did the article say about him" is no speaker).
            // ("what did she and the others say about corbyn": the rest of the group, no stranger.)
            // ("did somebody say labour should …": anyone at all is asked for, no one unknown.)
            if (words[(aux + 1)..verb].Any(w => w is "anyone" or "anybody" or "someone" or "somebody" or "any1" or "everyone" or "everybody"))
            {
                return null;
            }

            // ("what did theresa may say": after a name, a modal is no verb the question needs, so it is part of the name.)
            var span = words[(aux + 1)..verb];
            var said = span.Where((w, i) => (!lexicon.IsStopWord(w) || (i > 0 && Auxiliaries.Contains(w) && !lexicon.IsStopWord(span[i - 1])))
                && !lexicon.IsFiller(w) && w is not ("others" or "rest" or "all")).ToList();
            stranger = said.Count is > 0 and <= 3 && said.All(w => (lexicon.ConceptOf(w) is { } c && c != Lexicon.Happened && c != Lexicon.React || Auxiliaries.Contains(w))
                && !lexicon.Vocabulary.MeansSomething(w)) ? said : null; // ("what do critics say about him": said by his critics, a meaning)
        }

        // "how did labour's deputy leader tom watson react": a body named, then a name it doesn't know, right before the verb:
        // the speaker is that person, whom the article doesn't report.
        if (between.Count == 1 && mentions.Where(m => m.Start > aux && m.Start + m.Length <= verb).Max(m => m.Start + m.Length) is var after && after < verb)
        {
            var name = words[after..verb].Reverse().TakeWhile(w => !lexicon.IsStopWord(w) && !lexicon.IsFiller(w) && !lexicon.Vocabulary.MeansSomething(w)
                && lexicon.ConceptOf(w) is { } c && c == w).Reverse().ToList();
            var spoken = words[(aux + 1)..verb].Where(w => !lexicon.IsStopWord(w) && !lexicon.IsFiller(w)).ToList();
            if (name.Count is 2 or 3)
            {
                stranger = spoken.Count <= 4 ? spoken : name; // "unison general secretary"; "… deputy leader tom watson": the name
                return null;
            }
        }

        return between.Count == 1 ? between[0] : null;
    }

    /// <summary>The index of the first word after greetings and "can you tell me".</summary>
    private static int SkipLeadIn(string[] words, Lexicon lexicon)
    {
        var i = 0;
        var moved = true;
        while (moved && i < words.Length)
        {
            moved = false;
            if (lexicon.IsFiller(words[i]) || words[i] is "and" or "but" or "then" or "also" or "bot")
            {
                i++;
                moved = true;
                continue;
            }

            foreach (var leadIn in lexicon.LeadIns)
            {
                if (words.Skip(i).Take(leadIn.Length).SequenceEqual(leadIn))
                {
                    i += leadIn.Length;
                    moved = true;
                    break;
                }
            }
        }

        return i;
    }

    /// <summary>"the new party" after "name": one thing, neither people nor a number of them, nor anyone the article names.</summary>
    private static bool OnlyOnePerson(string[] words, int from, List<EntityMention> mentions, Lexicon lexicon) =>
        mentions is [{ Entity.IsPerson: true } person] && person.Start >= from
        && Enumerable.Range(from, Math.Max(0, words.Length - from)).All(i =>
            (i >= person.Start && i < person.Start + person.Length) || lexicon.IsStopWord(words[i]) || lexicon.IsFiller(words[i]));

    private static bool NamesOneThing(string[] words, int from, List<EntityMention> mentions, Lexicon lexicon)
    {
        var rest = Enumerable.Range(from, Math.Max(0, words.Length - from)).Where(i => !lexicon.IsStopWord(words[i]) && !lexicon.IsFiller(words[i])).ToList();
        return rest.Count is > 0 and <= 3 && !mentions.Any(m => m.Start >= from)
            && !rest.Any(i => words[i].EndsWith('s') || Understanding.Words.NumberValue(words[i]) is not null || Pronouns.Contains(words[i]) || lexicon.ConceptOf(words[i]) is "mp")
            && lexicon.ConceptOf(words[rest[^1]]) is not null;
    }

    /// <summary>
    /// A statement with a question mark: "gapes and leslie both left?" (someone, then a leaving at the end), "so sadiq is
    /// staying in labour?" (someone, then "is"/"was"/"has"). Only after a name or "they": "the reaction?" states nothing.
    /// </summary>
    private static bool StatementAsked(string[] words, string text, List<EntityMention> mentions, Lexicon lexicon)
    {
        if (words.Length < 2 || !text.TrimEnd().EndsWith('?'))
        {
            return false;
        }

        bool IsSubject(int i) => mentions.Any(m => i == m.Start + m.Length - 1) || words[i] is "they" or "he" or "she";
        var verb = Array.FindIndex(words, 1, w => w is "is" or "are" or "was" or "were" or "has" or "have" or "had");
        return (verb > 0 && verb <= 4 && IsSubject(verb - 1) && verb + 1 < words.Length)
               || (lexicon.ConceptOf(words[^1]) == Lexicon.Leave && mentions.Count > 0 && !words[^1].EndsWith("ing", StringComparison.Ordinal));
    }

    /// <summary>Ends in a tag that asks for a yes or a no ("or nah", "right"), or in "too?" / "as well?".</summary>
    private static bool AsksConfirmation(string[] words, string text, Lexicon lexicon) =>
        words.Length > 1
        && (lexicon.TagPhrases.Any(tag => words.Length > tag.Length && Lexicon.StartsAt(words, words.Length - tag.Length, tag))
            || (text.TrimEnd().EndsWith('?') && (words[^1] is "too" or "also" || (words.Length > 2 && words[^2] == "as" && words[^1] == "well"))));

    private static QuestionType TypeOf(string[] words, int start)
    {
        bool Has(params string[] sequence) => ContainsSequence(words, sequence);

        if (Has("how", "many") || Has("how", "much") || Has("number", "of"))
        {
            return QuestionType.HowMany;
        }

        if (Has("why") || Has("how", "come") || Has("what", "reason") || Has("what", "reasons") || Has("what", "made")
            || Has("what", "caused") || Has("what", "led") || Has("what", "prompted") || Has("what", "drove") || Has("what", "motivated")
            || Has("what", "pushed") || Has("what", "forced") || Has("what", "spurred") || Has("what", "triggered") || Has("what", "sparked"))
        {
            return QuestionType.Why;
        }

        if (Has("is", "that", "true") || Has("is", "it", "true") || Has("is", "this", "true") || Has("true", "or", "false"))
        {
            return QuestionType.YesNo;
        }

        if (start >= words.Length)
        {
            return QuestionType.None;
        }

        // "in what year?", "on which day?", "from whom?": a preposition before the question word asks the same.
        if (words[start] is "in" or "on" or "at" or "from" or "by" or "since" or "for" or "to" or "with" && start + 1 < words.Length
            && words[start + 1] is "what" or "which" or "whom" or "when" or "where" or "whose")
        {
            start++;
        }

        var first = words[start];
        var second = start + 1 < words.Length ? words[start + 1] : "";
        return first switch
        {
            "who" or "whom" or "whose" or "whos" => QuestionType.Who,
            "when" => QuestionType.When,
            "where" when words.Contains("stand") => QuestionType.What, // "where does Khan stand?" asks a position, not a place
            "where" => QuestionType.Where,
            "what" or "which" or "whats" when second is "date" or "day" or "year" or "month" or "time" => QuestionType.When,
            "what" or "which" when words.Skip(start + 1).Take(3).Any(w => w is "mps" or "people" or "politicians" or "members" or "person" or "ones") => QuestionType.Who,
            "what" or "which" or "whats" => QuestionType.What,
            "how" => QuestionType.How,
            _ when Auxiliaries.Contains(first) => QuestionType.YesNo,
            // "berger stuck with labour though, didn't she": a statement with a tag asks whether it is so.
            _ when words is [.., var tag, "he" or "she" or "they" or "it"] && (Auxiliaries.Contains(tag) || TagAuxiliaries.Contains(tag)) => QuestionType.YesNo,
            _ => words.Contains("when") ? QuestionType.When : words.Contains("who") ? QuestionType.Who : QuestionType.None,
        };
    }

    /// <summary>
    /// Words between the auxiliary and the verb in "did Diane Abbott resign" or "what did Theresa May say":
    /// a name the fact set may not know. Null when there is none.
    /// </summary>
    public string[]? NameBefore(Func<string, bool> isVerb) => NameBefore((w, _) => isVerb(w));

    /// <summary>As <see cref="NameBefore(Func{string, bool})"/>, where the verb may be told by its position too.</summary>
    public string[]? NameBefore(Func<string, int, bool> isVerb)
    {
        var verb = Enumerable.Range(0, Words.Length).FirstOrDefault(i => isVerb(Words[i], i), -1);
        if (verb <= 0)
        {
            return null;
        }

        // The first auxiliary, so a name containing one ("Theresa May") survives.
        var aux = Array.FindIndex(Words, 0, verb, w => Auxiliaries.Contains(w));
        if (aux < 0)
        {
            // "angela rayner left too, right?": a statement asked; the name is all that comes before the verb.
            if (Type != QuestionType.YesNo)
            {
                return null;
            }

            aux = Array.FindIndex(Words, 0, verb, w => !Lexicon.IsStopWord(w) && !Lexicon.IsFiller(w)) - 1;
            if (aux < -1)
            {
                return null; // nothing but stop words before the verb: no name
            }
        }

        var span = Words[(aux + 1)..verb];
        return IsName(span) ? span : null;
    }

    /// <summary>Words after "reaction of/from/by": "the reaction from Boris Johnson".</summary>
    public string[]? NameAfter(Func<string, bool> isNoun)
    {
        var noun = Array.FindIndex(Words, w => isNoun(w));
        if (noun < 0 || noun + 2 > Words.Length || Words[noun + 1] is not ("of" or "from" or "by" or "to"))
        {
            return null;
        }

        var span = Words[(noun + 2)..].TakeWhile(w => w is not ("to" or "on" or "about" or "regarding")).ToArray();
        return IsName(span) ? span : null;
    }

    /// <summary>Words before "'s reaction": "Nigel Farage's reaction?", "what was Theresa May's take".</summary>
    public string[]? NameBeforePossessive(Func<string, bool> isNoun)
    {
        var noun = Array.FindIndex(Words, w => isNoun(w));
        var end = noun > 0 && Words[noun - 1] == "s" ? noun - 1 : noun;
        if (end < 1)
        {
            return null;
        }

        var start = end;
        while (start > 0 && !Lexicon.IsStopWord(Words[start - 1]) && !Lexicon.IsFiller(Words[start - 1]))
        {
            start--;
        }

        var span = Words[start..end];
        return IsName(span) ? span : null;
    }

    // ("what kinda left views": the engine's own verbs, leaving, saying, joining, are no one's name; "the EU" may be.)
    private bool IsName(string[] span) =>
        span.Length is > 0 and <= 4
        && !span.Any(w => Pronouns.Contains(w) || w is "it" or "you" or "article" or "story" or "report" or "news" or "we" or "i" or "he" or "she"
            || w is "others" or "other" or "rest" or "everyone" or "everybody" or "all" // "what did she and the others say", "any other reactions?": the rest of a group
            || Lexicon.ConceptOrSlipOf(w) == Lexicon.Happened) // "whats the artcle say"
        && span.Any(w => !Lexicon.IsStopWord(w) && !Lexicon.IsFiller(w))
        && !span.All(w => Lexicon.IsStopWord(w) || Lexicon.IsFiller(w)
            || Lexicon.ConceptOf(w) is Lexicon.Leave or Lexicon.React or Lexicon.View or Lexicon.Join or Lexicon.Reason
            || Lexicon.Vocabulary.MeansSomething(w)); // "what do critics say": a word with a meaning, not a name
}
