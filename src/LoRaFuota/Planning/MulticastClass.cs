namespace LoRaFuota.Planning;

/// <summary>How devices listen during the multicast session.</summary>
public enum MulticastClass
{
    /// <summary>Class C: the receiver stays open; fragments are spaced by time on air and duty cycle.</summary>
    ClassC = 0,

    /// <summary>Class B: fragments go out in the group's ping slots, beacon-synchronised.</summary>
    ClassB,
}
