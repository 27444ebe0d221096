namespace ValueAlign.Core.Methods.Honesty;

/// <summary>Answers of one question type and how many were refusals.</summary>
public readonly record struct RefusalCount(int Answers, int Refusals)
{
    public double Rate => Answers == 0 ? double.NaN : (double)Refusals / Answers;
}
