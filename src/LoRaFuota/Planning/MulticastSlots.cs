namespace LoRaFuota.Planning;

/// <summary>
/// The transmission opportunities of a multicast session: class C every <c>spacing</c> from one guard second after the
/// start; class B every step-th ping slot of the group's address from the (beacon-aligned) start.
/// </summary>
internal readonly struct MulticastSlots
{
    private const int BeaconSeconds = 128;
    private const int MaxPingSlots = 128;

    private readonly MulticastClass _class;
    private readonly DateTimeOffset _first;   // class C: the first slot
    private readonly TimeSpan _spacing;       // class C
    private readonly long _sessionGps;        // class B: the session start, a multiple of 128 s
    private readonly uint _address;           // class B
    private readonly byte _periodicity;       // class B
    private readonly int _step;               // class B: use every step-th slot

    private MulticastSlots(MulticastClass @class, DateTimeOffset first, TimeSpan spacing, long sessionGps, uint address, byte periodicity, int step)
    {
        _class = @class;
        _first = first;
        _spacing = spacing;
        _sessionGps = sessionGps;
        _address = address;
        _periodicity = periodicity;
        _step = step;
    }

    /// <summary>Class C slots: start + guard, then every <paramref name="spacing"/>.</summary>
    public static MulticastSlots ClassC(DateTimeOffset sessionStart, TimeSpan spacing) =>
        new(MulticastClass.ClassC, sessionStart + CampaignPlanner.SessionGuard, spacing, 0, 0, 0, 1);

    /// <summary>Class B slots: every <paramref name="step"/>-th ping slot of <paramref name="address"/> from <paramref name="sessionStart"/>.</summary>
    public static MulticastSlots ClassB(DateTimeOffset sessionStart, uint address, byte periodicity, int step) =>
        new(MulticastClass.ClassB, sessionStart, TimeSpan.Zero, GpsTime.FromDateTimeOffset(sessionStart), address, periodicity, Math.Max(step, 1));

    /// <summary>Creates the slots of a plan's session starting at <paramref name="sessionStart"/>.</summary>
    public static MulticastSlots ForPlan(CampaignPlan plan, DateTimeOffset sessionStart, uint address) =>
        plan.Class == MulticastClass.ClassC
            ? ClassC(sessionStart, plan.Spacing)
            : ClassB(sessionStart, address, plan.Periodicity, plan.PingSlotStep);

    /// <summary>Gets the first slot at or after <paramref name="time"/>.</summary>
    public DateTimeOffset NextAtOrAfter(DateTimeOffset time)
    {
        if (_class == MulticastClass.ClassC)
        {
            if (time <= _first)
            {
                return _first;
            }

            long k = (long)Math.Ceiling((time - _first).Ticks / (double)_spacing.Ticks);
            DateTimeOffset slot = _first + (_spacing * k);
            return slot < time ? slot + _spacing : slot; // guard against rounding
        }

        long gps = Math.Max(_sessionGps, time < GpsTime.Epoch ? 0 : GpsTime.FromDateTimeOffset(time));
        long beacon = gps / BeaconSeconds * BeaconSeconds;
        Span<TimeSpan> offsets = stackalloc TimeSpan[MaxPingSlots];
        for (; ; beacon += BeaconSeconds)
        {
            int count = PingSlots.GetSlotOffsets(beacon, _address, _periodicity, offsets);
            DateTimeOffset beaconTime = GpsTime.ToDateTimeOffset(beacon);
            for (int slot = 0; slot < count; slot += _step)
            {
                DateTimeOffset at = beaconTime + offsets[slot];
                if (at >= time)
                {
                    return at;
                }
            }
        }
    }
}
