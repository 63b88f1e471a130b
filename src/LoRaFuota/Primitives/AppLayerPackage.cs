namespace LoRaFuota;

/// <summary>The three LoRa Alliance application-layer packages; each value is the package's default FPort.</summary>
public enum AppLayerPackage : byte
{
    /// <summary>TS005 Remote Multicast Setup, PackageIdentifier 2, FPort 200.</summary>
    MulticastSetup = 200,

    /// <summary>TS004 Fragmented Data Block Transport, PackageIdentifier 3, FPort 201.</summary>
    Fragmentation = 201,

    /// <summary>TS003 Application Layer Clock Synchronization, PackageIdentifier 1, FPort 202.</summary>
    ClockSync = 202,
}
