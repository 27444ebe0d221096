using System.Text;
using ValueAlign.Core.Inference;

namespace ValueAlign.Tests.Inference.Runtime;

internal static class TextGeneration
{
    public static async Task<string> CollectAsync(this IAsyncEnumerable<string> pieces)
    {
        var text = new StringBuilder();
        await foreach (var piece in pieces)
        {
            text.Append(piece);
        }
        return text.ToString();
    }

    public static Task<string> CompleteTextAsync(this ILanguageModel model, string prompt, GenerationOptions options, CancellationToken cancellationToken = default) =>
        model.CompleteAsync(prompt, options, cancellationToken).CollectAsync();
}
