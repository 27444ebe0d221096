using ValueAlign.Core.Inference;

namespace ValueAlign.Tests.Inference.Runtime;

public sealed class ScoringMathTests
{
    [Fact]
    public void Log_prob_is_the_log_of_the_softmax_probability()
    {
        // softmax([0, ln 3]) = [1/4, 3/4]
        float[] logits = [0f, (float)Math.Log(3)];
        Assert.Equal(Math.Log(0.25), LogSoftmax.LogProb(logits, 0), 1e-6);
        Assert.Equal(Math.Log(0.75), LogSoftmax.LogProb(logits, 1), 1e-6);
        Assert.Equal(Math.Log(4), LogSoftmax.LogSumExp(logits), 1e-6);
    }

    [Fact]
    public void Log_sum_exp_does_not_overflow_on_large_logits()
    {
        float[] logits = [1000f, 1000f];
        Assert.Equal(1000 + Math.Log(2), LogSoftmax.LogSumExp(logits), 1e-4);
    }

    [Fact]
    public void Chosen_options_follow_total_and_mean_separately()
    {
        // Option 0: long and likely in total; option 1: short with a better mean.
        var result = new MultipleChoiceResult([new OptionScore(-6, -2, 3), new OptionScore(-4, -4, 1), new OptionScore(-9, -3, 3)]);
        Assert.Equal(1, result.ChosenByTotal);
        Assert.Equal(0, result.ChosenByMean);
    }

    [Fact]
    public void Kv_cache_estimate_counts_f16_keys_and_values_per_layer_and_cell()
    {
        // stories260K shape: 5 layers, 64 wide, 8 heads sharing 4 KV heads -> 32 KV dims.
        Assert.Equal(2L * 2 * 5 * 32 * 2048, KvCacheEstimate.Bytes(5, 64, 8, 4, 2048));
        var metadata = new Dictionary<string, string>
        {
            ["general.architecture"] = "llama",
            ["llama.block_count"] = "5",
            ["llama.embedding_length"] = "64",
            ["llama.attention.head_count"] = "8",
        };
        Assert.Equal(2L * 2 * 5 * 64 * 1024, KvCacheEstimate.FromMetadata(metadata, 1024));
        Assert.Equal(0, KvCacheEstimate.FromMetadata(new Dictionary<string, string>(), 1024));
    }
}
