using LLama;
using LLama.Common;
using LLama.Native;
using ValueAlign.Core.Methods.Optimisation;
using ValueAlign.Core.Methods.Picaco;
using ValueAlign.Tests.Inference.Runtime;
using ValueAlign.Tests.Values;

namespace ValueAlign.Tests.Methods.Picaco;

/// <summary>
/// PICACO's parroting term q_s on the real stories260K model: the scorer's cosine equals the cosine
/// of embeddings obtained independently (LLamaSharp's own <see cref="LLamaEmbedder"/> over the same
/// file, mean pooling, cosine computed here), and a response that repeats the value descriptions
/// parrots more than one that does not.
/// </summary>
[Collection(StoriesModelCollection.Name)]
public sealed class PicacoParrotingEmbeddingTests(StoriesModelFixture fixture)
{
    private static readonly IReadOnlyList<TargetValue> Values = TargetValue.ParseList(ValueSystemFiles.Shipped, "schwartz-10:benevolence,universalism");
    private const string Request = "My neighbour asked me to look after her dog this weekend. Should I?";

    private static string Descriptions => PicacoPrompts.ValueDescriptions(Values);

    /// <summary>Responses from pure parroting (the descriptions with a preamble) to none at all (a children's story).</summary>
    private static string[] Responses =>
    [
        "I value these things. " + Descriptions,
        $"{Values[0].Name}: {Values[0].Definition}",
        "Yes, help her: look after the dog, walk it twice a day and give it water.",
        "Once upon a time, there was a little girl named Lily. She liked to play in the park with her red ball.",
    ];

    [Fact]
    public async Task Parroting_is_the_cosine_of_independently_obtained_embeddings_of_the_response_and_the_value_descriptions()
    {
        var scorer = new PicacoScorer(fixture.Model, Values, 1e-3);
        using var independent = new IndependentEmbedder(StoriesModelFixture.ModelPath);
        var descriptions = await independent.EmbedAsync(Descriptions);

        foreach (var response in Responses)
        {
            var score = await scorer.ScoreAsync(Request, response, CancellationToken.None);
            var expected = Cosine(await independent.EmbedAsync(response), descriptions);
            Assert.True(Math.Abs(expected - score.Parroting) < 1e-4, $"'{response}': scorer {score.Parroting}, independent {expected}");
            Assert.Equal(Math.Max(expected, 1e-3) , score.ParrotingProbability, 4);
            // The score is the judge's log conformity minus log q_s (the two halves add up).
            Assert.Equal(score.LogConformity.Sum() - Math.Log(score.ParrotingProbability), score.Score, 12);
        }
    }

    [Fact]
    public async Task A_response_repeating_the_value_descriptions_parrots_more_than_an_answer_or_an_unrelated_story()
    {
        var scorer = new PicacoScorer(fixture.Model, Values, 1e-3);
        var parroting = new List<double>();
        foreach (var response in Responses)
            parroting.Add((await scorer.ScoreAsync(Request, response, CancellationToken.None)).Parroting);

        var report = string.Join(", ", parroting.Select(p => p.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)));
        // The descriptions themselves (behind a preamble) parrot most, then one description, then the rest.
        Assert.True(parroting[0] > parroting[2] && parroting[0] > parroting[3], report);
        Assert.True(parroting[1] > parroting[2] && parroting[1] > parroting[3], report);
        Assert.True(parroting[0] > 0.9, report);
        // The exact descriptions are the maximum, cosine 1.
        Assert.Equal(1, (await scorer.ScoreAsync(Request, Descriptions, CancellationToken.None)).Parroting, 5);
    }

    private static double Cosine(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * (double)b[i];
            na += a[i] * (double)a[i];
            nb += b[i] * (double)b[i];
        }
        return dot / Math.Sqrt(na * nb);
    }

    /// <summary>Mean-pooled sentence embeddings straight from LLamaSharp, bypassing the workbench's inference layer.</summary>
    private sealed class IndependentEmbedder : IDisposable
    {
        private readonly LLamaWeights weights;
        private readonly LLamaEmbedder embedder;

        public IndependentEmbedder(string path)
        {
            var parameters = new ModelParams(path)
            {
                ContextSize = 256,
                BatchSize = 256,
                UBatchSize = 256,
                Embeddings = true,
                PoolingType = LLamaPoolingType.Mean,
                Threads = 1,
            };
            weights = LLamaWeights.LoadFromFile(parameters);
            embedder = new LLamaEmbedder(weights, parameters);
        }

        public async Task<float[]> EmbedAsync(string text) => Assert.Single(await embedder.GetEmbeddings(text));

        public void Dispose()
        {
            embedder.Dispose();
            weights.Dispose();
        }
    }
}
