namespace LoRaFuota;

/// <summary>The version of an application-layer package (TS003, TS004 or TS005).</summary>
/// <remarks>
/// v2 packages are not compatible with v1 (TS00x-2.0.0). The only way to learn which one a device speaks is its
/// PackageVersionAns, so every API that depends on the version takes it explicitly.
/// </remarks>
public enum PackageVersion : byte
{
    /// <summary>TS003/TS004/TS005 v1.0.0.</summary>
    V1 = 1,

    /// <summary>TS003/TS004/TS005 v2.0.0.</summary>
    V2 = 2,
}
