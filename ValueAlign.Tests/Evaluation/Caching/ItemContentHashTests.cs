using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Caching;

namespace ValueAlign.Tests.Evaluation.Caching;

public sealed class ItemContentHashTests
{
    private static BenchmarkItem Item() => new()
    {
        Benchmark = "b", ExternalId = "1", Kind = ItemKind.CultureMultipleChoice, Text = "Which?", OptionsJson = "[\"a\",\"b\"]", Answer = "B",
        Language = "en", Country = "Japan", Modality = Modality.Text, SourceFormat = "f", SourceRecord = "{}",
        Labels = [new ItemLabel { ValueSystemId = "s", DimensionId = "x", Value = 1 }, new ItemLabel { ValueSystemId = "s", DimensionId = "y", Value = -1 }],
    };

    [Fact]
    public void Every_content_field_changes_the_hash_and_the_curation_state_does_not()
    {
        var baseline = ItemContentHash.Compute(Item());
        Assert.Equal(ItemContentHash.Length, baseline.Length);
        Assert.Equal(baseline, ItemContentHash.Compute(Item()));
        var edits = new Action<BenchmarkItem>[]
        {
            i => i.Text = "Which one?", i => i.OptionsJson = "[\"a\",\"c\"]", i => i.Answer = "A", i => i.Context = "ctx",
            i => i.MediaJson = "[\"x.png\"]", i => i.Language = "ja", i => i.Explanation = "", i => i.SourceRecord = "{\"a\":1}",
            i => i.Labels[0].Value = 0, i => i.Labels.RemoveAt(1), i => i.Kind = ItemKind.MoralDilemma,
        };
        foreach (var edit in edits)
        {
            var item = Item();
            edit(item);
            Assert.NotEqual(baseline, ItemContentHash.Compute(item));
        }
        var verified = Item();
        verified.VerificationStatus = VerificationStatus.Verified;
        verified.Id = 99;
        Assert.Equal(baseline, ItemContentHash.Compute(verified));
    }

    [Fact]
    public void Label_order_and_field_boundaries_do_not_collide()
    {
        var reversed = Item();
        reversed.Labels.Reverse();
        Assert.Equal(ItemContentHash.Compute(Item()), ItemContentHash.Compute(reversed));

        var a = Item();
        a.Text = "ab";
        a.Context = "c";
        var b = Item();
        b.Text = "a";
        b.Context = "bc";
        Assert.NotEqual(ItemContentHash.Compute(a), ItemContentHash.Compute(b));
        var empty = Item();
        empty.Context = "";
        Assert.NotEqual(ItemContentHash.Compute(Item()), ItemContentHash.Compute(empty));
    }

    [Fact]
    public void The_configuration_hash_follows_the_items_content_and_the_cache_key_does_not()
    {
        var cacheKey = EvalConfigHash.Compute("culture-mcq", 1, "m", "{}", "{}", 0);
        var one = ItemContentKeys.Digest(new Dictionary<long, string> { [1] = "aa", [2] = "bb" });
        Assert.Equal(one, ItemContentKeys.Digest(new Dictionary<long, string> { [2] = "bb", [1] = "aa" }));
        var edited = ItemContentKeys.Digest(new Dictionary<long, string> { [1] = "aa", [2] = "bc" });
        var swapped = ItemContentKeys.Digest(new Dictionary<long, string> { [1] = "bb", [2] = "aa" });
        Assert.NotEqual(one, edited);
        Assert.NotEqual(one, swapped);
        Assert.NotEqual(EvalConfigHash.WithContent(cacheKey, one), EvalConfigHash.WithContent(cacheKey, edited));
        Assert.NotEqual(cacheKey, EvalConfigHash.WithContent(cacheKey, one));
    }
}
