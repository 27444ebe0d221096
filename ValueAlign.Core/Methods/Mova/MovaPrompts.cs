using System.Text;
using ValueAlign.Core.Values;

namespace ValueAlign.Core.Methods.Mova;

/// <summary>
/// MoVa's prompts, written for the workbench after the paper's templates
/// (<c>../shared/datasets/mova/prompts/</c>): the task names the framework and its dimensions,
/// each dimension is given with the catalogue's definition and, where the catalogue has them, its
/// keywords; the model goes through the dimensions one by one; the text sits inside
/// <c>&lt;text&gt;</c> tags; and the answer is a JSON object with one 0/1 per dimension in a fixed
/// order. Raw completions (no chat template) that end where the JSON begins, so the digit slots are
/// read on exactly the tokens that were generated. Definitions are given whole.
/// </summary>
public static class MovaPrompts
{
    public static string AllAtOnce(ValueSystem system, string text) => AllAtOnce(system.Name, system.Dimensions, text);

    /// <summary>All@once over a subset of a system's dimensions (optional ones without labels, or a questionnaire's, are left out).</summary>
    public static string AllAtOnce(string systemName, IReadOnlyList<ValueDimension> dimensions, string text)
    {
        var prompt = new StringBuilder()
            .Append("You will read a text and decide whether it involves each of the ").Append(dimensions.Count)
            .Append(" dimensions of ").Append(systemName).Append(": ").Append(string.Join(", ", dimensions.Select(d => d.Name))).Append(".\n")
            .Append("Go through the dimensions in this order. For each one, use its definition to decide whether the text involves it: write 1 if it does and 0 if it does not.\n")
            .Append("<definitions>\n");
        foreach (var dimension in dimensions)
            AppendDefinition(prompt, dimension);
        return prompt
            .Append("</definitions>\n")
            .Append("<text>\n").Append(text).Append("\n</text>\n")
            .Append("Answer as JSON with one 0/1 per dimension, in this order: ").Append(string.Join(", ", dimensions.Select(d => d.Id))).Append('\n')
            .ToString();
    }

    /// <summary>The 1-by-1 baseline: the same definition and keywords, one dimension per prompt.</summary>
    public static string OneByOne(ValueSystem system, ValueDimension dimension, string text)
    {
        var prompt = new StringBuilder()
            .Append("You will read a text and decide whether it involves the dimension ").Append(dimension.Name)
            .Append(" of ").Append(system.Name).Append(". Use its definition: write 1 if the text involves it and 0 if it does not.\n")
            .Append("<definitions>\n");
        AppendDefinition(prompt, dimension);
        return prompt
            .Append("</definitions>\n")
            .Append("<text>\n").Append(text).Append("\n</text>\n")
            .Append("Answer as JSON:\n")
            .ToString();
    }

    private static void AppendDefinition(StringBuilder prompt, ValueDimension dimension)
    {
        prompt.Append("- ").Append(dimension.Name).Append(": ").Append(dimension.Definition.Trim()).Append('\n');
        if (dimension.Keywords.Count > 0)
            prompt.Append("  keywords: ").Append(string.Join(", ", dimension.Keywords)).Append('\n');
    }
}
