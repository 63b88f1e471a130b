namespace LoRaFuota.Fragmentation.Coding;

/// <summary>What <see cref="FragmentDecoder.Process(int, ReadOnlySpan{byte})"/> did with a fragment.</summary>
public enum FragmentResult
{
    /// <summary>The fragment added information; the block is not complete yet.</summary>
    Accepted = 0,

    /// <summary>The fragment completed the block: it can be read now.</summary>
    Completed,

    /// <summary>The fragment carried nothing new (a repeat, or a combination of what was already received; coded ones are not byte-checked).</summary>
    Redundant,

    /// <summary>The block was already complete; the fragment was ignored (TS004 §3.3).</summary>
    AlreadyCompleted,

    /// <summary>In-order mode only: N is below the highest N seen, so the fragment was dropped as the device decoders do.</summary>
    OutOfOrder,

    /// <summary>The decoder ran past its memory limit (too many lost fragments); the session cannot complete.</summary>
    MemoryError,

    /// <summary>The fragment contradicts an earlier one (an uncoded repeat with other bytes); it was ignored.</summary>
    Inconsistent,

    /// <summary>N is 0 or above 16 383, or the payload is not FragSize bytes; the fragment was ignored.</summary>
    Invalid,
}
