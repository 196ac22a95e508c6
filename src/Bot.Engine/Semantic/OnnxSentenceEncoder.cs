using System.Security.Cryptography;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace Bot.Engine.Semantic;

/// <summary>
/// all-MiniLM-L6-v2 (sentence-transformers) run with ONNX Runtime: uncased WordPiece tokens with [CLS] and [SEP],
/// at most <see cref="MaxTokens"/> of them, mean-pooled over the last hidden state and L2-normalised: 384
/// dimensions. <see cref="Encode(string)"/> and <see cref="Encode(IReadOnlyList{string})"/> may be called from
/// several threads at once (the tokenizer is read-only once built, and an ONNX Runtime session runs concurrently).
/// </summary>
public sealed class OnnxSentenceEncoder : ISentenceEncoder, IDisposable
{
    /// <summary>The build copies the model here, under the output directory (see Bot.Engine.csproj).</summary>
    public const string DefaultModelFolder = "models/all-MiniLM-L6-v2";
    public const string ModelFile = "model.onnx";
    public const string VocabularyFile = "vocab.txt";

    /// <summary>Tokens per text, [CLS] and [SEP] included; the rest of a longer text is ignored.</summary>
    public const int MaxTokens = 128;

    /// <summary>
    /// Texts per inference run when encoding a list, and padded tokens per run: 32 questions of up to 32 tokens, or
    /// 8 texts of 128. Throughput is flat from 8 to 64 short texts a run; the token bound keeps the activations
    /// (which grow with texts × length²) of a batch of long texts from taking hundreds of megabytes.
    /// </summary>
    internal const int BatchSize = 32;

    internal const int BatchTokens = 1024;

    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string TokenTypeIds = "token_type_ids";
    private const string LastHiddenState = "last_hidden_state";

    /// <summary>32 tokens with [CLS] and [SEP]: longer than nearly every question.</summary>
    private static readonly string WarmUpText = string.Join(' ', Enumerable.Repeat("the", 30));

    /// <summary>Changes whenever this class would produce different vectors from the same model files.</summary>
    private const string PipelineVersion = "wordpiece-uncased-fold;max128;mean;l2;v1";

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames = [LastHiddenState];
    private readonly bool _wantsTokenTypes;
    private readonly RunOptions _runOptions = new();

    private OnnxSentenceEncoder(InferenceSession session, BertTokenizer tokenizer, bool wantsTokenTypes, string modelIdentity)
    {
        _session = session;
        _tokenizer = tokenizer;
        _wantsTokenTypes = wantsTokenTypes;
        _inputNames = wantsTokenTypes ? [InputIds, AttentionMask, TokenTypeIds] : [InputIds, AttentionMask];
        ModelIdentity = modelIdentity;
    }

    public int Dimensions { get; private set; }

    /// <summary>
    /// Names the model files and this encoder's pipeline cheaply (file sizes, a hash of the vocabulary and of the
    /// model's first megabyte): a key for <see cref="EmbeddingCache"/> that changes when the model does.
    /// </summary>
    public string ModelIdentity { get; }

    /// <summary>The model shipped in the build output: <c>models/all-MiniLM-L6-v2</c> under <see cref="AppContext.BaseDirectory"/>.</summary>
    public static string DefaultModelDirectory => Path.Combine(AppContext.BaseDirectory, DefaultModelFolder);

    /// <summary>Loads <c>model.onnx</c> and <c>vocab.txt</c> from <paramref name="modelDirectory"/>, with session options tuned for this bot (see <see cref="CreateDefaultSessionOptions"/>).</summary>
    /// <exception cref="SentenceModelException">The directory or a file is missing, or the model is not a usable sentence encoder.</exception>
    public static OnnxSentenceEncoder Load(string modelDirectory)
    {
        using var options = CreateDefaultSessionOptions();
        return Load(modelDirectory, options);
    }

    /// <summary>As <see cref="Load(string)"/>, with the caller's session options (which the caller still owns and disposes).</summary>
    public static OnnxSentenceEncoder Load(string modelDirectory, SessionOptions sessionOptions)
    {
        ArgumentNullException.ThrowIfNull(modelDirectory);
        ArgumentNullException.ThrowIfNull(sessionOptions);
        var modelPath = Path.Combine(modelDirectory, ModelFile);
        var vocabularyPath = Path.Combine(modelDirectory, VocabularyFile);
        if (!Directory.Exists(modelDirectory))
        {
            throw new SentenceModelException($"{modelDirectory}: model directory not found (it should hold {ModelFile} and {VocabularyFile} of all-MiniLM-L6-v2; the build copies them to {DefaultModelFolder}/ in the output directory)");
        }

        foreach (var path in new[] { modelPath, vocabularyPath })
        {
            if (!File.Exists(path))
            {
                throw new SentenceModelException($"{path}: file not found (the build copies {ModelFile} and {VocabularyFile} to {DefaultModelFolder}/ in the output directory)");
            }
        }

        BertTokenizer tokenizer;
        try
        {
            tokenizer = BertTokenizer.Create(vocabularyPath, new BertOptions
            {
                LowerCaseBeforeTokenization = true,
                RemoveNonSpacingMarks = true,
                // What a user types is text: "[SEP]" in a question is five characters, not a separator.
                SplitOnSpecialTokens = false,
            });
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException)
        {
            throw new SentenceModelException($"{vocabularyPath}: not a WordPiece vocabulary: {ex.Message}");
        }

        InferenceSession session;
        try
        {
            session = new InferenceSession(modelPath, sessionOptions);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new SentenceModelException($"{modelPath}: not a loadable ONNX model: {FirstLine(ex.Message)}");
        }

        try
        {
            var inputs = session.InputMetadata;
            foreach (var required in new[] { InputIds, AttentionMask })
            {
                if (!inputs.ContainsKey(required))
                {
                    throw new SentenceModelException($"{modelPath}: the model has no '{required}' input (it has {string.Join(", ", inputs.Keys)})");
                }
            }

            if (!session.OutputMetadata.ContainsKey(LastHiddenState))
            {
                throw new SentenceModelException($"{modelPath}: the model has no '{LastHiddenState}' output (it has {string.Join(", ", session.OutputMetadata.Keys)})");
            }

            var identity = $"all-MiniLM-L6-v2;{ModelFile}={new FileInfo(modelPath).Length}:{HashPrefix(modelPath, 1 << 20)};{VocabularyFile}={HashPrefix(vocabularyPath, long.MaxValue)};{PipelineVersion}";
            var encoder = new OnnxSentenceEncoder(session, tokenizer, inputs.ContainsKey(TokenTypeIds), identity);
            try
            {
                // One run now: it tells the vector size (the metadata may leave it symbolic) and moves one-off costs
                // (buffers, kernel set-up, JIT) from the first questions to start-up. A run on a sequence longer than
                // any before costs ~20-30 ms extra, so the probe is as long as a long question.
                encoder.Dimensions = encoder.Run([encoder.Tokenize(WarmUpText)], probe: true)[0].Length;
            }
            catch (Exception ex) when (ex is OnnxRuntimeException or InvalidOperationException)
            {
                encoder._runOptions.Dispose();
                throw new SentenceModelException($"{modelPath}: does not run as a sentence encoder: {FirstLine(ex.Message)}");
            }

            NativeHeap.Trim();
            return encoder;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The session options <see cref="Load(string)"/> uses, chosen by measurement on the 2-core project machine
    /// (bench/README.md, "Sentence encoder"). One intra-op thread and no spinning: ONNX Runtime's default (a thread
    /// per core, spinning between runs) took ~2× the time and CPU per short question on a busy machine, and a second
    /// thread without spinning saved at most ~1 ms for ~25 % more CPU, taken from the web server. No CPU memory
    /// arena: with it, the memory of the largest batch ever run stays with the process (+43 MB after long texts);
    /// without it, and with a heap trim after each list, RSS returns to ~170 MB. Graph optimisation levels made no
    /// measurable difference; all are on. Weight prepacking (on by default) halves the time per question.
    /// </summary>
    public static SessionOptions CreateDefaultSessionOptions()
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            EnableCpuMemArena = false,
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }

    public float[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Run([Tokenize(text)])[0];
    }

    public float[][] Encode(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var tokens = new int[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            tokens[i] = Tokenize(texts[i] ?? throw new ArgumentException($"texts[{i}] is null", nameof(texts)));
        }

        // Batches of similar length waste little on padding: order by length, run in batches, put back in order.
        // Ascending length, so a batch's last text is its longest and fixes its padded size.
        var order = Enumerable.Range(0, tokens.Length).OrderBy(i => tokens[i].Length).ToArray();
        var vectors = new float[tokens.Length][];
        var start = 0;
        while (start < order.Length)
        {
            var count = 1;
            while (start + count < order.Length && count < BatchSize && (count + 1) * tokens[order[start + count]].Length <= BatchTokens)
            {
                count++;
            }

            var batch = order.AsSpan(start, count);
            var batchTokens = new int[count][];
            for (var j = 0; j < count; j++)
            {
                batchTokens[j] = tokens[batch[j]];
            }

            var batchVectors = Run(batchTokens);
            for (var j = 0; j < count; j++)
            {
                vectors[batch[j]] = batchVectors[j];
            }

            start += count;
        }

        if (texts.Count > 1)
        {
            // Batches free tens of megabytes of activations; hand them back rather than keep them for the next list.
            NativeHeap.Trim();
        }

        return vectors;
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    /// <summary>[CLS] word pieces [SEP], at most <see cref="MaxTokens"/> (a long text is cut at a word boundary).</summary>
    internal int[] Tokenize(string text)
    {
        var ids = _tokenizer.EncodeToIds(AccentFolding.Fold(text), MaxTokens, addSpecialTokens: true, out _, out _);
        return [.. ids];
    }

    /// <summary>One inference run over texts padded to the longest of them; mean pooling over the real tokens.</summary>
    private float[][] Run(int[][] batch, bool probe = false)
    {
        var rows = batch.Length;
        var columns = batch.Max(t => t.Length);
        var ids = new long[rows * columns];
        var mask = new long[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            var row = batch[r];
            for (var c = 0; c < row.Length; c++)
            {
                ids[(r * columns) + c] = row[c];
                mask[(r * columns) + c] = 1;
            }
        }

        long[] shape = [rows, columns];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = _wantsTokenTypes ? OrtValue.CreateTensorValueFromMemory(new long[rows * columns], shape) : null;
        OrtValue[] inputs = typesValue is null ? [idsValue, maskValue] : [idsValue, maskValue, typesValue];

        using var outputs = _session.Run(_runOptions, _inputNames, inputs, _outputNames);
        var outputShape = outputs[0].GetTensorTypeAndShape().Shape;
        if (outputShape is not [_, _, > 0] || outputShape[0] != rows || outputShape[1] != columns || (!probe && outputShape[2] != Dimensions))
        {
            throw new InvalidOperationException($"{LastHiddenState} has shape [{string.Join(", ", outputShape)}], expected [{rows}, {columns}, {(probe ? "dimensions" : Dimensions)}]");
        }

        var dimensions = (int)outputShape[2];
        var hidden = outputs[0].GetTensorDataAsSpan<float>();

        var vectors = new float[rows][];
        for (var r = 0; r < rows; r++)
        {
            var vector = new float[dimensions];
            var length = batch[r].Length;
            for (var c = 0; c < length; c++)
            {
                var state = hidden.Slice(((r * columns) + c) * dimensions, dimensions);
                for (var d = 0; d < dimensions; d++)
                {
                    vector[d] += state[d];
                }
            }

            // The mean's 1/length cancels out in the normalisation; only the direction matters.
            var norm = MathF.Sqrt(Similarity.Dot(vector, vector));
            if (norm > 0f)
            {
                for (var d = 0; d < dimensions; d++)
                {
                    vector[d] /= norm;
                }
            }

            vectors[r] = vector;
        }

        return vectors;
    }

    private static string HashPrefix(string path, long bytes)
    {
        using var stream = File.OpenRead(path);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        var remaining = bytes;
        int read;
        while (remaining > 0 && (read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining))) > 0)
        {
            hash.AppendData(buffer, 0, read);
            remaining -= read;
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 8));
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
