namespace ValueAlign.Core.Methods.Culture;

/// <summary>How many groups were counted and how many agreed; the rate is NaN with no groups.</summary>
public readonly record struct ConsistencyRate(int Groups, int Consistent)
{
    public double Rate => Groups == 0 ? double.NaN : (double)Consistent / Groups;
}
