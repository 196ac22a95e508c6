using Bot.Engine.Content;

namespace Bot.Engine.Understanding;

/// <summary>A place in a word sequence where an entity was named.</summary>
public sealed record EntityMention(Entity Entity, int Start, int Length, bool Exact);

/// <summary>
/// Finds the fact set's entities by their aliases: exact word sequences first, the longest winning,
/// then single words with a typo or two. A word the lexicon knows ("like", "since") is never
/// corrected into a name, and a different real name is not pulled onto a known one.
/// </summary>
public sealed class EntityIndex
{
    private static readonly HashSet<string> Articles = ["the", "a", "an"];
    private static readonly HashSet<string> Possessives = ["their", "his", "her", "its", "our", "your", "my"];

    private readonly Dictionary<string, Entity> _byAlias = new(StringComparer.Ordinal);

    // Multi-word aliases by meaning, each word as its concept: "labour leader" also answers to "labour boss", "the
    // lib dem chief", "head of the labour party". A meaning two entities share names neither.
    private readonly Dictionary<string, Entity?> _byMeaning = new(StringComparer.Ordinal);
    private readonly TypoIndex _aliases = new();
    private readonly TypoIndex _fuzzyWords = new();
    private readonly int _longestAlias;
    private readonly HashSet<string> _aliasWords = new(StringComparer.Ordinal);

    // Aliases of several words by their first letter (always typed right), for a slip in them ("lib dmes", "chuka umuna").
    private readonly Dictionary<char, List<(string[] Words, Entity Entity)>> _phrases = [];

    // Keys only ever written with "the" ("the party"): after "their" or "his" they mean some other party.
    private readonly HashSet<string> _definiteOnly = new(StringComparer.Ordinal);
    private readonly HashSet<string> _bareKeys = new(StringComparer.Ordinal);

    // A body to the person its role says leads it ("the Liberal Democrat leader"): "head of the yellow party" is Cable.
    private readonly Dictionary<Entity, Entity> _leaderOf = [];

    private readonly Lexicon _lexicon;

    /// <summary>The words the index was built with: a known word is never taken for a misspelt name.</summary>
    public Lexicon Lexicon => _lexicon;

    public EntityIndex(IEnumerable<Entity> entities, Lexicon lexicon)
    {
        _lexicon = lexicon;
        foreach (var entity in entities)
        {
            foreach (var alias in entity.Aliases.Append(entity.Name).Append(entity.Id))
            {
                var key = Key(Words.Split(alias));
                if (key.Length == 0)
                {
                    continue;
                }

                if (_byAlias.TryAdd(key, entity))
                {
                    _aliases.Add(key, entity);
                }

                _aliasWords.UnionWith(key.Split(' '));
                if (key.Contains(' '))
                {
                    var phraseWords = key.Split(' ');
                    if (!_phrases.TryGetValue(phraseWords[0][0], out var sameStart))
                    {
                        _phrases[phraseWords[0][0]] = sameStart = [];
                    }

                    sameStart.Add((phraseWords, entity));
                    var meaning = MeaningKey(key.Split(' '));
                    _byMeaning[meaning] = _byMeaning.TryGetValue(meaning, out var other) && other != entity ? null : entity;
                }

                if (Words.Split(alias) is ["the", ..])
                {
                    _definiteOnly.Add(key);
                }
                else
                {
                    _bareKeys.Add(key);
                }
                _longestAlias = Math.Max(_longestAlias, Words.Split(alias).Length);
                if (!key.Contains(' ') && Words.TypoAllowance(key.Length) > 0)
                {
                    _fuzzyWords.Add(key, entity);
                }
            }
        }

        foreach (var person in entities.Where(e => e.IsPerson))
        {
            // (Without the leader word: "the Labour Party leader" is itself one of Corbyn's aliases.)
            var role = Words.Split(person.Role);
            var bodies = Find(role.Where(w => !IsLeaderWord(w)).ToList()).Select(m => m.Entity).Where(e => !e.IsPerson).Distinct().ToList();
            if (bodies is [var body] && role.Any(IsLeaderWord) && !_leaderOf.TryAdd(body, person))
            {
                _leaderOf[body] = person; // two people lead the same body: the role names neither
            }
        }
    }

    /// <summary>Who the fact set says leads <paramref name="body"/>, if anyone.</summary>
    public Entity? LeaderOf(Entity body) => _leaderOf.GetValueOrDefault(body);

    /// <summary>Whether the fact set says <paramref name="person"/> leads some body.</summary>
    public bool IsLeader(Entity person) => _leaderOf.ContainsValue(person);

    private bool IsLeaderWord(string word) => _lexicon.ConceptOf(word) == Lexicon.Leader;

    /// <summary>
    /// "head of the yellow party", "who runs labour", "the tory boss": a body named with a word for its leader is the
    /// person the fact set says leads it.
    /// </summary>
    private EntityMention LeaderOrBody(IReadOnlyList<string> words, EntityMention body)
    {
        if (!_leaderOf.TryGetValue(body.Entity, out var leader))
        {
            return BodyLedBy(words, body);
        }

        var end = body.Start + body.Length;
        if (end < words.Count && IsLeaderWord(words[end]))
        {
            return new EntityMention(leader, body.Start, body.Length + 1, body.Exact);
        }

        var before = body.Start - 1;
        before -= before >= 0 && Articles.Contains(words[before]) ? 1 : 0;
        before -= before >= 1 && words[before] == "of" ? 1 : 0;
        return before >= 0 && IsLeaderWord(words[before]) ? new EntityMention(leader, before, end - before, body.Exact) : body;
    }

    /// <summary>
    /// "Cable's party", "did any of them join his party" (once "his" is spelled out): a leader's own body, named by the leader
    /// (the possessive "s" is already gone) and a noun of one of its names.
    /// </summary>
    private EntityMention BodyLedBy(IReadOnlyList<string> words, EntityMention person)
    {
        // Only a common noun of its names ("party", a name only as "the party"), never a name itself: "is corbyn labour
        // leader" names two.
        var end = person.Start + person.Length;
        if (end >= words.Count || Articles.Contains(words[end]) || _lexicon.IsStopWord(words[end]) || IsLeaderWord(words[end])
            || _bareKeys.Contains(words[end]))
        {
            return person;
        }

        var led = _leaderOf.Where(pair => pair.Value == person.Entity).Select(pair => pair.Key).ToList();
        return led is [var body] && body.Aliases.Any(a => Words.Split(a).Contains(words[end]))
            ? new EntityMention(body, person.Start, person.Length + 1, person.Exact)
            : person;
    }

    /// <summary>An entity named by the whole text (a command argument), allowing small typos.</summary>
    public Entity? Resolve(string text)
    {
        var words = Words.Split(text);
        var key = Key(words);
        if (key.Length == 0)
        {
            return null;
        }

        if (_byAlias.TryGetValue(key, out var exact))
        {
            return exact;
        }

        // Whole-text typo ("corbyyn", "sadiq kahn"), nearest alias wins.
        var allowance = Words.TypoAllowance(key.Length);
        if (allowance > 0 && _aliases.Nearest(key, allowance) is { } best)
        {
            return best;
        }

        // "jeremy corbyn mp", "sir vince": one entity named inside the text, and nothing else unknown left over.
        var mentions = Find(words);
        var distinct = mentions.Select(m => m.Entity).Distinct().ToList();
        if (distinct.Count != 1)
        {
            return null;
        }

        var covered = mentions.Sum(m => m.Length);
        var rest = words.Where(w => !Articles.Contains(w)).Count() - covered;
        // ("angela rayner" is not Angela Smith with a word to spare: a first name before another surname is someone else.)
        return rest <= 1 && !mentions.Any(m => m.Length == 1 && FirstNameOfSomeoneElse(words, m.Start, m.Entity, namesExpected: true)) ? distinct[0] : null;
    }

    /// <summary>Every entity named in a sentence, left to right, longest alias first.</summary>
    /// <param name="capitalized">Which words were typed with a capital, when known: they mark other people's names.</param>
    /// <param name="namesExpected">A command argument: the words are names, so a first name before an unknown word is a full name of someone else.</param>
    public List<EntityMention> Find(IReadOnlyList<string> words, IReadOnlyList<bool>? capitalized = null, bool namesExpected = false)
    {
        var mentions = new List<EntityMention>();
        for (var i = 0; i < words.Count; i++)
        {
            if (Articles.Contains(words[i]))
            {
                continue;
            }

            var found = false;
            for (var length = Math.Min(_longestAlias, words.Count - i); length >= 1 && !found; length--)
            {
                var key = Key(words.Skip(i).Take(length));
                if ((_byAlias.TryGetValue(key, out var entity) || ByMeaning(key, out entity))
                    && !(length == 1 && entity.IsPerson && (PartOfAnotherName(words, capitalized, i) || FirstNameOfSomeoneElse(words, i, entity, namesExpected)))
                    && !(i > 0 && Possessives.Contains(words[i - 1]) && _definiteOnly.Contains(key) && !_bareKeys.Contains(key)))
                {
                    var mention = LeaderOrBody(words, new EntityMention(entity, i, length, Exact: true));
                    if (mention.Start < i && mentions.Count > 0 && mentions[^1].Start + mentions[^1].Length > mention.Start)
                    {
                        mention = mention with { Start = i, Length = length }; // the leader word already names something
                    }

                    mentions.Add(mention);
                    i = mention.Start + mention.Length - 1;
                    found = true;
                }
            }

            if (!found && FuzzyPhrase(words, i) is var (phrase, phraseLength))
            {
                mentions.Add(new EntityMention(phrase, i, phraseLength, Exact: false));
                i += phraseLength - 1;
            }
            else if (!found && (FuzzyWord(words[i]) ?? OwnerOf(words[i])) is { } fuzzy)
            {
                mentions.Add(new EntityMention(fuzzy, i, 1, Exact: false));
            }
        }

        return mentions;
    }

    /// <summary>Entities whose name or an alias has a word starting with the prefix (autocomplete).</summary>
    public IEnumerable<Entity> StartingWith(string prefix)
    {
        var key = Key(Words.Split(prefix));
        return _byAlias
            .Where(pair => key.Length == 0 || pair.Key.StartsWith(key, StringComparison.Ordinal) || pair.Key.Contains(" " + key, StringComparison.Ordinal))
            .Select(pair => pair.Value)
            .Distinct();
    }

    /// <summary>
    /// "Angela Merkel" is not Angela Smith, nor "John Smith" Angela Smith: one word of a person's name
    /// next to a capitalised word that the lexicon doesn't know and no alias uses is someone else's name.
    /// (The first word of a sentence is capitalised anyway, so it proves nothing.)
    /// </summary>
    private bool PartOfAnotherName(IReadOnlyList<string> words, IReadOnlyList<bool>? capitalized, int index)
    {
        bool Foreign(int i) => capitalized is not null && i > 0 && i < words.Count && capitalized[i]
                               && !_lexicon.IsKnownWord(words[i]) && !_aliasWords.Contains(words[i]);
        return Foreign(index - 1) || Foreign(index + 1);
    }

    /// <summary>
    /// "was chris williamson one of them": typed all in lower case, in a question of who left, a first name followed by a
    /// word that no alias uses and that means nothing to the lexicon (not even as a slip) is someone else's surname. Only
    /// there: a wrong "yes, one of them" is the costly mistake, and elsewhere the next word is as likely a verb ("sadiq drop his take").
    /// </summary>
    /// <param name="namesExpected">The words are a command argument, where names are expected whatever else they say.</param>
    private bool FirstNameOfSomeoneElse(IReadOnlyList<string> words, int index, Entity entity, bool namesExpected = false)
    {
        // ("what about angela rayner": a word ending the message after a first name is no verb with nothing after it.)
        if (index + 1 >= words.Count || !entity.Name.StartsWith(words[index] + " ", StringComparison.OrdinalIgnoreCase)
            || !(namesExpected || AsksWhoLeft(words) || index + 2 == words.Count))
        {
            return false;
        }

        var next = words[index + 1];
        // ("sadiq jumping ship", "chuka bailed": a verb after a name is what they did, not who they are.)
        return next.Length >= 3 && next.All(char.IsAsciiLetterLower) && !_aliasWords.Contains(next)
               && !next.EndsWith("ing", StringComparison.Ordinal) && !next.EndsWith("ed", StringComparison.Ordinal)
               && !_lexicon.IsKnownWord(next) && !_lexicon.IsSlipOfKnownWord(next) && FuzzyWord(next) is null && FuzzyPhrase(words, index) is null;
    }

    private bool AsksWhoLeft(IReadOnlyList<string> words) =>
        Enumerable.Range(0, words.Count).Any(i => _lexicon.ConceptOf(words[i]) == Lexicon.Leave
                                                  || _lexicon.Vocabulary.MembershipPhrases.Any(p => Lexicon.StartsAt(words, i, p)));

    /// <summary>"corbyns reaction", "corbins reacton": a person's name with a possessive "s" typed without its apostrophe.</summary>
    private Entity? OwnerOf(string word)
    {
        if (word.Length < 4 || word[^1] != 's' || _lexicon.IsKnownWord(word))
        {
            return null;
        }

        var stem = word[..^1];
        var owner = _byAlias.TryGetValue(stem, out var exact) ? exact : FuzzyWord(stem);
        return owner is { IsPerson: true } ? owner : null;
    }

    /// <summary>
    /// A several-word alias typed with a slip ("lib dmes", "vince cabel", "liberl democats"): each slipped word one edit
    /// (or a swap of two letters) from the alias's and unknown to the lexicon; the first letter is always right.
    /// </summary>
    private (Entity Entity, int Length)? FuzzyPhrase(IReadOnlyList<string> words, int start)
    {
        if (words[start].Length == 0 || !_phrases.TryGetValue(words[start][0], out var candidates))
        {
            return null;
        }

        foreach (var (phrase, entity) in candidates)
        {
            if (start + phrase.Length > words.Count)
            {
                continue;
            }

            // One slip in a short word, or one in each long word ("liberl democats"): never a word the lexicon knows.
            var slips = 0;
            var longSlipsOnly = true;
            var broken = false;
            for (var k = 0; k < phrase.Length && !broken; k++)
            {
                var typed = words[start + k];
                if (typed == phrase[k])
                {
                    continue;
                }

                slips++;
                longSlipsOnly &= typed.Length >= 5 && phrase[k].Length >= 5;
                broken = typed.Length < 3 || phrase[k].Length < 3 || _lexicon.IsKnownWord(typed) || typed == phrase[k] + "s" || Words.Distance(typed, phrase[k], 1) > 1;
            }

            if (!broken && (slips == 1 || (slips > 1 && longSlipsOnly)))
            {
                return (entity, phrase.Length);
            }
        }

        return null;
    }

    private Entity? FuzzyWord(string word)
    {
        var allowance = Words.TypoAllowance(word.Length);
        if (allowance == 0 || _lexicon.IsKnownWord(word))
        {
            return null;
        }

        return _fuzzyWords.Nearest(word, allowance, pluralIsNotTypo: true);
    }

    private bool ByMeaning(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Entity? entity)
    {
        entity = null;
        return key.Contains(' ') && _byMeaning.TryGetValue(MeaningKey(key.Split(' ')), out entity) && entity is not null;
    }

    private string MeaningKey(IEnumerable<string> words) => string.Join(' ', words.Select(w => _lexicon.ConceptOf(w) ?? w));

    private static string Key(IEnumerable<string> words) => string.Join(' ', words.Where(w => !Articles.Contains(w)));
}
