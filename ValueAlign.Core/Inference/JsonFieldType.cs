namespace ValueAlign.Core.Inference;

/// <summary>
/// The value type of one field of a grammar-constrained JSON object. Every type is bounded in
/// length so that a constrained generation always finishes within a known number of tokens.
/// </summary>
public abstract record JsonFieldType
{
    private JsonFieldType() { }

    /// <summary>A single digit between <paramref name="Min"/> and <paramref name="Max"/> (0..9), e.g. a 1..5 rating.</summary>
    public sealed record Digit(int Min, int Max) : JsonFieldType
    {
        public int Min { get; } = Min is >= 0 and <= 9 ? Min : throw new ArgumentOutOfRangeException(nameof(Min), Min, "A digit field ranges within 0..9.");
        public int Max { get; } = Max >= Min && Max <= 9 ? Max : throw new ArgumentOutOfRangeException(nameof(Max), Max, "A digit field needs Min <= Max <= 9.");
    }

    /// <summary>A whole number between <paramref name="Min"/> and <paramref name="Max"/> (0..100), e.g. a 1..10 rubric score.</summary>
    public sealed record Integer(int Min, int Max) : JsonFieldType
    {
        public int Min { get; } = Min is >= 0 and <= 100 ? Min : throw new ArgumentOutOfRangeException(nameof(Min), Min, "An integer field ranges within 0..100.");
        public int Max { get; } = Max >= Min && Max <= 100 ? Max : throw new ArgumentOutOfRangeException(nameof(Max), Max, "An integer field needs Min <= Max <= 100.");
    }

    /// <summary>A string of at most <paramref name="MaxLength"/> characters (escapes count as one).</summary>
    public sealed record Text(int MaxLength = 200) : JsonFieldType
    {
        public int MaxLength { get; } = MaxLength > 0 ? MaxLength : throw new ArgumentOutOfRangeException(nameof(MaxLength), MaxLength, "A string field needs a positive maximum length.");
    }

    /// <summary>A JSON number with up to 9 integer and 6 fraction digits.</summary>
    public sealed record Number : JsonFieldType;

    public sealed record Boolean : JsonFieldType;

    /// <summary>An array of at most <paramref name="MaxItems"/> strings of at most <paramref name="MaxLength"/> characters.</summary>
    public sealed record TextArray(int MaxItems = 8, int MaxLength = 100) : JsonFieldType
    {
        public int MaxItems { get; } = MaxItems > 0 ? MaxItems : throw new ArgumentOutOfRangeException(nameof(MaxItems), MaxItems, "An array field needs a positive maximum item count.");
        public int MaxLength { get; } = MaxLength > 0 ? MaxLength : throw new ArgumentOutOfRangeException(nameof(MaxLength), MaxLength, "An array field needs a positive maximum string length.");
    }

    /// <summary>A 1..5 rating as one digit.</summary>
    public static JsonFieldType Rating1To5 { get; } = new Digit(1, 5);

    /// <summary>A 1..10 rubric score (MoHoBench's rationality and helpfulness).</summary>
    public static JsonFieldType Rating1To10 { get; } = new Integer(1, 10);

    /// <summary>A 0/1 slot as one digit.</summary>
    public static JsonFieldType Binary { get; } = new Digit(0, 1);
}

/// <summary>One field of a grammar-constrained JSON object.</summary>
public sealed record JsonField(string Name, JsonFieldType Type);
