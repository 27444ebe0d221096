namespace ValueAlign.Core.Annotation.Agreement;

/// <summary>The difference function δ² of Krippendorff's alpha, i.e. the level of measurement of the labels.</summary>
public enum KrippendorffMetric
{
    /// <summary>δ² = 0 when the labels are equal, else 1.</summary>
    Nominal,

    /// <summary>δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)²: distance by how many values lie between the ranks.</summary>
    Ordinal,

    /// <summary>δ²_ck = (v_c − v_k)² on the numeric values.</summary>
    Interval,
}
