using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Benchmarks.Media;

/// <summary>
/// An item's images as the model receives them: every media reference of the item with an image
/// content type, read from the media folder (the same checks as serving them: nothing outside the
/// folder). Audio references are not images and are left out. A missing or refused image is an
/// error naming the item, never a silently text-only unit.
/// </summary>
public sealed class ItemImages(MediaFiles media)
{
    public static bool HasImages(BenchmarkItem item) => ImageReferences(item).Count > 0;

    /// <summary>The item's image references (paths in the media folder), in order.</summary>
    public static IReadOnlyList<string> ImageReferences(BenchmarkItem item) =>
        JsonOutput.ParseList(item.MediaJson)
            .Where(r => MediaFiles.ContentTypeOf(r) is { } type && type.StartsWith("image/", StringComparison.Ordinal))
            .ToList();

    public async Task<IReadOnlyList<ImageInput>> LoadAsync(BenchmarkItem item, CancellationToken cancellationToken = default)
    {
        var images = new List<ImageInput>();
        foreach (var reference in ImageReferences(item))
        {
            var lookup = media.Resolve(reference);
            if (!lookup.Found)
            {
                throw new InvalidOperationException($"Item {item.ExternalId}: its image cannot be shown to the model: {lookup.Message}.");
            }
            images.Add(new ImageInput(await File.ReadAllBytesAsync(lookup.FullPath!, cancellationToken).ConfigureAwait(false), lookup.ContentType!));
        }
        return images;
    }

    /// <summary>The stored prompt of a unit that showed images: one <c>[image: path]</c> line per image, then the text prompt.</summary>
    public static string DescribePrompt(BenchmarkItem item, string prompt, int imagesShown) =>
        imagesShown == 0 ? prompt : string.Concat(ImageReferences(item).Take(imagesShown).Select(r => $"[image: {r}]\n")) + prompt;
}
