namespace Bot.Engine.Content;

/// <summary>
/// The words the engine reads questions with, all of it data: general English from english.json
/// (stop words, chat filler, synonyms) merged with the article's own terms from facts.json.
/// </summary>
/// <param name="StopWords">Words that carry no meaning for finding a fact.</param>
/// <param name="Fillers">Chat noise ("lol", "thx", "pls"): dropped before reading, never taken for a name.</param>
/// <param name="LeadIns">Openers that only introduce the question ("can you tell me", "quick q").</param>
/// <param name="TagPhrases">Tails that only ask for confirmation ("or nah", "right").</param>
/// <param name="QuestionWords">Words that open a question ("who", "whats").</param>
/// <param name="Auxiliaries">Verbs that open a yes/no question ("did", "is", "wont").</param>
/// <param name="Imperatives">Verbs that open a request ("tell", "name", "guess").</param>
/// <param name="PremiseOpeners">Openers of a clause that states something as given ("since", "after"): a claim to check, not a question.</param>
/// <param name="OverrideWords">Words of attempts to give the bot new instructions ("ignore", "pretend"): such a clause is not a question.</param>
/// <param name="FormatRequests">How someone wants the answer put ("one word", "names only", "no disclaimers"): not part of the question.</param>
/// <param name="Attitudes">Concepts that say how someone took the news ("rage", "view"): asked of someone whose reaction is reported, that reaction answers.</param>
/// <param name="FutureWords">Words that put a question in the future ("will", "next").</param>
/// <param name="MembershipPhrases">Phrases that ask whether someone belongs to a group ("one of", "on the list").</param>
/// <param name="ConfirmationWords">Words of a bare check ("is that true?", "right?"): such a question asks about the statement before it.</param>
/// <param name="ArgumentWords">Word to its role in a command argument (filler, joiner, context, nameEnd): "khan on facebook", "corbyn and cable".</param>
/// <param name="Concepts">Word to concept: "quit", "resigned" and "bailed" all mean <c>leave</c>.</param>
/// <param name="Phrases">Word sequences with one meaning ("jumped ship": <c>leave</c>), longest first.</param>
/// <param name="Spellings">Chat spellings of everyday words ("wat": what, "hw": how), read as the word they stand for.</param>
/// <param name="OpinionAsks">Phrases that ask the bot for its own opinion ("do you think", "your take"): it reports, it doesn't judge.</param>
public sealed record Vocabulary(
    IReadOnlySet<string> StopWords,
    IReadOnlySet<string> Fillers,
    IReadOnlyList<string[]> LeadIns,
    IReadOnlyList<string[]> TagPhrases,
    IReadOnlySet<string> QuestionWords,
    IReadOnlySet<string> Auxiliaries,
    IReadOnlySet<string> Imperatives,
    IReadOnlyList<string[]> PremiseOpeners,
    IReadOnlyList<string[]> OverrideWords,
    IReadOnlyList<string[]> FormatRequests,
    IReadOnlySet<string> Attitudes,
    IReadOnlySet<string> FutureWords,
    IReadOnlyList<string[]> MembershipPhrases,
    IReadOnlySet<string> ConfirmationWords,
    IReadOnlyDictionary<string, string> ArgumentWords,
    IReadOnlyDictionary<string, string> Concepts,
    IReadOnlyList<(string[] Words, string Concept)> Phrases,
    IReadOnlyDictionary<string, string> Spellings,
    IReadOnlyList<string[]> OpinionAsks)
{
    /// <summary>Words asking whether something came about ("yet", "in the end", "actually"): a hope or a risk is no answer to that.</summary>
    public IReadOnlyList<string[]> OutcomeAsks { get; init; } = [];

    /// <summary>Pairs of opposites ("left wing" / "right wing"): a question saying one where the article says the other takes something false for granted.</summary>
    public IReadOnlyList<(string[] One, string[] Other)> Contrasts { get; init; } = [];

    /// <summary>
    /// Asks for help with the conversation, not about the article ("can someone settle this", "fill me in"): said with
    /// nothing to settle, such a clause points at the real question elsewhere in the message.
    /// </summary>
    public IReadOnlyList<string[]> ChatRequests { get; init; } = [];

    /// <summary>Words that deny ("not", "didnt", "never"): a claim that says something happened has none.</summary>
    public IReadOnlySet<string> Negations { get; init; } = new HashSet<string>();

    /// <summary>Words asking for something said later ("since then", "after that", "anything else"): an article reports one moment.</summary>
    public IReadOnlyList<string[]> LaterAsks { get; init; } = [];

    /// <summary>Words that single one out of a group ("most", "youngest"): the article tells the seven apart by name only.</summary>
    public IReadOnlySet<string> Superlatives { get; init; } = new HashSet<string>();

    /// <summary>A sentence that only prompts or thanks ("go", "shoot", "thanks in advance"): no question of its own.</summary>
    public IReadOnlyList<string[]> SignOffs { get; init; } = [];

    /// <summary>Verbs of knowing that open a question inside a statement ("find out" if, "know" what): what follows is asked.</summary>
    public IReadOnlyList<string[]> EmbeddedAsks { get; init; } = [];

    /// <summary>Words that point at one answer of the conversation by its place ("first": 1, "2nd": 2, "last": -1).</summary>
    public IReadOnlyDictionary<string, int> Ordinals { get; init; } = new Dictionary<string, int>();

    /// <summary>What an ordinal points at when it means an earlier answer ("your first answer", "the 2nd reply").</summary>
    public IReadOnlySet<string> AnswerNouns { get; init; } = new HashSet<string>();

    /// <summary>Words that take in the whole conversation so far ("all that", "this thread"): with a summary word, a recap of it.</summary>
    public IReadOnlyList<string[]> Recaps { get; init; } = [];

    /// <summary>The concepts of general English (english.json), as against the article's own topics ("eu", "nato").</summary>
    public IReadOnlySet<string> GeneralConcepts { get; init; } = new HashSet<string>();

    /// <summary>Whether a word has a meaning in general English ("critics": criticism): a word like it names no one.</summary>
    public bool MeansSomething(string word) => Concepts.TryGetValue(word, out var concept) && GeneralConcepts.Contains(concept);
}
