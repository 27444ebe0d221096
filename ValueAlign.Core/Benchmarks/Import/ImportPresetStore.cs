using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Benchmarks.Import;

/// <summary>Named column mappings for the generic importer.</summary>
public sealed class ImportPresetStore(IDbContextFactory<ValueAlignDbContext> factory)
{
    public async Task<ColumnMapping?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var preset = await db.ImportPresets.AsNoTracking().FirstOrDefaultAsync(p => p.Name == name, cancellationToken);
        return preset is null ? null : JsonSerializer.Deserialize<ColumnMapping>(preset.MappingJson);
    }

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.ImportPresets.AsNoTracking().OrderBy(p => p.Name).Select(p => p.Name).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Reads a mapping written as JSON (by a person in the import page's editor or a file given to
    /// `presets save`); a syntax error is reported with its line and position.
    /// </summary>
    public static ColumnMapping ParseMapping(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ColumnMapping>(json) ?? throw new ArgumentException("The mapping is empty (null).");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"line {line + 1}, position {e.BytePositionInLine + 1}: " : "";
            throw new ArgumentException($"The mapping is not valid JSON ({where}{e.Message.Split(" Path:")[0]})", e);
        }
    }

    /// <summary>Creates or replaces the preset; refuses a mapping with problems.</summary>
    public async Task SaveAsync(string name, ColumnMapping mapping, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A preset needs a name.", nameof(name));
        }
        var problems = mapping.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException("The mapping cannot be used: " + string.Join("; ", problems), nameof(mapping));
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var preset = await db.ImportPresets.FirstOrDefaultAsync(p => p.Name == name, cancellationToken);
        if (preset is null)
        {
            preset = new ImportPreset { Name = name };
            db.ImportPresets.Add(preset);
        }
        preset.MappingJson = JsonSerializer.Serialize(mapping, JsonOutput.Compact);
        preset.UpdatedAtUtc = DateTime.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
    }
}
