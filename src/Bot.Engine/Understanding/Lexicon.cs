using Bot.Engine.Content;

namespace Bot.Engine.Understanding;

/// <summary>
/// Reads words as concepts, from the <see cref="Vocabulary"/> in responses/: which words carry no meaning
/// for retrieval, and which words and phrases mean the same thing. Keywords in the fact set and words in
/// questions both pass through here, so they meet as concepts. The concepts named below are the ones the
/// engine itself acts on; english.json must define them.
/// </summary>
public sealed class Lexicon
{
    public const string Leave = "leave";
    public const string Join = "join";
    public const string React = "react";
    public const string View = "view";
    public const string Reason = "reason";
    public const string Summary = "summary";
    public const string Help = "help";
    public const string Happened = "happened";

    /// <summary>Words for whoever leads something ("head", "boss", "runs"); optional.</summary>
    public const string Leader = "leader";

    /// <summary>"First name", "surname": asks for someone's whole name; optional.</summary>
    public const string FullName = "fullname";

    /// <summary>Concepts the engine's own logic refers to: a vocabulary without them is refused at load.</summary>
    public static readonly string[] Required = [Leave, React, View, Reason, Summary, Help, Happened];

    private static readonly HashSet<string> Months =
        ["january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december"];

    private readonly Vocabulary _vocabulary;
    private readonly Dictionary<string, List<(string[] Words, string Concept)>> _phrasesByFirstWord = new(StringComparer.Ordinal);
    private readonly List<(string Word, string Concept)> _typoTargets;
    private readonly List<string> _smallWordTargets;

    // "-ing" words the vocabulary gives a meaning to, alone or in a phrase: "jumpin ship" is typed for "jumping ship".
    private readonly HashSet<string> _ingWords;

    // Real English words, when known: a real word is never taken for a typo of a concept. Read on the first typo check only.
    private readonly Lazy<IReadOnlySet<string>?> _dictionary;

    /// <param name="dictionary">Loads a list of real English words (see <see cref="Semantic.DictionaryWords"/>); null: none.</param>
    /// <param name="articleWords">The words of the article: a slip is more likely of a word the article uses ("bigest") than of a rarer synonym ("digest").</param>
    public Lexicon(Vocabulary vocabulary, Func<IReadOnlySet<string>?>? dictionary = null, IEnumerable<string>? articleWords = null)
    {
        _vocabulary = vocabulary;
        _dictionary = new Lazy<IReadOnlySet<string>?>(dictionary ?? (() => null));
        foreach (var phrase in vocabulary.Phrases.OrderByDescending(p => p.Words.Length))
        {
            if (!_phrasesByFirstWord.TryGetValue(phrase.Words[0], out var list))
            {
                _phrasesByFirstWord[phrase.Words[0]] = list = [];
            }

            list.Add(phrase);
        }

        // Words of four letters may be slips too ("leve", "thay"), but only of words near their length; a slip into a
        // small word ("thay" for "they") means nothing, so such a word is dropped like the word it was meant to be.
        _typoTargets = [];
        foreach (var word in (articleWords ?? []).Where(w => w.Length >= 5 && !IsStopWord(w) && !vocabulary.Concepts.ContainsKey(w)).Distinct())
        {
            _typoTargets.Add((word, ConceptOf(word) ?? word));
        }

        _typoTargets.AddRange(vocabulary.Concepts.Where(p => p.Key.Length >= 4).Select(p => (p.Key, p.Value)));
        _smallWordTargets = [.. vocabulary.StopWords.Concat(vocabulary.QuestionWords).Where(w => w.Length >= 4).Distinct()];
        _ingWords = [.. vocabulary.Concepts.Keys.Concat(vocabulary.Phrases.SelectMany(p => p.Words)).Where(w => w.Length >= 5 && w.EndsWith("ing", StringComparison.Ordinal))];
    }

    /// <summary>
    /// The text with chat spellings of everyday words written out ("wat did corbin say" → "what did corbin say"), the
    /// rest untouched: only whole words are replaced, so names and punctuation stay as typed.
    /// </summary>
    public string Respell(string text)
    {
        System.Text.StringBuilder? output = null;
        var copied = 0;
        for (var i = 0; i < text.Length;)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            // ("y'all", "u.s.": one letter before an apostrophe or a dot is part of something else.)
            var partOfMore = i - start == 1 && i < text.Length && text[i] is '\'' or '\u2019' or '.';
            var typed = text[start..i].ToLowerInvariant();
            var word = partOfMore ? null : _vocabulary.Spellings.GetValueOrDefault(typed) ?? DroppedG(typed);
            if (word is not null)
            {
                output ??= new System.Text.StringBuilder(text.Length + 16);
                output.Append(text, copied, start - copied).Append(word);
                copied = i;
            }
        }

        return output is null ? text : output.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>"jumpin", "leavin": an "-ing" word the vocabulary knows, typed without its g; null for any other word.</summary>
    private string? DroppedG(string typed) =>
        typed.Length >= 4 && typed.EndsWith("in", StringComparison.Ordinal) && !_vocabulary.Concepts.ContainsKey(typed) && !IsStopWord(typed)
        && _ingWords.Contains(typed + "g") ? typed + "g" : null;

    public bool IsStopWord(string word) => _vocabulary.StopWords.Contains(word);

    /// <summary>Words that put a question in the future ("will", "next", "gonna").</summary>
    public bool IsFutureWord(string word) => _vocabulary.FutureWords.Contains(word);

    /// <summary>Chat noise: "lol", "thx", "pls".</summary>
    public bool IsFiller(string word) => _vocabulary.Fillers.Contains(word);

    /// <summary>True for words the lexicon gives a meaning to (or knows as noise): such words are never typo-corrected into names.</summary>
    public bool IsKnownWord(string word) => IsStopWord(word) || IsFiller(word) || _vocabulary.Concepts.ContainsKey(word);

    public IReadOnlyList<string[]> LeadIns => _vocabulary.LeadIns;

    public IReadOnlyList<string[]> TagPhrases => _vocabulary.TagPhrases;

    public Vocabulary Vocabulary => _vocabulary;

    /// <summary>
    /// The concepts of a word sequence, with the word index each starts at. Stop words and filler are
    /// skipped unless they begin a known phrase; unknown words are kept in a light stem form. Given
    /// <paramref name="isKnown"/>, a word that means nothing to it but is a typo away from a lexicon
    /// word ("resgined") is read as that word.
    /// </summary>
    public List<(int Index, string Concept)> Concepts(IReadOnlyList<string> words, Func<string, bool>? isKnown = null)
    {
        var result = new List<(int, string)>();
        for (var i = 0; i < words.Count; i++)
        {
            if (MatchPhrase(words, i) is { } p)
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

            if (Months.Contains(word) || word is "feb" or "jan" or "sept" or "oct" or "nov" or "dec" or "aug")
            {
                result.Add((i, "date"));
                result.Add((i, word));
                continue;
            }

            if (_vocabulary.Concepts.TryGetValue(word, out var concept))
            {
                result.Add((i, concept == Leave && LeavesTowards(words, i) ? Join : concept));
            }
            else if (!IsStopWord(word) && !IsFiller(word))
            {
                var stem = Stem(word);
                var meaning = _vocabulary.Concepts.TryGetValue(stem, out var stemConcept) ? stemConcept : stem;
                if (isKnown is not null && meaning == stem && !isKnown(stem) && Corrected(word) is { } corrected)
                {
                    if (corrected.Length == 0)
                    {
                        continue;
                    }

                    meaning = corrected;
                }

                result.Add((i, meaning));
            }
        }

        return result;
    }

    /// <summary>"defect to them", "went to the Lib Dems": leaving towards someone is joining them ("left to join" stays a leaving).</summary>
    private bool LeavesTowards(IReadOnlyList<string> words, int index)
    {
        var to = index + 1 < words.Count && words[index + 1] == "over" ? index + 2 : index + 1;
        return to + 1 < words.Count && words[to] == "to" && !_vocabulary.Concepts.ContainsKey(words[to + 1]);
    }

    /// <summary>Whether a word the lexicon doesn't know is a slip of one it does ("resgined", "thay").</summary>
    public bool IsSlipOfKnownWord(string word) => Corrected(word) is not null;

    /// <summary>The concept of a word, or of the word a slip was meant as ("artcle" is "article").</summary>
    public string? ConceptOrSlipOf(string word) =>
        ConceptOf(word) is { } concept && (concept != Stem(word) || _vocabulary.Concepts.ContainsKey(concept)) ? concept : Corrected(word) ?? ConceptOf(word);

    /// <summary>The concept a misspelt word was meant as; empty when it was meant as a small word; null when nothing is near.</summary>
    private string? Corrected(string word)
    {
        // Four-letter words get one slip (names have their own, stricter rule in the entity index).
        var allowance = word.Length == 4 ? 1 : Words.TypoAllowance(word.Length);
        if (allowance == 0 || _dictionary.Value?.Contains(word) == true)
        {
            return null;
        }

        string? best = null;
        var bestDistance = allowance + 1;
        foreach (var (known, concept) in _typoTargets)
        {
            if (known.Length < 5 && word.Length > 5)
            {
                continue;
            }

            var distance = Words.Distance(word, known, allowance);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (concept, distance);
            }
        }

        if (best is null && word.Length <= 5)
        {
            foreach (var small in _smallWordTargets)
            {
                if (Words.Distance(word, small, 1) <= 1)
                {
                    return string.Empty;
                }
            }
        }

        return best;
    }

    /// <summary>Word indexes inside multi-word phrases ("new party"): those words are not names of entities.</summary>
    public HashSet<int> PhraseWords(IReadOnlyList<string> words)
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

    /// <summary>The concept of one word on its own (no phrases, no typo correction), or null for a stop word or filler.</summary>
    public string? ConceptOf(string word) =>
        _vocabulary.Concepts.TryGetValue(word, out var concept) ? concept
        : IsStopWord(word) || IsFiller(word) ? null
        : _vocabulary.Concepts.TryGetValue(Stem(word), out var stemmed) ? stemmed : Stem(word);

    public HashSet<string> ConceptSet(string text) => Concepts(Words.Split(text)).Select(c => c.Concept).ToHashSet();

    private (string Concept, int Length)? MatchPhrase(IReadOnlyList<string> words, int start)
    {
        if (!_phrasesByFirstWord.TryGetValue(words[start], out var candidates))
        {
            return null;
        }

        foreach (var (phrase, concept) in candidates)
        {
            if (start + phrase.Length <= words.Count && StartsAt(words, start, phrase))
            {
                return (concept, phrase.Length);
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="sequence"/> stands in <paramref name="words"/> at <paramref name="start"/>.</summary>
    public static bool StartsAt(IReadOnlyList<string> words, int start, IReadOnlyList<string> sequence)
    {
        if (start < 0 || start + sequence.Count > words.Count)
        {
            return false;
        }

        for (var k = 0; k < sequence.Count; k++)
        {
            if (words[start + k] != sequence[k])
            {
                return false;
            }
        }

        return true;
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
}
