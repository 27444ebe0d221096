using System.Text.Json;
using System.Text.RegularExpressions;

namespace ValueAlign.Core.Values;

/// <summary>
/// Reads and validates value-system files (<c>data/value-systems/*.json</c>). Every problem is
/// reported as a <see cref="ValueSystemFileException"/> naming the file and the field; nothing is
/// silently defaulted or dropped.
/// <para>Rules: id is kebab-case and equals the file name; name, version, summary, theory.name,
/// theory.citation, scoring and isCircular are required; at least one instrument (with a name)
/// and one caveat; at least two dimensions, each with a unique kebab-case id, a name and a
/// definition. Circular systems give every dimension an angle in [0, 360) and need at least
/// four distinct angles; non-circular systems give none. Group references, relation
/// dimensions and aliases must resolve; relations name two different dimensions, once per pair.</para>
/// </summary>
public static partial class ValueSystemLoader
{
    public const string FilePattern = "*.json";

    /// <summary>Every value system in <paramref name="folder"/>, ordered by their <c>order</c> field then name.</summary>
    public static IReadOnlyList<ValueSystem> LoadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The value-system folder {folder} does not exist.");
        }
        var files = Directory.GetFiles(folder, FilePattern).Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            throw new InvalidDataException($"The value-system folder {folder} holds no {FilePattern} files.");
        }
        return files.Select(LoadFile).OrderBy(s => s.DisplayOrder).ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToArray();
    }

    public static ValueSystem LoadFile(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses and validates one file's text; <paramref name="path"/> names it in errors and fixes its id.</summary>
    public static ValueSystem Parse(string json, string path) => Build(Deserialize(json, path), new Checker(path), path);

    private static ValueSystemDocument Deserialize(string json, string path)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ValueSystemJsonContext.Default.ValueSystemDocument)
                ?? throw new ValueSystemFileException(path, "$", "the file holds JSON null instead of an object", 1);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
            var line = e.LineNumber is { } l ? l + 1 : (long?)null;
            // A misspelt field would otherwise be dropped silently; name it in the workbench's words.
            var problem = e.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? $"unknown field '{field[(field.LastIndexOf('.') + 1)..]}' (misspelt, or not part of the value-system format)"
                : "malformed JSON: " + FirstSentence(e.Message);
            throw new ValueSystemFileException(path, field, problem, line, e);
        }
    }

    private static ValueSystem Build(ValueSystemDocument doc, Checker check, string path)
    {
        var id = check.Id(doc.Id, "id");
        var expectedId = Path.GetFileNameWithoutExtension(path);
        if (id != expectedId)
        {
            check.Fail("id", $"'{id}' does not match the file name; rename the file to {id}.json or set id to '{expectedId}'");
        }
        var isCircular = doc.IsCircular ?? check.Fail<bool>("isCircular", "is missing (true or false)");
        var theory = check.Required(doc.Theory, "theory");
        var groups = BuildGroups(doc.Groups, check);
        var dimensions = BuildDimensions(doc.Dimensions, isCircular, groups, check);
        var relations = BuildRelations(doc.Relations, dimensions, check);

        var graph = isCircular
            ? CircleGraph(dimensions, check)
            : RelationGraph.Unrelated(dimensions.Select(d => d.Id));
        return new ValueSystem(
            id,
            check.Text(doc.Name, "name"),
            check.Text(doc.Version, "version"),
            doc.Order ?? int.MaxValue,
            check.Text(doc.Summary, "summary"),
            new SourceTheory(check.Text(theory.Name, "theory.name"), check.Text(theory.Citation, "theory.citation"), theory.Summary?.Trim() ?? ""),
            BuildInstruments(doc.Instruments, check),
            check.Text(doc.Scoring, "scoring"),
            BuildCaveats(doc.Caveats, check),
            isCircular,
            groups,
            dimensions,
            relations,
            string.IsNullOrWhiteSpace(doc.RelationNote) ? null : doc.RelationNote.Trim(),
            graph.With(relations),
            path);
    }

    private static RelationGraph CircleGraph(IReadOnlyList<ValueDimension> dimensions, Checker check)
    {
        var positions = dimensions.Select(d => d.Angle!.Value).Distinct().Count();
        if (positions < CircleRelations.MinimumPositions)
        {
            check.Fail("dimensions", $"a circular system needs at least {CircleRelations.MinimumPositions} distinct angles; found {positions}");
        }
        return RelationGraph.FromCircle(dimensions);
    }

    private static IReadOnlyList<MeasuringInstrument> BuildInstruments(List<InstrumentDocument?>? items, Checker check)
    {
        if (items is null || items.Count == 0)
        {
            check.Fail("instruments", "at least one measuring instrument is required");
        }
        return items!.Select((item, i) =>
        {
            var field = $"instruments[{i}]";
            var instrument = check.Required(item, field);
            return new MeasuringInstrument(
                check.Text(instrument.Name, field + ".name"),
                instrument.Citation?.Trim() ?? "",
                instrument.Description?.Trim() ?? "");
        }).ToArray();
    }

    private static IReadOnlyList<string> BuildCaveats(List<string?>? items, Checker check)
    {
        if (items is null || items.Count == 0)
        {
            check.Fail("caveats", "at least one caveat about applying the system to language models is required");
        }
        return items!.Select((c, i) => check.Text(c, $"caveats[{i}]")).ToArray();
    }

    private static IReadOnlyList<ValueGroup> BuildGroups(List<GroupDocument?>? items, Checker check)
    {
        var groups = new List<ValueGroup>();
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            var field = $"groups[{i}]";
            var group = check.Required(items![i], field);
            var id = check.Id(group.Id, field + ".id");
            if (groups.Any(g => g.Id == id))
            {
                check.Fail(field + ".id", $"duplicate group id '{id}'");
            }
            groups.Add(new ValueGroup(id, check.Text(group.Name, field + ".name"), group.Description?.Trim() ?? ""));
        }
        return groups;
    }

    private static IReadOnlyList<ValueDimension> BuildDimensions(
        List<DimensionDocument?>? items, bool isCircular, IReadOnlyList<ValueGroup> groups, Checker check)
    {
        if (items is null || items.Count < 2)
        {
            check.Fail("dimensions", "at least two dimensions are required");
        }
        var dimensions = new List<ValueDimension>();
        for (var i = 0; i < items!.Count; i++)
        {
            var item = check.Required(items[i], $"dimensions[{i}]");
            var id = check.Id(item.Id, $"dimensions[{i}].id");
            var field = $"dimensions[{i}] ({id})";
            if (dimensions.Any(d => d.Id == id))
            {
                check.Fail($"dimensions[{i}].id", $"duplicate dimension id '{id}'");
            }
            var angle = item.Angle;
            if (isCircular && angle is null)
            {
                check.Fail(field + ".angle", "is missing; every dimension of a circular system needs an angle in degrees");
            }
            if (!isCircular && angle is not null)
            {
                check.Fail(field + ".angle", "is set but the system is not circular (isCircular is false)");
            }
            if (angle is { } a && (double.IsNaN(a) || a < 0 || a >= 360))
            {
                check.Fail(field + ".angle", $"{a} is out of range; use degrees in [0, 360)");
            }
            var memberOf = (item.Groups ?? []).Select((g, k) => check.Text(g, $"{field}.groups[{k}]")).ToArray();
            foreach (var (g, k) in memberOf.Select((g, k) => (g, k)))
            {
                if (groups.All(x => x.Id != g))
                {
                    check.Fail($"{field}.groups[{k}]", $"unknown group '{g}'; declare it under groups");
                }
            }
            var aliases = (item.Aliases ?? []).Select((x, k) => check.Text(x, $"{field}.aliases[{k}]")).ToArray();
            var keywords = (item.Keywords ?? []).Select((x, k) => check.Text(x, $"{field}.keywords[{k}]")).ToArray();
            dimensions.Add(new ValueDimension(
                id,
                check.Text(item.Name, field + ".name"),
                check.Text(item.Definition, field + ".definition"),
                angle,
                memberOf,
                aliases,
                item.Optional ?? false)
            {
                Keywords = keywords,
            });
        }
        CheckLabelsAreUnambiguous(dimensions, check);
        return dimensions;
    }

    // An importer maps a dataset label to the one dimension whose id, name or alias matches it;
    // a label shared by two dimensions would make that mapping depend on file order.
    private static void CheckLabelsAreUnambiguous(IReadOnlyList<ValueDimension> dimensions, Checker check)
    {
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in dimensions)
        {
            foreach (var label in new[] { d.Id, d.Name }.Concat(d.Aliases).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (seen.TryGetValue(label, out var other) && other != d.Id)
                {
                    check.Fail($"dimensions ({d.Id}).aliases", $"label '{label}' also names dimension '{other}'");
                }
                seen[label] = d.Id;
            }
        }
    }

    private static IReadOnlyList<RelationPair> BuildRelations(
        List<RelationDocument?>? items, IReadOnlyList<ValueDimension> dimensions, Checker check)
    {
        var pairs = new List<RelationPair>();
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            var field = $"relations[{i}]";
            var item = check.Required(items![i], field);
            var a = check.Text(item.A, field + ".a");
            var b = check.Text(item.B, field + ".b");
            foreach (var (end, name) in new[] { (a, "a"), (b, "b") })
            {
                if (dimensions.All(d => d.Id != end))
                {
                    check.Fail($"{field}.{name}", $"unknown dimension '{end}'");
                }
            }
            if (a == b)
            {
                check.Fail(field, $"a dimension cannot be related to itself ('{a}')");
            }
            var relation = check.Text(item.Relation, field + ".relation") switch
            {
                "consistent" => Relation.Consistent,
                "opposing" => Relation.Opposing,
                "unrelated" => Relation.Unrelated,
                var other => check.Fail<Relation>(field + ".relation", $"'{other}' is not one of consistent, opposing, unrelated"),
            };
            if (pairs.Any(p => (p.A == a && p.B == b) || (p.A == b && p.B == a)))
            {
                check.Fail(field, $"the pair {a}/{b} is listed twice");
            }
            pairs.Add(new RelationPair(a, b, relation));
        }
        return pairs;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    /// <summary>Small helpers that turn a failed expectation into a file-and-field error.</summary>
    private sealed class Checker(string path)
    {
        public void Fail(string field, string problem) => throw new ValueSystemFileException(path, field, problem);

        public T Fail<T>(string field, string problem) => throw new ValueSystemFileException(path, field, problem);

        public T Required<T>(T? value, string field) where T : class =>
            value ?? Fail<T>(field, "is missing");

        public string Text(string? value, string field) =>
            string.IsNullOrWhiteSpace(value) ? Fail<string>(field, "is missing or empty") : value.Trim();

        public string Id(string? value, string field)
        {
            var id = Text(value, field);
            return KebabCase().IsMatch(id)
                ? id
                : Fail<string>(field, $"'{id}' is not a kebab-case id (lower-case letters and digits separated by single hyphens)");
        }
    }
}
