using ValueAlign.Core.Inference;
using ValueAlign.Core.Methods.Optimisation;
using ValueAlign.Core.Methods.Picaco;
using ValueAlign.Tests.Methods.Optimisation;

namespace ValueAlign.Tests.Methods.Picaco;

/// <summary>
/// A PICACO run small enough to compute by hand. Two values A and B, one prompt, M1 = 2, M2 = 1,
/// two samples with and two without the instruction per round, two proposals per round.
/// <list type="bullet">
/// <item>With the instruction, sample 0 is "good answer"; sample 1 is "bad answer" in round 1 and "great answer" later.
/// Without it, sample 0 is "value words" and sample 1 "plain words". Proposals are "Be kind." then "Be fair.".</item>
/// <item>Judge p(yes) for (A, B): good (0.8, 0.9), bad (0.5, 0.5), great (0.9, 0.9), value words (0.6, 0.6), plain words (0.4, 0.4).</item>
/// <item>Embeddings: value descriptions (1, 0); good (1, 1), bad (1, 3), great (1, 2), value words (1, 0.1), plain words (0, 1).</item>
/// <item>LL(y | e, x): under "Start." every response −5; under "Be kind." good −2, bad −6, value words −8, great −1;
/// under "Be fair." every response −3 except value words −4.</item>
/// </list>
/// Outputs are looked up by sampling seed, so they depend on where a sample sits, never on call order.
/// </summary>
internal static class PicacoScript
{
    public const int Seed = 7;
    public static readonly TargetValue A = new("test", "a", "A", "a-def");
    public static readonly TargetValue B = new("test", "b", "B", "b-def");
    public static readonly TaskPrompt Prompt = new("x1", "Should I help my neighbour?");

    public static PicacoSetup Setup(int rounds = 5) => new([A, B], [Prompt], new PicacoSettings
    {
        Rounds = rounds,
        AlignedPoolSize = 2,
        NoisyPoolSize = 1,
        AlignedSamples = 2,
        NoisySamples = 2,
        Candidates = 2,
        InitialInstruction = "Start.",
        Seed = Seed,
    });

    public static ScriptedOptimiserModel Model()
    {
        var outputs = new Dictionary<uint, string>();
        for (var round = 1; round <= 10; round++)
        {
            outputs[SampleSeed.Derive(Seed, round, 1, 0, 0)] = "good answer";
            outputs[SampleSeed.Derive(Seed, round, 1, 0, 1)] = round == 1 ? "bad answer" : "great answer";
            outputs[SampleSeed.Derive(Seed, round, 2, 0, 0)] = "value words";
            outputs[SampleSeed.Derive(Seed, round, 2, 0, 1)] = "plain words";
            outputs[SampleSeed.Derive(Seed, round, 3, 0)] = "Be kind.";
            outputs[SampleSeed.Derive(Seed, round, 3, 1)] = "\"Be fair.\"\nmore text";
        }
        var yes = new Dictionary<(string, string), double>
        {
            [("A", "good answer")] = 0.8, [("B", "good answer")] = 0.9,
            [("A", "bad answer")] = 0.5, [("B", "bad answer")] = 0.5,
            [("A", "great answer")] = 0.9, [("B", "great answer")] = 0.9,
            [("A", "value words")] = 0.6, [("B", "value words")] = 0.6,
            [("A", "plain words")] = 0.4, [("B", "plain words")] = 0.4,
        };
        var embeddings = new Dictionary<string, float[]>
        {
            ["A: a-def\nB: b-def"] = [1, 0],
            ["good answer"] = [1, 1], ["bad answer"] = [1, 3], ["great answer"] = [1, 2],
            ["value words"] = [1, 0.1f], ["plain words"] = [0, 1],
        };
        var ll = new Dictionary<(string, string), double>
        {
            [("Be kind.", "good answer")] = -2, [("Be kind.", "bad answer")] = -6,
            [("Be kind.", "value words")] = -8, [("Be kind.", "great answer")] = -1,
            [("Be fair.", "value words")] = -4,
        };
        return new ScriptedOptimiserModel
        {
            Respond = (prompt, options) => outputs[options.Seed],
            SlotLogProbs = read =>
            {
                var value = ScriptedOptimiserModel.Line(read, "Value: ").Split(':')[0];
                var p = yes[(value, ScriptedOptimiserModel.Line(read, "Response: "))];
                return [Math.Log(1 - p), Math.Log(p)];
            },
            Embed = text => embeddings[text],
            LogLikelihood = (prompt, response) =>
            {
                var instruction = prompt.Split("\n\n")[0];
                return ll.TryGetValue((instruction, response), out var v) ? v : instruction == "Be fair." ? -3 : -5;
            },
        };
    }
}
