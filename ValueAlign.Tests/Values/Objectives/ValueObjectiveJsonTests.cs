using ValueAlign.Core.Values;
using ValueAlign.Core.Values.Objectives;

namespace ValueAlign.Tests.Values.Objectives;

public sealed class ValueObjectiveJsonTests
{
    private static readonly ValueSystem Schwartz = ValueSystemFiles.Shipped.Get("schwartz-10");

    [Fact]
    public void Export_then_import_gives_the_same_objective()
    {
        var objective = ValueObjective.FromVector(Schwartz, [1, 2, 3, 4, 5, 1, 2, 3, 4, 5]) with
        {
            Name = "Caring town",
            Description = "More care, less power.",
            Priorities = [.. ValueObjective.FromVector(Schwartz, [1, 2, 3, 4, 5, 1, 2, 3, 4, 5]).Priorities.Select((p, i) => p with { Importance = i == 0 ? 2.5 : 1 })],
            RelationOverrides = [new RelationPair("power", "hedonism", Relation.Opposing)],
        };
        var json = ValueObjectiveJson.Export(objective);
        var back = ValueObjectiveJson.Import(json, Schwartz);

        Assert.Contains("\"valueSystem\": \"schwartz-10\"", json, StringComparison.Ordinal);
        Assert.Contains("\"relation\": \"opposing\"", json, StringComparison.Ordinal);
        Assert.Equal(objective.Name, back.Name);
        Assert.Equal(objective.Description, back.Description);
        Assert.Equal(objective.Priorities, back.Priorities);
        Assert.Equal(objective.RelationOverrides, back.RelationOverrides);
    }

    [Fact]
    public void Malformed_json_names_the_line()
    {
        var error = Assert.Throws<InvalidObjectiveException>(() => ValueObjectiveJson.Import("{\n\"valueSystem\": \"schwartz-10\",\n\"priorities\": [,]\n}"));
        Assert.StartsWith("Invalid value objective: Line 3: not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Field_problems_are_listed_with_their_path()
    {
        const string json = """
            {"priorities": [{"dimension": "power", "priority": 2.5}, {"priority": 3}, 7],
             "relationOverrides": [{"a": "power", "b": "hedonism", "relation": "hostile"}]}
            """;
        var error = Assert.Throws<InvalidObjectiveException>(() => ValueObjectiveJson.Import(json));
        Assert.Equal(
        [
            "valueSystem: required field is missing.",
            "priorities[0].priority: 2.5 must be a whole number.",
            "priorities[1].dimension: required field is missing.",
            "priorities[2]: must be an object.",
            "relationOverrides[0].relation: 'hostile' is not consistent, opposing or unrelated.",
        ], error.Problems);
    }

    [Fact]
    public void Import_with_a_system_validates_against_it()
    {
        const string json = """{"valueSystem": "schwartz-10", "priorities": [{"dimension": "power", "priority": 9}]}""";
        var error = Assert.Throws<InvalidObjectiveException>(() => ValueObjectiveJson.Import(json, Schwartz));
        Assert.Contains("priorities[0] (power): priority 9 is outside 1..5.", error.Problems);
        Assert.Contains("Dimension 'achievement' has no priority.", error.Problems);
        Assert.Single(ValueObjectiveJson.Import(json).Priorities); // without a system only the format is checked
    }
}
