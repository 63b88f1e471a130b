using LoRaFuota.Security;

namespace LoRaFuota.Campaigns;

/// <summary>
/// An in-memory <see cref="IDeviceKeyProvider"/>: each root key is turned into the McKEKey and the DataBlockIntKey when it
/// is added, and only those derived keys are kept.
/// </summary>
public sealed class DeviceKeyStore : IDeviceKeyProvider
{
    private readonly Dictionary<DevEui, (Key128 McKEKey, Key128? DataBlockIntKey)> _keys = [];
    private readonly Lock _lock = new();

    /// <summary>Adds or replaces a device's keys.</summary>
    /// <param name="devEui">The device.</param>
    /// <param name="kind">What <paramref name="rootKey"/> is.</param>
    /// <param name="rootKey">The GenAppKey, AppKey or McRootKey.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not defined.</exception>
    public void Add(DevEui devEui, RootKeyKind kind, Key128 rootKey)
    {
        Key128 mcRootKey = kind switch
        {
            RootKeyKind.GenAppKey => MulticastKeys.DeriveMcRootKeyFromGenAppKey(rootKey),
            RootKeyKind.AppKey => MulticastKeys.DeriveMcRootKeyFromAppKey(rootKey),
            RootKeyKind.McRootKey => rootKey,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "The root key kind must be GenAppKey, AppKey or McRootKey."),
        };
        Key128? dataBlockIntKey = kind == RootKeyKind.McRootKey ? null : DataBlockIntegrity.DeriveDataBlockIntKey(rootKey);
        lock (_lock)
        {
            _keys[devEui] = (MulticastKeys.DeriveMcKEKey(mcRootKey), dataBlockIntKey);
        }
    }

    /// <summary>Gets the number of devices with keys.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _keys.Count;
            }
        }
    }

    /// <inheritdoc/>
    public bool TryEncryptMcKey(DevEui devEui, Key128 mcKey, out Key128 mcKeyEncrypted)
    {
        mcKeyEncrypted = default;
        if (!TryGet(devEui, out Key128 mcKEKey, out _))
        {
            return false;
        }

        mcKeyEncrypted = MulticastKeys.EncryptMcKey(mcKEKey, mcKey);
        return true;
    }

    /// <inheritdoc/>
    public bool TryComputeDataBlockMic(DevEui devEui, ushort sessionCnt, byte fragIndex, uint descriptor, ReadOnlySpan<byte> dataBlock, out uint mic)
    {
        mic = 0;
        if (!TryGet(devEui, out _, out Key128? dataBlockIntKey) || dataBlockIntKey is not Key128 key)
        {
            return false;
        }

        mic = DataBlockIntegrity.ComputeMic(key, sessionCnt, fragIndex, descriptor, dataBlock);
        return true;
    }

    private bool TryGet(DevEui devEui, out Key128 mcKEKey, out Key128? dataBlockIntKey)
    {
        lock (_lock)
        {
            bool found = _keys.TryGetValue(devEui, out var keys);
            (mcKEKey, dataBlockIntKey) = keys;
            return found;
        }
    }
}
