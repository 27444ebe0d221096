using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Benchmarks.Import;

/// <summary>
/// The (benchmark, external id, kind) of every item a file holds, read with the same importer an
/// import uses, so a command that imports a file can then work on exactly that file's items.
/// </summary>
public static class FileItemKeys
{
    public sealed record Key(string Benchmark, string ExternalId, ItemKind Kind);

    public static async Task<IReadOnlyList<Key>> ReadAsync(ImporterRegistry registry, string path, string? format = null, CancellationToken cancellationToken = default)
    {
        var importer = format is not null
            ? registry.Find(format) ?? throw new ArgumentException($"Unknown format '{format}'.")
            : registry.Detect(path) is [var only] ? only : throw new ArgumentException($"The format of {Path.GetFileName(path)} is not recognised; give --format.");
        var context = new ImportContext(path, null, null, maxErrors: 100);
        var keys = new List<Key>();
        await foreach (var parsed in importer.ReadAsync(context, cancellationToken).ConfigureAwait(false))
            keys.Add(new Key(parsed.Item.Benchmark, parsed.Item.ExternalId, parsed.Item.Kind));
        if (context.ErrorCount > 0)
            throw new ImportException(context.Errors);
        return keys;
    }
}
