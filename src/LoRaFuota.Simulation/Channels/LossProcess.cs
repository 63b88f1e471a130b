namespace LoRaFuota.Simulation.Channels;

/// <summary>A running <see cref="ChannelModel"/>: one draw per frame, in time order, from the device's own random stream.</summary>
internal sealed class LossProcess
{
    private readonly SimulationRandom _random;
    private readonly double _loss;
    private readonly double _leaveBad;   // P(bad → good) per frame = 1 / burst length
    private readonly double _enterBad;   // P(good → bad) per frame, so that the bad state holds Loss of the time
    private readonly bool _bursty;
    private bool _bad;

    public LossProcess(ChannelModel model, SimulationRandom random)
    {
        model.Validate();
        _random = random;
        _loss = model.Loss;
        _bursty = model.BurstLength > 1 && model.Loss > 0;
        _leaveBad = 1 / model.BurstLength;
        _enterBad = Math.Min(1, model.Loss * _leaveBad / (1 - model.Loss));
        _bad = _bursty && random.NextDouble() < model.Loss; // start in the stationary distribution
    }

    /// <summary>Draws whether the next frame is lost.</summary>
    public bool Lose()
    {
        if (!_bursty)
        {
            return _loss > 0 && _random.NextDouble() < _loss;
        }

        bool lost = _bad;
        _bad = _bad ? _random.NextDouble() >= _leaveBad : _random.NextDouble() < _enterBad;
        return lost;
    }
}
