namespace LoRaFuota.Fragmentation.Coding;

/// <summary>Which parity-row generator a session uses. Encoder and decoder must agree, or the decoder rebuilds wrong data.</summary>
/// <remarks>
/// All three share the PRBS23 generator of TS004 §3.5 and the power-of-two special case; they differ in how columns
/// are drawn and how the line is seeded.
/// </remarks>
public enum ParityVariant
{
    /// <summary>TS004 v1.0.0: seed 1 + 1001·(N − M), ⌊M/2⌋ draws, a repeated column still counts (LoRaMac-node, ChirpStack v1).</summary>
    V1 = 1,

    /// <summary>
    /// TS004 v2.0.0 as deployed (LoRa Basics Modem, ChirpStack v2): seed 1 + 1001·(N − M), draws repeat until ⌊M/2⌋
    /// distinct columns are set. The default for v2 sessions.
    /// </summary>
    V2 = 2,

    /// <summary>
    /// TS004 v2.0.0 read from the specification's listing: distinct columns, but seeded with the absolute fragment
    /// number N (1 + 1001·N). No deployed device is known to use it; opt in explicitly.
    /// </summary>
    V2Specification = 3,
}
