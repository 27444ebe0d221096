using System.Text.Json;
using ValueAlign.Core.Values;
using ValueAlign.Tests.Support;
using static ValueAlign.Tests.Values.ValueSystemFiles;

namespace ValueAlign.Tests.Values;

public class ShippedValueSystemsTests
{
    [Fact]
    public void Every_shipped_file_loads_in_display_order()
    {
        Assert.Equal(Directory.GetFiles(ShippedFolder, "*.json").Length, Shipped.All.Count);
        Assert.Equal(
            ["schwartz-10", "schwartz-19", "touche23-20", "moral-foundations", "mfq2", "morality-as-cooperation", "gert-10", "big-five"],
            Shipped.All.Select(s => s.Id));
    }

    [Theory]
    [InlineData("schwartz-10", 10, true)]
    [InlineData("schwartz-19", 19, true)]
    [InlineData("touche23-20", 20, true)]
    [InlineData("moral-foundations", 6, false)]
    [InlineData("mfq2", 6, false)]
    [InlineData("morality-as-cooperation", 7, false)]
    [InlineData("gert-10", 10, false)]
    [InlineData("big-five", 5, false)]
    public void Shipped_system_has_its_dimensions_and_documentation(string id, int dimensions, bool circular)
    {
        var system = Shipped.Get(id);
        Assert.Equal(dimensions, system.Dimensions.Count);
        Assert.Equal(circular, system.IsCircular);
        Assert.All(system.Dimensions, d => Assert.True(d.Definition.Length >= 20, $"{id}/{d.Id} needs a real definition"));
        Assert.NotEmpty(system.Instruments);
        Assert.NotEmpty(system.Caveats);
        Assert.NotEmpty(system.Theory.Citation);
        Assert.False(string.IsNullOrWhiteSpace(system.RelationNote), $"{id} should say why its relations are what they are");
    }

    [Fact]
    public void Schwartz_10_has_the_circle_order_and_conformity_tradition_share_a_wedge()
    {
        var s = Shipped.Get("schwartz-10");
        Assert.Equal(
            ["self-direction", "stimulation", "hedonism", "achievement", "power", "security", "conformity", "tradition", "benevolence", "universalism"],
            s.Dimensions.OrderBy(d => d.Angle).ThenBy(d => d.Id).Select(d => d.Id));
        Assert.Equal(s.FindDimensionById("conformity")!.Angle, s.FindDimensionById("tradition")!.Angle);
        Assert.Equal(["openness-to-change", "self-enhancement"], s.FindDimensionById("hedonism")!.Groups);
        Assert.Equal(
            ["Openness to Change", "Self-Enhancement", "Conservation", "Self-Transcendence"],
            s.Groups.Select(g => g.Name));
    }

    [Fact]
    public void Touche_dimensions_are_exactly_the_dataset_categories()
    {
        using var stream = File.OpenRead(SharedFolder.File("datasets", "touche23_valueeval", "value-categories.json"));
        using var categories = JsonDocument.Parse(stream);
        var names = categories.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        var system = Shipped.Get("touche23-20");

        Assert.Equal(names.Order(), system.Dimensions.Select(d => d.Name).Order());
        // The label header of the TSV uses the same names, so each column maps to a dimension id.
        var header = File.ReadLines(SharedFolder.File("datasets", "touche23_valueeval", "labels-validation.sample.tsv")).First().Split('\t');
        Assert.All(header.Skip(1), label => Assert.NotNull(system.FindDimension(label)));
        Assert.Equal("universalism-objectivity", system.FindDimension("Universalism: objectivity")!.Id);
    }

    [Fact]
    public void Schwartz_19_is_Touche_without_objectivity()
    {
        Assert.Equal(
            Shipped.Get("touche23-20").Dimensions.Select(d => d.Id).Where(id => id != "universalism-objectivity"),
            Shipped.Get("schwartz-19").Dimensions.Select(d => d.Id));
    }

    [Fact]
    public void Gert_rules_map_MoralChoice_rule_names_and_columns()
    {
        var gert = Shipped.Get("gert-10");
        var csv = SharedFolder.File("datasets", "moralchoice", "moralchoice_low_ambiguity.csv");
        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',');
        var ruleColumn = Array.IndexOf(header, "generation_rule");
        var rules = lines.Skip(1).Select(l => l.Split(',')[ruleColumn]).Distinct().ToArray();
        var columns = header.Where(h => h.StartsWith("a1_", StringComparison.Ordinal)).Select(h => h[3..]).ToArray();

        Assert.Equal(10, columns.Length);
        Assert.All(rules, r => Assert.NotNull(gert.FindDimension(r)));
        Assert.Equal(gert.Dimensions.Select(d => d.Id), columns.Select(c => gert.FindDimension(c)!.Id));
    }

    [Fact]
    public void ValueBench_PVQ40_and_MFQ30_labels_map_to_dimensions()
    {
        var rows = File.ReadAllLines(SharedFolder.File("datasets", "valuebench", "value_orientation.sample.csv"));
        // The value label is the third column; item texts with commas are quoted, so only take
        // rows whose first two fields are simple (the labels we need all appear on such rows).
        string? Label(string line, string questionnaire)
        {
            if (!line.StartsWith(questionnaire + ",", StringComparison.Ordinal)) return null;
            var rest = line[(questionnaire.Length + 1)..];
            if (rest.StartsWith('"')) return null;
            return rest.Split(',')[1];
        }
        var pvq = rows.Select(r => Label(r, "PVQ40")).OfType<string>().Distinct().ToArray();
        var mfq = rows.Select(r => Label(r, "MFT08")).OfType<string>().Distinct().ToArray();

        Assert.Equal(10, pvq.Length);
        Assert.All(pvq, l => Assert.NotNull(Shipped.Get("schwartz-10").FindDimension(l)));
        Assert.Equal(5, mfq.Length);
        Assert.All(mfq, l => Assert.NotNull(Shipped.Get("moral-foundations").FindDimension(l)));
        Assert.Equal("sanctity", Shipped.Get("moral-foundations").FindDimension("Purity")!.Id);
    }

    [Fact]
    public void Liberty_is_the_only_optional_foundation()
    {
        var optional = Shipped.All.SelectMany(s => s.Dimensions.Where(d => d.Optional).Select(d => $"{s.Id}/{d.Id}"));
        Assert.Equal(["moral-foundations/liberty"], optional);
    }

    [Fact]
    public void Unknown_system_id_lists_the_known_ones()
    {
        Assert.Null(Shipped.Find("nope"));
        var error = Assert.Throws<KeyNotFoundException>(() => Shipped.Get("nope"));
        Assert.Contains("schwartz-10", error.Message);
    }
}
