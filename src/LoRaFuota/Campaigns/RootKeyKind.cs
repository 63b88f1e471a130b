namespace LoRaFuota.Campaigns;

/// <summary>Which root key a device's multicast and data-block keys come from (TS005 §4.3, TS004 v2 §3.3).</summary>
public enum RootKeyKind
{
    /// <summary>LoRaWAN 1.0.x GenAppKey: McRootKey = AES(GenAppKey, 0x00…), DataBlockIntKey = AES(GenAppKey, 0x30…).</summary>
    GenAppKey = 0,

    /// <summary>LoRaWAN 1.1 AppKey: McRootKey = AES(AppKey, 0x20…), DataBlockIntKey = AES(AppKey, 0x30…).</summary>
    AppKey,

    /// <summary>The McRootKey itself: multicast setup works, the TS004 v2 MIC does not (it needs GenAppKey or AppKey).</summary>
    McRootKey,
}
