using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Values;
using ValueAlign.Core.Values.Objectives.Presets;

namespace ValueAlign.Tests.Values.Objectives.Presets;

public sealed class LabelVectorPresetTests
{
    private static readonly ValueSystem Schwartz = ValueSystemFiles.Shipped.Get("schwartz-10");

    private static ItemLabel Label(string dimension, double value, string system = "schwartz-10", string? target = null) =>
        new() { ValueSystemId = system, DimensionId = dimension, Value = value, Target = target };

    [Fact]
    public void A_fulcra_vector_maps_plus_one_to_5_zero_to_3_minus_one_to_1_and_unlabelled_to_3()
    {
        // As the FULCRA importer stores "conformity: +1", "benevolence: +1", "power: -1", "security: 0",
        // humility (schwartz-19) and the fine-grained value items: only the schwartz-10 labels count.
        ItemLabel[] labels =
        [
            Label("conformity", 1), Label("benevolence", 1), Label("power", -1), Label("security", 0),
            Label("humility", 1, "schwartz-19"), Label("be-honest", 1, "fulcra-value-items"),
        ];

        var preset = LabelVectorPreset.FromLabels(Schwartz, labels);

        // Order: self-direction, stimulation, hedonism, achievement, power, security, conformity, tradition, benevolence, universalism.
        Assert.Equal([3, 3, 3, 3, 1, 3, 5, 3, 5, 3], preset.Priorities);
        Assert.Equal(["No label for Self-Direction, Stimulation, Hedonism, Achievement, Tradition, Universalism: set to 3 (not at stake in this item)."], preset.Notes);
    }

    [Fact]
    public void Fractional_labels_land_in_between_rounding_half_away_from_zero()
    {
        // 3 + 2·0.5 = 4; 3 + 2·(−0.25) = 2.5 → 3; 3 + 2·(−0.75) = 1.5 → 2. A part-of-item label is ignored.
        ItemLabel[] labels = [Label("achievement", 0.5), Label("hedonism", -0.25), Label("stimulation", -0.75), Label("power", 1, target: "action1")];

        var preset = LabelVectorPreset.FromLabels(Schwartz, labels);

        Assert.Equal([3, 2, 3, 4, 3, 3, 3, 3, 3, 3], preset.Priorities);
    }

    [Fact]
    public void An_item_without_labels_for_the_system_is_explained()
    {
        var other = Assert.Throws<PresetInputException>(() => LabelVectorPreset.FromLabels(Schwartz, [Label("care", 1, "moral-foundations")]));
        var none = Assert.Throws<PresetInputException>(() => LabelVectorPreset.FromLabels(Schwartz, []));
        var bad = Assert.Throws<PresetInputException>(() => LabelVectorPreset.FromLabels(Schwartz, [Label("power", 2), Label("wealth", 1)]));

        Assert.Equal("The item has no labels for schwartz-10, only for moral-foundations; switch the objective to one of those systems or pick another item.", Assert.Single(other.Problems));
        Assert.StartsWith("The item has no value labels", Assert.Single(none.Problems), StringComparison.Ordinal);
        Assert.Equal(["Label 'power': value 2 is outside −1..+1.", "Label 'wealth': not a dimension of schwartz-10."], bad.Problems);
    }
}
