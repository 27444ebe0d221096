using ValueAlign.Core.Methods.Irote;
using ValueAlign.Core.Methods.Optimisation;
using ValueAlign.Tests.Methods.Optimisation;

namespace ValueAlign.Tests.Methods.Irote;

/// <summary>
/// An IROTE run small enough to compute by hand: one prompt, K = 2, M1 = 1, M2 = 2, keep 1.
/// <list type="bullet">
/// <item>Initial reflections: "I care." and "I win."; every behaviour is "help"; the synthesis is "I help.";
/// revising "I care." gives "I care deeply.", revising "I care deeply." gives it back unchanged.</item>
/// <item>With any reflection, sample 0 is "kind reply" and sample 1 "cold reply"; the judge's p(yes) is 0.9 and 0.2.</item>
/// <item>LL(kind, cold | e): "I care." (−1, −3), "I win." (−3, −1), "I help." (−2, −2), "I care deeply." (−1, −5).</item>
/// </list>
/// </summary>
internal static class IroteScript
{
    public const int Seed = 11;
    public static readonly TargetValue Trait = new("test", "kind", "Kindness", "being kind to others");
    public static readonly TaskPrompt Prompt = new("x1", "A stranger drops their bag.");

    public static readonly Dictionary<string, (double Kind, double Cold)> Likelihoods = new()
    {
        ["I care."] = (-1, -3),
        ["I win."] = (-3, -1),
        ["I help."] = (-2, -2),
        ["I care deeply."] = (-1, -5),
    };

    public static IroteSettings Settings(int rounds = 2) => new()
    {
        Rounds = rounds, Candidates = 2, Behaviours = 1, Samples = 2, Keep = 1, Seed = Seed,
    };

    public static (ScriptedOptimiserModel Model, IroteSetup Setup) Build(int rounds = 2)
    {
        var model = Model();
        return (model, new IroteSetup(Trait, [Prompt], new JudgeTraitScorer(model, Trait), Settings(rounds)));
    }

    public static ScriptedOptimiserModel Model()
    {
        var sample = new Dictionary<uint, int>();
        foreach (var text in Likelihoods.Keys)
        {
            for (var j = 0; j < 2; j++) sample[SampleSeed.Derive(Seed, 20, SampleSeed.Hash(text), 0, j)] = j;
        }
        var initial = new Dictionary<uint, string>
        {
            [SampleSeed.Derive(Seed, 1, 10, 0)] = "I care.",
            [SampleSeed.Derive(Seed, 1, 10, 1)] = "I win.",
        };
        return new ScriptedOptimiserModel
        {
            Respond = (prompt, options) =>
                prompt.StartsWith("Write a short self-reflection", StringComparison.Ordinal) ? initial[options.Seed]
                : prompt.EndsWith("Behaviour:\n", StringComparison.Ordinal) ? "help"
                : prompt.StartsWith("These behaviours", StringComparison.Ordinal) ? "I help."
                : prompt.EndsWith("Revised self-reflection:\n", StringComparison.Ordinal) ? "I care deeply."
                : prompt.EndsWith("Response:\n", StringComparison.Ordinal) ? (sample[options.Seed] == 0 ? "kind reply" : "cold reply")
                : throw new InvalidOperationException("Unscripted prompt: " + prompt),
            SlotLogProbs = read =>
            {
                var p = ScriptedOptimiserModel.Line(read, "Response: ") == "kind reply" ? 0.9 : 0.2;
                return [Math.Log(1 - p), Math.Log(p)];
            },
            LogLikelihood = (prompt, response) =>
            {
                var (kind, cold) = Likelihoods[prompt.Split("\n\n")[0]];
                return response == "kind reply" ? kind : cold;
            },
        };
    }

    /// <summary>R for one prompt with two samples: softmax of the LLs weighting ln 0.9 and ln 0.2.</summary>
    public static double R(string reflection)
    {
        var (kind, cold) = Likelihoods[reflection];
        var w = 1 / (1 + Math.Exp(cold - kind));
        return w * Math.Log(0.9) + (1 - w) * Math.Log(0.2);
    }
}
