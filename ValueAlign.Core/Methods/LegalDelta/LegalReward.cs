namespace ValueAlign.Core.Methods.LegalDelta;

/// <summary>
/// LegalΔ reward of one output:
/// <code>reward = task_score · σ(IG / 5) + format_reward,   σ(x) = 1 / (1 + e^(−x))</code>
/// σ(IG/5) lies in (0, 1): reasoning that raises the answer's likelihood (IG &gt; 0) keeps more
/// than half of the task score, reasoning that lowers it keeps less, and IG = 0 halves it.
/// <para>The size of the format reward is not given in methods.md; it defaults here to
/// <see cref="DefaultFormatReward"/> = 1 for an output with the <see cref="LegalFormat"/> shape and
/// 0 otherwise (documented choice), and is a parameter so a run can record another.</para>
/// </summary>
public static class LegalReward
{
    public const double DefaultFormatReward = 1;
    public const double InformationGainScale = 5;

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    public static double Of(double taskScore, double informationGain, bool formatValid, double formatReward = DefaultFormatReward)
    {
        if (!(taskScore >= 0 && taskScore <= 5)) throw new ArgumentOutOfRangeException(nameof(taskScore), taskScore, "Task scores lie in [0, 5].");
        if (double.IsNaN(informationGain)) throw new ArgumentException("The information gain is NaN.", nameof(informationGain));
        return taskScore * Sigmoid(informationGain / InformationGainScale) + (formatValid ? formatReward : 0);
    }
}
