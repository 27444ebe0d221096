namespace ValueAlign.Core.Inference.Gguf;

/// <summary>What the Models page and the memory estimate need to know about a GGUF model.</summary>
public sealed record GgufModelSummary
{
    public required string Architecture { get; init; }

    /// <summary><c>general.name</c>, or the file name without extension when absent.</summary>
    public required string Name { get; init; }

    public required uint Version { get; init; }

    /// <summary>Sum of all tensors' element counts.</summary>
    public required ulong ParameterCount { get; init; }

    public required int TensorCount { get; init; }

    public required ulong ContextLength { get; init; }

    public required ulong EmbeddingLength { get; init; }

    public required ulong BlockCount { get; init; }

    public required ulong HeadCount { get; init; }

    /// <summary><c>attention.head_count_kv</c>, equal to <see cref="HeadCount"/> when absent (no grouped-query attention).</summary>
    public required ulong HeadCountKv { get; init; }

    /// <summary>Per-head key width: <c>attention.key_length</c>, or embedding / heads.</summary>
    public required ulong KeyLength { get; init; }

    /// <summary>Per-head value width: <c>attention.value_length</c>, or embedding / heads.</summary>
    public required ulong ValueLength { get; init; }

    public ulong? FeedForwardLength { get; init; }

    /// <summary>Raw <c>general.file_type</c> (llama_ftype), when present.</summary>
    public uint? FileTypeId { get; init; }

    /// <summary>Name of <see cref="FileTypeId"/> ("Q4_K_M"), when present.</summary>
    public string? FileType { get; init; }

    /// <summary>The tensor type that holds the most parameters.</summary>
    public required GgmlType DominantTensorType { get; init; }

    /// <summary>What to show as the quantisation: the file type, or the dominant tensor type when the file does not say.</summary>
    public string Quantization => FileType ?? GgmlTypeLayout.Name(DominantTensorType);

    /// <summary><c>tokenizer.ggml.model</c> ("llama" for SentencePiece, "gpt2" for BPE …).</summary>
    public required string TokenizerModel { get; init; }

    public required int VocabularySize { get; init; }

    public string? ChatTemplate { get; init; }

    public required long FileSizeBytes { get; init; }

    public static IReadOnlyList<string> RequiredKeys(string architecture) =>
    [
        "general.architecture",
        $"{architecture}.context_length",
        $"{architecture}.embedding_length",
        $"{architecture}.block_count",
        $"{architecture}.attention.head_count",
        "tokenizer.ggml.model",
        "tokenizer.ggml.tokens",
    ];

    /// <summary>Derives the summary; a missing or mistyped required key is a <see cref="GgufFormatException"/>.</summary>
    public static GgufModelSummary From(GgufFileInfo file)
    {
        var meta = new MetadataLookup(file);
        string? architecture = null;
        if (file.Metadata.TryGetValue("general.architecture", out var archValue))
        {
            architecture = archValue.Value as string ?? throw meta.WrongType("general.architecture", "a string");
        }
        // Without an architecture the per-architecture keys cannot be named; report the rest.
        var required = architecture is null ? RequiredKeys("<arch>").Where(k => !k.StartsWith('<')) : RequiredKeys(architecture);
        var missing = required.Where(key => !file.Metadata.ContainsKey(key)).ToList();
        if (missing.Count > 0)
        {
            throw new GgufFormatException(file.Path, $"missing required metadata key{(missing.Count > 1 ? "s" : "")}: {string.Join(", ", missing.Select(k => $"'{k}'"))}");
        }
        var arch = architecture!;

        var embedding = meta.RequiredUInt($"{arch}.embedding_length");
        var heads = meta.RequiredHeadCount($"{arch}.attention.head_count");
        var headsKv = meta.OptionalHeadCount($"{arch}.attention.head_count_kv") ?? heads;
        if (heads == 0)
        {
            throw new GgufFormatException(file.Path, $"metadata key '{arch}.attention.head_count' is 0");
        }
        var tokens = file.Metadata["tokenizer.ggml.tokens"];
        if (tokens.ElementType != GgufValueType.String)
        {
            throw meta.WrongType("tokenizer.ggml.tokens", "an array of strings");
        }
        var fileType = meta.OptionalUInt("general.file_type");

        return new GgufModelSummary
        {
            Architecture = arch,
            Name = meta.OptionalString("general.name") ?? System.IO.Path.GetFileNameWithoutExtension(file.Path),
            Version = file.Version,
            ParameterCount = file.ParameterCount,
            TensorCount = file.TensorCount,
            ContextLength = meta.RequiredUInt($"{arch}.context_length"),
            EmbeddingLength = embedding,
            BlockCount = meta.RequiredUInt($"{arch}.block_count"),
            HeadCount = heads,
            HeadCountKv = headsKv,
            KeyLength = meta.OptionalUInt($"{arch}.attention.key_length") ?? embedding / heads,
            ValueLength = meta.OptionalUInt($"{arch}.attention.value_length") ?? embedding / heads,
            FeedForwardLength = meta.OptionalHeadCount($"{arch}.feed_forward_length"),
            FileTypeId = fileType is { } ft ? (uint)ft : null,
            FileType = fileType is { } f ? GgufFileType.Name((uint)f) : null,
            DominantTensorType = DominantType(file),
            TokenizerModel = meta.RequiredString("tokenizer.ggml.model"),
            VocabularySize = tokens.ArrayLength,
            ChatTemplate = meta.OptionalString("tokenizer.chat_template"),
            FileSizeBytes = file.FileSize,
        };
    }

    private static GgmlType DominantType(GgufFileInfo file) =>
        file.Tensors
            .GroupBy(t => t.Type)
            .Select(g => (Type: g.Key, Elements: g.Aggregate(0UL, (sum, t) => sum + t.ElementCount)))
            .OrderByDescending(x => x.Elements)
            .ThenBy(x => x.Type)
            .Select(x => x.Type)
            .DefaultIfEmpty(GgmlType.F32)
            .First();

    /// <summary>Typed access to metadata with messages that name the file and key.</summary>
    private sealed class MetadataLookup(GgufFileInfo file)
    {
        public GgufFormatException WrongType(string key, string expected) =>
            new(file.Path, $"metadata key '{key}' has type {Describe(file.Metadata[key])}, expected {expected}");

        public ulong RequiredUInt(string key) => OptionalUInt(key) ?? throw Missing(key);

        public ulong? OptionalUInt(string key)
        {
            if (!file.Metadata.TryGetValue(key, out var value))
            {
                return null;
            }
            return value.TryGetUInt64(out var result) ? result : throw WrongType(key, "a non-negative integer");
        }

        /// <summary>Head counts may be per-layer arrays (e.g. OpenELM); the largest layer counts.</summary>
        public ulong RequiredHeadCount(string key) => OptionalHeadCount(key) ?? throw Missing(key);

        public ulong? OptionalHeadCount(string key)
        {
            if (!file.Metadata.TryGetValue(key, out var value))
            {
                return null;
            }
            if (value.IsArray && value.Value is Array array && array.Length > 0 && value.ElementType is { } et && et != GgufValueType.String && et != GgufValueType.Array)
            {
                ulong max = 0;
                foreach (var element in array)
                {
                    if (!GgufValue.Scalar(et, element!).TryGetUInt64(out var v))
                    {
                        throw WrongType(key, "non-negative integers");
                    }
                    max = Math.Max(max, v);
                }
                return max;
            }
            return OptionalUInt(key);
        }

        public string RequiredString(string key) => OptionalString(key) ?? throw Missing(key);

        public string? OptionalString(string key)
        {
            if (!file.Metadata.TryGetValue(key, out var value))
            {
                return null;
            }
            return value.Value as string ?? throw WrongType(key, "a string");
        }

        private GgufFormatException Missing(string key) => new(file.Path, $"missing required metadata key: '{key}'");

        private static string Describe(GgufValue value) => value.IsArray ? $"array of {value.ElementType}" : value.Type.ToString();
    }
}
