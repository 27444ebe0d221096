using System.Text.Json.Serialization;

namespace ValueAlign.Core.Values;

// The JSON shape of a data/value-systems/*.json file, read as-is and validated by
// ValueSystemLoader. Everything is nullable so a missing field is reported by name rather
// than turned into a default.

internal sealed class ValueSystemDocument
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Version { get; set; }
    public string? Summary { get; set; }
    public int? Order { get; set; }
    public bool? IsCircular { get; set; }
    public TheoryDocument? Theory { get; set; }
    public List<InstrumentDocument?>? Instruments { get; set; }
    public string? Scoring { get; set; }
    public List<string?>? Caveats { get; set; }
    public List<GroupDocument?>? Groups { get; set; }
    public string? RelationNote { get; set; }
    public List<RelationDocument?>? Relations { get; set; }
    public List<DimensionDocument?>? Dimensions { get; set; }
}

internal sealed class TheoryDocument
{
    public string? Name { get; set; }
    public string? Citation { get; set; }
    public string? Summary { get; set; }
}

internal sealed class InstrumentDocument
{
    public string? Name { get; set; }
    public string? Citation { get; set; }
    public string? Description { get; set; }
}

internal sealed class GroupDocument
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
}

internal sealed class RelationDocument
{
    public string? A { get; set; }
    public string? B { get; set; }
    public string? Relation { get; set; }
}

internal sealed class DimensionDocument
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Definition { get; set; }
    public double? Angle { get; set; }
    public List<string?>? Groups { get; set; }
    public List<string?>? Aliases { get; set; }
    public List<string?>? Keywords { get; set; }
    public bool? Optional { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ValueSystemDocument))]
internal sealed partial class ValueSystemJsonContext : JsonSerializerContext;
