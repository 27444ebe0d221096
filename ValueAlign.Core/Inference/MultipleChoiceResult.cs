namespace ValueAlign.Core.Inference;

/// <summary>Log-likelihood of one option after its question's prompt.</summary>
public sealed record OptionScore(double TotalLogLikelihood, double MeanLogLikelihood, int TokenCount);

/// <summary>Every option's score and the option chosen by total and by per-token mean log-likelihood.</summary>
public sealed record MultipleChoiceResult(IReadOnlyList<OptionScore> Options)
{
    public int ChosenByTotal => ArgMax(o => o.TotalLogLikelihood);
    public int ChosenByMean => ArgMax(o => o.MeanLogLikelihood);

    private int ArgMax(Func<OptionScore, double> key)
    {
        var best = 0;
        for (var i = 1; i < Options.Count; i++)
        {
            if (key(Options[i]) > key(Options[best]))
            {
                best = i;
            }
        }
        return best;
    }
}
