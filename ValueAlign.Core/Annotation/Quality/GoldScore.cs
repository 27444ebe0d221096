namespace ValueAlign.Core.Annotation.Quality;

/// <summary><see cref="Correct"/> of <see cref="Compared"/> answers matched the gold; accuracy is null when nothing was compared.</summary>
public sealed record GoldScore(int Compared, int Correct)
{
    public static readonly GoldScore None = new(0, 0);

    public double? Accuracy => Compared == 0 ? null : (double)Correct / Compared;

    public GoldScore Add(bool correct) => new(Compared + 1, Correct + (correct ? 1 : 0));
}
