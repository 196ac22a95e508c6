using Bot.Engine.Content;
using Bot.Engine.Conversation;

namespace Bot.Engine.Understanding;

/// <summary>A question as understood in its conversation: pronouns replaced, and the earlier question when this one leans on it.</summary>
/// <param name="Text">The question to answer, with "he" or "and Unison?" spelled out.</param>
/// <param name="Context">The earlier question, when this one says too little on its own ("when?", "what year tho").</param>
/// <param name="ContextNamesWho">Whether who the earlier question named still counts ("when?"), or only what it was about ("that vote").</param>
public sealed record ResolvedQuestion(string Text, string? Context, bool ContextNamesWho = true);

/// <summary>
/// Reads a follow-up the way the person meant it, from the previous turn: "and Unison?" asks the previous
/// question about Unison; "where did he say it?" names the last person spoken of; "when?" borrows the
/// previous question's subject. Nothing here knows the article: entities come from the fact set.
/// </summary>
public sealed class FollowUpResolver(FactSet facts, EntityIndex entities, Lexicon lexicon)
{
    private static readonly HashSet<string> PersonPronouns = ["he", "him", "his", "she", "her", "hers", "himself", "herself"];
    private static readonly HashSet<string> GroupPronouns = ["they", "them", "their", "theirs"];
    private static readonly HashSet<string> QuoteWords = ["quote", "quotes", "words", "wording", "verbatim"];
    private static readonly HashSet<string> Demonstratives = ["that", "this", "those", "these"];
    private static readonly string[][] FragmentOpeners =
        [["what", "about"], ["how", "about"], ["what", "of"], ["and", "what", "about"], ["and", "how", "about"], ["same", "for"], ["same", "with"], ["and"], ["n"], ["also"]]; // ("n jess phillips??": chat "and")

    /// <summary>Whether the words point back at someone with "he", "her", "it", "them" or the like.</summary>
    public static bool HasPronoun(IEnumerable<string> words) =>
        words.Any(w => PersonPronouns.Contains(w) || GroupPronouns.Contains(w) || w is "it" or "its");

    private readonly Dictionary<string, Entity> _byId = facts.Entities.ToDictionary(e => e.Id, StringComparer.Ordinal);

    /// <param name="isKnown">Whether a concept leads to any fact at all.</param>
    public ResolvedQuestion Resolve(string text, ConversationTurn? previous, Func<string, bool> isKnown)
    {
        if (previous is null)
        {
            return new ResolvedQuestion(text, null);
        }

        var typed = Words.SplitKeepingCase(text);
        var words = typed.Select(w => w.ToLowerInvariant()).ToArray();
        var mentions = entities.Find(words, [.. typed.Select(w => char.IsUpper(w[0]))]);
        var earlier = previous.EntityIds.Select(id => _byId.GetValueOrDefault(id)).OfType<Entity>().ToList();

        var said = words.Where(w => !lexicon.IsFiller(w) && !lexicon.IsStopWord(w)).ToArray();
        // ("what were the exact words?", "quote?": the answer again, which quotes the sentence.)
        if (said is ["source" or "sources" or "sauce" or "citation" or "proof" or "evidence" or "link"]
            || (said.Length is > 0 and <= 3 && mentions.Count == 0 && !words.Any(PersonPronouns.Contains) && said.Any(QuoteWords.Contains)
                && said.All(w => QuoteWords.Contains(w) || w is "exact" or "exactly" or "actual" or "precise" or "direct" or "use" or "used")))
        {
            // "source?": the answer just given again, with where it was said and the sentence it rests on.
            return new ResolvedQuestion(previous.Question, null);
        }

        if (said is ["others" or "rest"] && earlier.Any(e => facts.Departure.Members.Contains(e)))
        {
            // "and the others?" after one of the seven: who else left is the seven.
            return new ResolvedQuestion("who left", null);
        }

        if (words is [.., "i", "meant" or "mean", var asked] && lexicon.Vocabulary.QuestionWords.Contains(asked))
        {
            // "sorry, I meant when": the previous question, asked with that question word instead.
            return new ResolvedQuestion(asked, previous.Question);
        }

        if (CorrectedTo(words, mentions) is { Count: > 0 } meant)
        {
            // "wait not cable, I meant corbyn": the previous question, about whoever was meant.
            return new ResolvedQuestion(Swap(previous.Question, earlier, string.Join(" and ", meant.Select(e => e.Name)), meant[0].IsPerson), null);
        }

        // ("and about corbyn?" moves the topic too; "what about khan?" asks the same question of him, below.)
        if ((mentions.Count == 0 || words[0] is "and" or "about" or "ok" or "okay") && AboutFragment(words) is { } topic && Words.Split(previous.Question) is var before && Array.LastIndexOf(before, "about") is > 0 and var about)
        {
            // "what did the group say about corbyn?", then "and about brexit?": the same question, about the new topic.
            return new ResolvedQuestion(string.Join(' ', before[..(about + 1)].Concat(topic)), null);
        }

        if (mentions.Count > 0 && IsFragment(words, mentions))
        {
            // "and Unison?": the previous question, about Unison instead.
            var named = mentions.Select(m => m.Entity).Distinct().ToList();
            return new ResolvedQuestion(Swap(previous.Question, earlier, string.Join(" and ", named.Select(e => e.Name)), named[0].IsPerson), null);
        }

        if (mentions.Count == 0 && UnknownName(words, typed, isKnown) is { } name)
        {
            // "is Ann Coffey one of them? what about Diane Abbott?": the same question, about someone the article may not know.
            return new ResolvedQuestion(Swap(previous.Question, earlier, name, isPerson: true), null);
        }

        var personNamed = mentions.Any(m => m.Entity.IsPerson);
        // ("what did she accuse corbyn of?" after Angela Smith: "does she want to stay?" is still her, not Corbyn.)
        var pronounSaid = words.FirstOrDefault(PersonPronouns.Contains) is { } pronoun ? (pronoun.StartsWith('s') || pronoun.StartsWith("her", StringComparison.Ordinal) ? "she" : "he") : null;
        // (A "he" after only Angela Smith means no one the thread holds: better unread than read as her.)
        var person = earlier.LastOrDefault(e => e.IsPerson && (pronounSaid is null || e.Pronoun is null || e.Pronoun == pronounSaid));
        var body = earlier.LastOrDefault(e => !e.IsPerson && e != facts.Departure.Group && !facts.Departure.About.Contains(e));
        var replaced = false;
        var output = new List<string>(words.Length);
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (person is not null && PersonPronouns.Contains(word) && facts.Departure.Members.Contains(person)
                && OthersOfTheGroup(words, i + 1) is > 0 and var others && mentions.All(m => m.Start > i))
            {
                // "what did she and the others say about corbyn?" after one of the seven: the seven (whoever else is named later).
                output.Add(facts.Departure.Group.Name);
                i += others;
                replaced = true;
            }
            else if (person is not null && PersonPronouns.Contains(word) && (!personNamed || OtherThanNamed(person, pronounSaid, mentions)))
            {
                output.Add(word is "his" or "hers" || (word == "her" && i + 1 < words.Length && !lexicon.IsStopWord(words[i + 1])) ? person.Name + "'s" : person.Name);
                replaced = true;
            }
            else if (Demonstratives.Contains(word) && i + 1 < words.Length && mentions.All(m => m.Start == i + 1 && !earlier.Contains(m.Entity))
                     && NamedBy([.. earlier, .. facts.Entities.Where(b => entities.LeaderOf(b) is { } leader && earlier.Contains(leader))], words[i + 1]) is { } referent)
            {
                // "who leads that party?" after the Lib Dems: the one just spoken of that the noun names (not "the party", Labour);
                // after Cable, the party he leads.
                output.Add(referent.Name);
                i++;
                replaced = true;
            }
            else if (mentions.All(m => m.Start > i) && body is not null && word == "it" && i + 1 < words.Length && (lexicon.ConceptOf(words[i + 1]) == Lexicon.React || words[i + 1] == "tell"))
            {
                // "what did it say?" after Unison: only a body says things; "it" before a say-verb is the body just spoken of.
                output.Add(body.Name);
                replaced = true;
            }
            else if (mentions.Count == 0 && i > 0 && words[i - 1] is "the" or "their" or "its" && lexicon.ConceptOf(word) == Lexicon.Leader
                     && (body is null
                         ? earlier.Select(entities.LeaderOf).FirstOrDefault(l => l is not null) ?? earlier.LastOrDefault(entities.IsLeader)
                         : entities.LeaderOf(body)) is { } leader)
            {
                // "and what did the leader say?" after Labour: whoever the fact set says leads it ("who's its leader?" after
                // Unison, whose leader the article doesn't name, stays unanswered).
                output.Add(leader.Name);
                replaced = true;
            }
            else if (mentions.All(m => m.Start > i) && body is not null && (GroupPronouns.Contains(word) || word == "it")
                     && i > 0 && lexicon.ConceptOf(words[i - 1]) == Lexicon.Leader)
            {
                // "who leads them?", "who runs it?" after the Lib Dems: only a body is led.
                output.Add(body.Name);
                replaced = true;
            }
            else if (mentions.All(m => m.Start > i) && word is "they" or "them" && IsSubject(words, i)
                     && earlier.Where(e => e.IsPerson).ToList() is { Count: >= 2 } people)
            {
                // "and did they both quit?" after Ann Coffey and Angela Smith: the people just named, not a party beside them.
                output.Add(string.Join(" and ", people.Select(e => e.Name)));
                replaced = true;
            }
            else if (mentions.All(m => m.Start > i) && body is not null && GroupPronouns.Contains(word) && IsSubject(words, i))
            {
                // "how big are they?" after Unison: the body just spoken of. "join them" (an object) stays the group, and so
                // does a "they" after someone named ("did corbyn say they ..."); "what did they want labour to do" names Labour
                // only as the object.
                output.Add(word is "their" or "theirs" ? body.Name + "'s" : body.Name);
                replaced = true;
            }
            else if (mentions.All(m => m.Start > i) && body is null && person is not null && earlier.Contains(facts.Departure.Group)
                     && word is "they" or "them" && IsSubject(words, i))
            {
                // "who are they then?" after "is Sadiq Khan one of the seven?": "they" is the seven, not the one person asked about.
                output.Add(facts.Departure.Group.Name);
                replaced = true;
            }
            else
            {
                output.Add(typed[i]);
            }
        }

        var resolved = replaced ? string.Join(' ', output) : text;
        if (replaced || mentions.Count > 0)
        {
            return new ResolvedQuestion(resolved, null);
        }

        // "when?", "and what would the options be?": nothing in it points at any fact, so it leans on the question before.
        // A bare "why?" or "how come?" points only at the kind of answer, never at which fact.
        // "when would that happen?": "happen" is any event at all, so it points at nothing either.
        // ("in what year?" is as short as "what year?": a leading preposition adds nothing to point with.)
        var length = words is ["in" or "on" or "at" or "for" or "by" or "from" or "since", _, ..] ? words.Length - 1 : words.Length;
        var pointsAtSomething = length > 2 && lexicon.Concepts(words).Any(c => c.Concept != Lexicon.Happened && isKnown(c.Concept));
        // "and the year?" after "what month were they elected?", "when would that vote be?": what it names is narrowed by the
        // question before, so that question stays with it.
        // ("and the IRA thing?" after what Corbyn wants Labour to become: an article topic the question before never touched
        // is a new question, not a narrowing of that one; "and the year?" names only a kind of answer, so it narrows.)
        // (What the earlier answer spoke of counts as touched: "and the platform they ran on?" after the 2017 election.)
        var earlierConcepts = lexicon.ConceptSet(previous.Question + " " + AnsweredWith(previous.Topic));
        // Without a remembered answer there's no telling what was touched, so the fragment narrows as before.
        var fragment = StartsFragment(words) && !(AnsweredWith(previous.Topic).Length > 0 && lexicon.Concepts(words).Any(c => isKnown(c.Concept)
            && !lexicon.Vocabulary.GeneralConcepts.Contains(c.Concept) && !earlierConcepts.Contains(c.Concept)));
        var pointsBack = PointsBack(words);
        return pointsAtSomething && !fragment && !pointsBack
            ? new ResolvedQuestion(resolved, null)
            : new ResolvedQuestion(resolved, previous.Question, ContextNamesWho: !pointsAtSomething || fragment);
    }

    /// <summary>
    /// "what did she accuse corbyn of?" after Angela Smith: a pronoun that can't mean anyone named beside it means the one spoken
    /// of before, when that one's pronoun is known to fit.
    /// </summary>
    private static bool OtherThanNamed(Entity person, string? pronoun, List<EntityMention> mentions) =>
        pronoun is not null && person.Pronoun == pronoun
        && mentions.All(m => !m.Entity.IsPerson || (m.Entity.Pronoun is not null && m.Entity.Pronoun != pronoun));

    /// <summary>The text of what a topic key ("fact:aim", "reaction:khan", "departure") answered with; empty for any other.</summary>
    private string AnsweredWith(string? topic) => topic?.Split(':') switch
    {
        ["departure"] => facts.Departure.Text + " " + string.Join(' ', facts.Departure.Keywords),
        ["fact", var id] when facts.Facts.FirstOrDefault(f => f.Id == id) is { } fact => fact.Text + " " + string.Join(' ', fact.Keywords),
        ["reaction", var id] => string.Join(' ', facts.Reactions.Where(r => r.By[0].Id == id).Select(r => r.Text + " " + string.Join(' ', r.Keywords))),
        _ => "",
    };

    /// <summary>"no, I meant Corbyn", "sorry i mean unison": who is named after "meant", when nothing else follows.</summary>
    private List<Entity> CorrectedTo(string[] words, List<EntityMention> mentions)
    {
        var at = Array.FindIndex(words, w => w is "meant" or "mean");
        if (at < 1 || words[at - 1] != "i")
        {
            return [];
        }

        var after = mentions.Where(m => m.Start > at).ToList();
        var covered = after.SelectMany(m => Enumerable.Range(m.Start, m.Length)).ToHashSet();
        var onlyNames = Enumerable.Range(at + 1, words.Length - at - 1).All(i => covered.Contains(i) || lexicon.IsStopWord(words[i]) || lexicon.IsFiller(words[i]));
        return onlyNames ? [.. after.Select(m => m.Entity).Distinct()] : [];
    }

    /// <summary>"and about brexit?", "what about on israel": the topic words after "about", when that is all there is.</summary>
    private string[]? AboutFragment(string[] words)
    {
        var at = words is ["about", ..] ? 0 : words is ["and" or "what" or "how" or "ok" or "okay", "about", ..] ? 1 : -1;
        var topic = at < 0 ? [] : words[(at + 1)..];
        return topic.Length is > 0 and <= 4 && !topic.Any(w => lexicon.Vocabulary.QuestionWords.Contains(w) || lexicon.Vocabulary.Auxiliaries.Contains(w))
            && topic.Any(w => !lexicon.IsStopWord(w) && !lexicon.IsFiller(w)) ? topic : null;
    }

    /// <summary>
    /// The one entity of <paramref name="earlier"/> an alias of which has <paramref name="noun"/> in it ("party": the Liberal
    /// Party). A noun for a body names the body rather than its leader, whose names may hold it too ("pro eu party leader").
    /// </summary>
    private static Entity? NamedBy(List<Entity> earlier, string noun)
    {
        var named = earlier.Where(e => e.Aliases.Any(a => Words.Split(a).Contains(noun))).ToList();
        return named is [var only] ? only : named.Where(e => !e.IsPerson).ToList() is [var body] ? body : null;
    }

    private bool StartsFragment(string[] words)
    {
        var opener = FragmentOpeners.FirstOrDefault(o => Lexicon.StartsAt(words, 0, o))?.Length ?? 0;
        return opener > 0 && !words.Skip(opener).Any(w => lexicon.Vocabulary.QuestionWords.Contains(w) || lexicon.Vocabulary.Auxiliaries.Contains(w));
    }

    /// <summary>"that vote", "this platform": a thing already spoken of ("this story" is the whole article, not one thing in it).</summary>
    private bool PointsBack(string[] words) =>
        Enumerable.Range(0, words.Length - 1).Any(i => Demonstratives.Contains(words[i]) && !lexicon.IsStopWord(words[i + 1]) && !lexicon.IsFiller(words[i + 1])
            && lexicon.ConceptOf(words[i + 1]) != Lexicon.Happened);

    private bool IsFragment(string[] words, List<EntityMention> mentions)
    {
        // Nothing but names, an opener ("what about") and small words: "and Unison?", "what about the mayor then".
        var covered = mentions.SelectMany(m => Enumerable.Range(m.Start, m.Length)).ToHashSet();
        var opener = FragmentOpeners.FirstOrDefault(o => Lexicon.StartsAt(words, 0, o))?.Length ?? 0;
        if (opener == 0 && words.Length > 0 && (lexicon.Vocabulary.QuestionWords.Contains(words[0]) || lexicon.Vocabulary.Auxiliaries.Contains(words[0])))
        {
            return false; // "who is Angela Smith?" is a question of its own
        }

        if (opener == 0 && words.Skip(1).Any(lexicon.Vocabulary.Auxiliaries.Contains))
        {
            return false; // "angela smith is the tory one right?" says something of her: a claim to check, not "and Angela Smith?"
        }

        // ("and what did it tell labour?" is a question of its own after the "and", not "and Labour?".)
        return Enumerable.Range(opener, words.Length - opener).All(i => covered.Contains(i) || lexicon.IsStopWord(words[i]) || lexicon.IsFiller(words[i]))
            && !(opener > 0 && words.Skip(opener).Any(w => lexicon.Vocabulary.QuestionWords.Contains(w) || lexicon.Vocabulary.Auxiliaries.Contains(w)));
    }

    /// <summary>"what about Diane Abbott": after an opener, one to three words that mean nothing the fact set knows: a name.</summary>
    private string? UnknownName(string[] words, string[] typed, Func<string, bool> isKnown)
    {
        var opener = FragmentOpeners.FirstOrDefault(o => Lexicon.StartsAt(words, 0, o))?.Length ?? 0;
        if (opener == 0 && words.Length > 1 && lexicon.Vocabulary.Auxiliaries.Contains(words[0]))
        {
            opener = 1; // "is gapes one of them? is Tom Watson?"
        }

        var end = words.Length;
        while (end > opener && (lexicon.IsStopWord(words[end - 1]) || lexicon.IsFiller(words[end - 1])))
        {
            end--;
        }

        // ("is tom watson in there?" asks on its own whether he is on the list just given: no fragment of the last question.)
        if (words[end..].Any(w => w is "in" or "on" or "among" or "amongst" or "of"))
        {
            return null;
        }

        var rest = Enumerable.Range(opener, end - opener).ToList();
        var nameLike = rest.All(i => !lexicon.IsStopWord(words[i]) && !lexicon.IsFiller(words[i]) && !lexicon.Vocabulary.Concepts.ContainsKey(words[i])
            && !lexicon.Vocabulary.ConfirmationWords.Contains(words[i])
            && !(lexicon.ConceptOf(words[i]) is { } concept && isKnown(concept)));
        return opener > 0 && rest.Count is > 0 and <= 3 && nameLike ? string.Join(' ', rest.Select(i => typed[i])) : null;
    }

    /// <summary>The one run of one to three words that mean nothing to the lexicon (a name it doesn't know), or null.</summary>
    private (int Start, int Length)? UnknownRun(string[] words)
    {
        bool Unknown(string w) => !lexicon.IsKnownWord(w) && !lexicon.Vocabulary.Concepts.ContainsKey(Lexicon.Stem(w))
            && !lexicon.Vocabulary.QuestionWords.Contains(w) && !lexicon.Vocabulary.Auxiliaries.Contains(w);

        var start = Array.FindIndex(words, Unknown);
        if (start < 0)
        {
            return null;
        }

        var end = start;
        while (end < words.Length && Unknown(words[end]))
        {
            end++;
        }

        return end - start <= 3 && !words.Skip(end).Any(Unknown) ? (start, end - start) : null;
    }

    /// <summary>How many words from <paramref name="start"/> say "and the others" / "and the rest" (0 when they don't).</summary>
    private static int OthersOfTheGroup(string[] words, int start) => words[start..] switch
    {
        ["and", "the", "others" or "rest", ..] => 3,
        ["and", "others" or "co", ..] => 2,
        _ => 0,
    };

    /// <summary>Whether the word at <paramref name="index"/> opens the question or follows its auxiliary or question word.</summary>
    private bool IsSubject(string[] words, int index) =>
        index == 0 || lexicon.Vocabulary.Auxiliaries.Contains(words[index - 1]) || lexicon.Vocabulary.QuestionWords.Contains(words[index - 1]);

    /// <summary>The earlier question with the earlier subject replaced by the new one(s); or the new names added when it had none.</summary>
    private string Swap(string question, List<Entity> earlier, string names, bool isPerson)
    {
        var words = Words.Split(question);
        var old = entities.Find(words).FirstOrDefault(m => earlier.Contains(m.Entity) || m.Entity.IsPerson == isPerson);
        if (old is null && UnknownRun(words) is var (start, length))
        {
            // "is tom watson one of them?", then "is Diane Abbott on there": the name the article doesn't know, replaced.
            return string.Join(' ', words[..start].Append(names).Concat(words[(start + length)..]));
        }

        if (old is null)
        {
            // "who left?", then "how about tom watson": whether that person is among them, not who left "tom watson".
            return isPerson && words is ["who", ..] && words.Any(w => lexicon.ConceptOf(w) == Lexicon.Leave)
                ? $"is {names} one of them"
                : question + " " + names;
        }

        return string.Join(' ', words[..old.Start].Append(names).Concat(words[(old.Start + old.Length)..]));
    }
}
