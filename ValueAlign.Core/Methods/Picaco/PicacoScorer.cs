using ValueAlign.Core.Inference;
using ValueAlign.Core.Methods.Optimisation;

namespace ValueAlign.Core.Methods.Picaco;

/// <summary>
/// Scores a response by <see cref="ResponseScore"/>: per target value the judge's yes-probability
/// at a binary slot (<see cref="BinarySlotJudge"/>, one judge prompt per value), and the cosine
/// similarity between the judge's embedding of the response and of the value descriptions.
/// </summary>
public sealed class PicacoScorer
{
    private readonly ILanguageModel _judge;
    private readonly IReadOnlyList<TargetValue> _values;
    private readonly double _floor;
    private float[]? _descriptions;

    public PicacoScorer(ILanguageModel judge, IReadOnlyList<TargetValue> values, double parrotingFloor)
    {
        if (values.Count == 0) throw new ArgumentException("PICACO needs at least one target value.");
        _judge = judge;
        _values = values;
        _floor = parrotingFloor;
    }

    public async Task<ResponseScore> ScoreAsync(string request, string response, CancellationToken cancellationToken)
    {
        var judge = new BinarySlotJudge(_judge);
        var logConformity = new double[_values.Count];
        for (var k = 0; k < _values.Count; k++)
        {
            logConformity[k] = await judge.LogProbabilityOfYesAsync(PicacoPrompts.Conformity(_values[k], request, response), cancellationToken).ConfigureAwait(false);
        }
        _descriptions ??= await _judge.EmbedAsync(PicacoPrompts.ValueDescriptions(_values), cancellationToken).ConfigureAwait(false);
        var embedding = await _judge.EmbedAsync(response, cancellationToken).ConfigureAwait(false);
        return new ResponseScore(logConformity, CosineSimilarity.Of(embedding, _descriptions), _floor);
    }
}
