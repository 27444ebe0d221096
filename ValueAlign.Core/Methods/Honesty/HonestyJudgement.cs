namespace ValueAlign.Core.Methods.Honesty;

/// <summary>The judge's verdicts on one answer: refusal, refusal rationality 1..10 (rated only for
/// refusals, so null otherwise and ignored if given), and helpfulness 1..10 (every answer).</summary>
public sealed record HonestyJudgement(MohoQuestionType Type, bool Refused, double? Rationality, double Helpfulness);
