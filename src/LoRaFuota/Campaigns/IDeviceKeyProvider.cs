namespace LoRaFuota.Campaigns;

/// <summary>
/// The key operations a campaign needs per device, so root keys (GenAppKey, AppKey, McRootKey) need not live in the
/// engine: an implementation can sit in front of a key store or an HSM and hand out only the results.
/// </summary>
/// <remarks>Calls are synchronous and made while the campaign decides; cache or precompute behind them if the store is remote.</remarks>
public interface IDeviceKeyProvider
{
    /// <summary>Encrypts a group's McKey for one device: McKey_encrypted = AES-decrypt(McKEKey, McKey) (TS005 §4.3).</summary>
    /// <param name="devEui">The device.</param>
    /// <param name="mcKey">The group's McKey.</param>
    /// <param name="mcKeyEncrypted">The value for McGroupSetupReq.</param>
    /// <returns><see langword="true"/> if the provider has the device's McKEKey; otherwise, <see langword="false"/>.</returns>
    bool TryEncryptMcKey(DevEui devEui, Key128 mcKey, out Key128 mcKeyEncrypted);

    /// <summary>Computes the TS004 v2 data-block MIC for one device (its DataBlockIntKey comes from GenAppKey or AppKey).</summary>
    /// <param name="devEui">The device.</param>
    /// <param name="sessionCnt">The session counter.</param>
    /// <param name="fragIndex">The fragmentation session index.</param>
    /// <param name="descriptor">The descriptor, as read little-endian from wire order.</param>
    /// <param name="dataBlock">The data block without padding.</param>
    /// <param name="mic">The MIC for FragSessionSetupReq.</param>
    /// <returns><see langword="true"/> if the provider has the device's DataBlockIntKey; otherwise, <see langword="false"/>.</returns>
    bool TryComputeDataBlockMic(DevEui devEui, ushort sessionCnt, byte fragIndex, uint descriptor, ReadOnlySpan<byte> dataBlock, out uint mic);
}
