namespace LoRaFuota.TheThingsStack.Messages;

/// <summary>A downlink's <c>priority</c> (<c>TxSchedulePriority</c>); the server's default when omitted is <see cref="Lowest"/>.</summary>
public enum TtsPriority
{
    /// <summary>LOWEST (0).</summary>
    Lowest = 0,

    /// <summary>LOW (1).</summary>
    Low = 1,

    /// <summary>BELOW_NORMAL (2).</summary>
    BelowNormal = 2,

    /// <summary>NORMAL (3).</summary>
    Normal = 3,

    /// <summary>ABOVE_NORMAL (4).</summary>
    AboveNormal = 4,

    /// <summary>HIGH (5).</summary>
    High = 5,

    /// <summary>HIGHEST (6).</summary>
    Highest = 6,
}
