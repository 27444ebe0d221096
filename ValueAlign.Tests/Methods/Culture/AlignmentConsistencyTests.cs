using ValueAlign.Core.Methods.Culture;

namespace ValueAlign.Tests.Methods.Culture;

public class AlignmentConsistencyTests
{
    private static Dictionary<string, int?> G(params (string Variant, int? Choice)[] choices) =>
        choices.ToDictionary(c => c.Variant, c => c.Choice);

    // Four language groups:
    //   g1 en=2 ja=2 ko=2 → consistent
    //   g2 en=1 ja=1 ko=3 → not (ko differs)
    //   g3 en=0 ja=0      → consistent
    //   g4 en=1 ko=null   → not (no answer agrees with nothing)
    //   g5 ja=0           → a single variant is not counted
    private static readonly Dictionary<string, int?>[] Groups =
    [
        G(("en", 2), ("ja", 2), ("ko", 2)),
        G(("en", 1), ("ja", 1), ("ko", 3)),
        G(("en", 0), ("ja", 0)),
        G(("en", 1), ("ko", null)),
        G(("ja", 0)),
    ];

    [Fact]
    public void Consistency_is_the_share_of_groups_with_one_choice_everywhere()
    {
        // Counted groups g1..g4 = 4; consistent g1, g3 = 2; rate 2/4 = 0.5.
        var c = AlignmentConsistency.Consistency(Groups);
        Assert.Equal(new ConsistencyRate(4, 2), c);
        Assert.Equal(0.5, c.Rate, 12);
    }

    [Fact]
    public void Agreement_with_english_is_per_language()
    {
        // ja: groups with en and ja are g1 (2=2), g2 (1=1), g3 (0=0) → 3/3 = 1.
        // ko: groups with en and ko are g1 (2=2), g2 (1≠3), g4 (1≠null) → 1/3.
        var a = AlignmentConsistency.AgreementWith("en", Groups);
        Assert.Equal(["ja", "ko"], a.Keys);
        Assert.Equal(new ConsistencyRate(3, 3), a["ja"]);
        Assert.Equal(new ConsistencyRate(3, 1), a["ko"]);
        Assert.Equal(1.0 / 3, a["ko"].Rate, 12);
    }

    [Fact]
    public void Cross_modal_consistency_counts_a_consistently_wrong_model_as_consistent()
    {
        // Item answer is 0, but text, image and speech all chose 3: consistent, though wrong.
        // Second item: text=0, image=0, speech=1 → not consistent. Rate 1/2.
        var c = AlignmentConsistency.Consistency(
        [
            G(("text", 3), ("image", 3), ("speech", 3)),
            G(("text", 0), ("image", 0), ("speech", 1)),
        ]);
        Assert.Equal(0.5, c.Rate, 12);
    }

    [Fact]
    public void Two_unanswered_variants_are_not_consistent()
    {
        Assert.Equal(new ConsistencyRate(1, 0), AlignmentConsistency.Consistency([G(("en", null), ("ja", null))]));
    }

    [Fact]
    public void No_groups_gives_an_undefined_rate()
    {
        Assert.True(double.IsNaN(AlignmentConsistency.Consistency([]).Rate));
    }
}
