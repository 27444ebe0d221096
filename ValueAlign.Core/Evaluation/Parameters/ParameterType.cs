namespace ValueAlign.Core.Evaluation.Parameters;

/// <summary>The JSON shape a method parameter takes; decides its form control and how <c>--param key=value</c> is read.</summary>
public enum ParameterType
{
    /// <summary>A whole number (JSON number without a fraction).</summary>
    Integer,

    /// <summary>Any JSON number.</summary>
    Number,

    /// <summary>true or false.</summary>
    Flag,

    /// <summary>One string out of a fixed list (<see cref="MethodParameter.Choices"/>).</summary>
    Choice,

    /// <summary>Free text.</summary>
    Text,

    /// <summary>A JSON array of strings, each out of <see cref="MethodParameter.Choices"/> when it is set.</summary>
    TextList,

    /// <summary>A JSON array of whole numbers (item ids).</summary>
    IntegerList,

    /// <summary>Structured JSON (an array or object) that the method reads itself, for example a study's objectives.</summary>
    Json,
}
