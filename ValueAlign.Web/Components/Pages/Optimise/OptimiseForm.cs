using System.Text.Json.Nodes;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Methods.Irote;
using ValueAlign.Core.Methods.Optimisation;
using ValueAlign.Core.Methods.Picaco;

namespace ValueAlign.Web.Components.Pages.Optimise;

/// <summary>Where the optimise form takes its task prompts from.</summary>
public enum PromptChoice
{
    Shipped,
    Benchmark,
    Questionnaire,
    Typed,
}

/// <summary>
/// The state of the /optimise form and how it becomes a run: the parameters JSON the methods read
/// (<see cref="PicacoParameters"/>, <see cref="IroteParameters"/>) and the task-prompt source.
/// Defaults are the papers' sizes; <see cref="UseDemoSizes"/> scales them down for a CPU demo.
/// </summary>
public sealed class OptimiseForm
{
    public string Method { get; set; } = PicacoMethod.MethodId;

    // PICACO
    public string? ValueSet { get; set; } = "confucianism-4";
    public string ValuesSystem { get; set; } = "schwartz-10";
    public IReadOnlyCollection<string> ValuesDimensions { get; set; } = [];
    public int AlignedPool { get; set; } = 10;
    public int NoisyPool { get; set; } = 15;
    public int Proposals { get; set; } = 4;

    // IROTE
    public string TraitSystem { get; set; } = "big-five";
    public string? TraitDimension { get; set; } = "agreeableness";
    public string Scorer { get; set; } = IroteParameters.JudgeScorer;
    public int Reflections { get; set; } = 10;
    public int Behaviours { get; set; } = 3;
    public int Samples { get; set; } = 6;
    public int Keep { get; set; } = 3;

    // Both
    public int Rounds { get; set; } = 10;
    public int Prompts { get; set; } = 50;
    public int MaxResponseTokens { get; set; } = 128;
    public int Seed { get; set; }
    public string? Model { get; set; }
    public string? Judge { get; set; }
    public string? Name { get; set; }

    public PromptChoice PromptSource { get; set; } = PromptChoice.Shipped;
    public string? Benchmark { get; set; }
    public ItemKind? Kind { get; set; }
    public string? QuestionnaireCategory { get; set; }
    public string TypedPrompts { get; set; } = "";

    public bool IsPicaco => Method == PicacoMethod.MethodId;

    public void UseDemoSizes()
    {
        (Rounds, Prompts, MaxResponseTokens) = (2, 3, 32);
        (AlignedPool, NoisyPool, Proposals) = (2, 2, 2);
        (Reflections, Behaviours, Samples, Keep) = (3, 1, 2, 2);
    }

    public void UsePaperSizes()
    {
        if (IsPicaco) (Rounds, Prompts, AlignedPool, NoisyPool) = (10, 50, 10, 15);
        else (Rounds, Reflections, Behaviours, Samples, Keep) = (5, 10, 3, 6, 3);
        (Proposals, MaxResponseTokens) = (4, 128);
    }

    public string ParametersJson()
    {
        var json = new JsonObject { ["prompts"] = Prompts, ["rounds"] = Rounds, ["maxResponseTokens"] = MaxResponseTokens };
        if (IsPicaco)
        {
            if (!string.IsNullOrEmpty(ValueSet)) json["valueSet"] = ValueSet;
            else json["values"] = ValuesSystem + ":" + string.Join(",", ValuesDimensions);
            json["alignedPool"] = AlignedPool;
            json["noisyPool"] = NoisyPool;
            json["candidates"] = Proposals;
        }
        else
        {
            json["trait"] = TraitSystem + ":" + TraitDimension;
            json["scorer"] = Scorer;
            json["candidates"] = Reflections;
            json["behaviours"] = Behaviours;
            json["samples"] = Samples;
            json["keep"] = Keep;
        }
        return json.ToJsonString();
    }

    public TaskPromptSource Source() => PromptSource switch
    {
        PromptChoice.Benchmark => new TaskPromptSource.Items(new ItemFilter { Benchmark = Benchmark, Kind = Kind }),
        PromptChoice.Questionnaire => new TaskPromptSource.Items(new ItemFilter { Kind = ItemKind.QuestionnaireItem, Category = QuestionnaireCategory }),
        PromptChoice.Typed => new TaskPromptSource.Typed(TypedPrompts.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
        _ => new TaskPromptSource.Shipped(),
    };
}
