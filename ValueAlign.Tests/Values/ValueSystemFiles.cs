using System.Text.Json.Nodes;
using ValueAlign.Core.Values;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Values;

/// <summary>The shipped catalogue folder and a small valid document to break in loader tests.</summary>
internal static class ValueSystemFiles
{
    public static string ShippedFolder => Path.Combine(RepositoryRoot.Path, "data", "value-systems");

    public static ValueSystemCatalog Shipped { get; } = new(ShippedFolder);

    /// <summary>A valid circular system with four dimensions on four positions.</summary>
    public static JsonObject ValidCircular() => new()
    {
        ["id"] = "tiny",
        ["name"] = "Tiny circle",
        ["version"] = "1",
        ["summary"] = "Four values for tests.",
        ["isCircular"] = true,
        ["theory"] = new JsonObject { ["name"] = "Test theory", ["citation"] = "Nobody (2026)." },
        ["instruments"] = new JsonArray(new JsonObject { ["name"] = "TQ-4" }),
        ["scoring"] = "Mean of items.",
        ["caveats"] = new JsonArray("Models are not people."),
        ["groups"] = new JsonArray(new JsonObject { ["id"] = "g", ["name"] = "G" }),
        ["dimensions"] = new JsonArray(
            Dimension("north", 0),
            Dimension("east", 90),
            Dimension("south", 180),
            Dimension("west", 270)),
    };

    public static JsonObject Dimension(string id, double? angle)
    {
        var d = new JsonObject { ["id"] = id, ["name"] = id.ToUpperInvariant(), ["definition"] = "Being " + id + "." };
        if (angle is not null)
        {
            d["angle"] = angle;
        }
        return d;
    }

    /// <summary>Writes <paramref name="json"/> as <c>{name}.json</c> in <paramref name="dir"/> and loads it.</summary>
    public static ValueSystem Load(TempDirectory dir, string name, string json)
    {
        var path = dir.File(name + ".json");
        File.WriteAllText(path, json);
        return ValueSystemLoader.LoadFile(path);
    }

    public static ValueSystemFileException LoadFails(TempDirectory dir, string name, string json) =>
        Assert.Throws<ValueSystemFileException>(() => Load(dir, name, json));
}
