using System.Text;
using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Methods.Optimisation;

/// <summary>Runs a raw completion to the end and returns the trimmed text (streaming is not needed inside an optimiser).</summary>
public static class TextSampler
{
    public static async Task<string> SampleAsync(ILanguageModel model, string prompt, GenerationOptions options, CancellationToken cancellationToken)
    {
        var output = new StringBuilder();
        await foreach (var piece in model.CompleteAsync(prompt, options, cancellationToken).ConfigureAwait(false))
        {
            output.Append(piece);
        }
        return output.ToString().Trim();
    }

    /// <summary>The first line of a proposal (instructions and reflections are one paragraph), without wrapping quotes.</summary>
    public static string FirstParagraph(string text)
    {
        var line = text.Trim().Split('\n', 2)[0].Trim();
        return line.Length >= 2 && line[0] == '"' && line[^1] == '"' ? line[1..^1].Trim() : line;
    }
}
