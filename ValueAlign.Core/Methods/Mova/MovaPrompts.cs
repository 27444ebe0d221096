using ValueAlign.Core.Values;

namespace ValueAlign.Core.Methods.Mova;

/// <summary>
/// MoVa's prompts, written for the workbench after the structure of the paper's templates: the
/// dimensions are named, the text sits inside <c>&lt;text&gt;</c> tags, and the answer is a JSON
/// object with one 0/1 per dimension in a fixed order. Raw completions (no chat template) that end
/// where the JSON begins, so the digit slots are read on exactly the tokens that were generated.
/// </summary>
public static class MovaPrompts
{
    public static string AllAtOnce(ValueSystem system, string text) => AllAtOnce(system.Name, system.Dimensions, text);

    /// <summary>All@once over a subset of a system's dimensions (a questionnaire leaves optional ones out).</summary>
    public static string AllAtOnce(string systemName, IReadOnlyList<ValueDimension> dimensions, string text) =>
        $"""
        Decide which of the {dimensions.Count} dimensions of {systemName} the text involves.
        Dimensions: {string.Join("; ", dimensions.Select(d => d.Name))}
        For each dimension write 1 if the text involves it and 0 if it does not.
        <text>
        {text}
        </text>
        Answer as JSON with one 0/1 per dimension, in this order: {string.Join(", ", dimensions.Select(d => d.Id))}
        """ + "\n";

    /// <param name="definitionMaxLength">The dimension's definition is cut to this many characters to keep prompts inside small contexts.</param>
    public static string OneByOne(ValueSystem system, ValueDimension dimension, string text, int definitionMaxLength = 120) =>
        $"""
        Decide whether the text involves {dimension.Name} ({system.Name}): {Cut(dimension.Definition, definitionMaxLength)}
        Write 1 if it does and 0 if it does not.
        <text>
        {text}
        </text>
        Answer as JSON:
        """ + "\n";

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max].TrimEnd() + "...";
}
