using System.Buffers.Binary;

namespace LoRaFuota.Security;

/// <summary>The TS005 multicast key hierarchy (identical in v1 and v2).</summary>
/// <remarks>
/// <code>
/// McRootKey       = AES-Encrypt(GenAppKey, 0x00 | pad16)        LoRaWAN 1.0.x
/// McRootKey       = AES-Encrypt(AppKey,    0x20 | pad16)        LoRaWAN 1.1
/// McKEKey         = AES-Encrypt(McRootKey, 0x00 | pad16)
/// McKey_encrypted = AES-Decrypt(McKEKey, McKey)                 server side
/// McKey           = AES-Encrypt(McKEKey, McKey_encrypted)       device side (devices only need AES-encrypt)
/// McAppSKey       = AES-Encrypt(McKey, 0x01 | McAddr LE | pad16)
/// McNwkSKey       = AES-Encrypt(McKey, 0x02 | McAddr LE | pad16)
/// </code>
/// TS005 §3.3 and §5. McAddr enters the block little-endian (0x01020304 → <c>04 03 02 01</c>). Nothing here logs.
/// </remarks>
public static class MulticastKeys
{
    private const byte GenAppKeyConstant = 0x00;
    private const byte AppKeyConstant = 0x20;
    private const byte McKEKeyConstant = 0x00;
    private const byte McAppSKeyConstant = 0x01;
    private const byte McNwkSKeyConstant = 0x02;
    private const int McAddrOffset = 1;

    /// <summary>Derives McRootKey for a LoRaWAN 1.0.x device from its GenAppKey.</summary>
    /// <param name="genAppKey">The device's GenAppKey (not the 1.0.x join AppKey).</param>
    /// <returns>McRootKey.</returns>
    public static Key128 DeriveMcRootKeyFromGenAppKey(Key128 genAppKey) => AesBlock.EncryptConstant(genAppKey, GenAppKeyConstant);

    /// <summary>Derives McRootKey for a LoRaWAN 1.1 device from its AppKey.</summary>
    /// <param name="appKey">The device's LoRaWAN 1.1 AppKey.</param>
    /// <returns>McRootKey.</returns>
    public static Key128 DeriveMcRootKeyFromAppKey(Key128 appKey) => AesBlock.EncryptConstant(appKey, AppKeyConstant);

    /// <summary>Derives McKEKey, the key that protects McKey in McGroupSetupReq.</summary>
    /// <param name="mcRootKey">McRootKey.</param>
    /// <returns>McKEKey.</returns>
    public static Key128 DeriveMcKEKey(Key128 mcRootKey) => AesBlock.EncryptConstant(mcRootKey, McKEKeyConstant);

    /// <summary>Encrypts a group key for McGroupSetupReq (the server side: AES <b>decrypt</b>).</summary>
    /// <param name="mcKEKey">The device's McKEKey.</param>
    /// <param name="mcKey">The group key (random per group).</param>
    /// <returns>McKey_encrypted.</returns>
    public static Key128 EncryptMcKey(Key128 mcKEKey, Key128 mcKey) => AesBlock.Decrypt(mcKEKey, mcKey);

    /// <summary>Recovers the group key from McGroupSetupReq (the device side: AES <b>encrypt</b>).</summary>
    /// <param name="mcKEKey">The device's McKEKey.</param>
    /// <param name="mcKeyEncrypted">McKey_encrypted from the request.</param>
    /// <returns>McKey.</returns>
    public static Key128 DecryptMcKey(Key128 mcKEKey, Key128 mcKeyEncrypted) => AesBlock.Encrypt(mcKEKey, mcKeyEncrypted);

    /// <summary>Derives the group's application session key.</summary>
    /// <param name="mcKey">The group key.</param>
    /// <param name="mcAddr">The group address.</param>
    /// <returns>McAppSKey.</returns>
    public static Key128 DeriveMcAppSKey(Key128 mcKey, uint mcAddr) => DeriveSessionKey(mcKey, McAppSKeyConstant, mcAddr);

    /// <summary>Derives the group's network session key.</summary>
    /// <param name="mcKey">The group key.</param>
    /// <param name="mcAddr">The group address.</param>
    /// <returns>McNwkSKey.</returns>
    public static Key128 DeriveMcNwkSKey(Key128 mcKey, uint mcAddr) => DeriveSessionKey(mcKey, McNwkSKeyConstant, mcAddr);

    private static Key128 DeriveSessionKey(Key128 mcKey, byte constant, uint mcAddr)
    {
        Span<byte> block = stackalloc byte[Key128.Length];
        block.Clear();
        block[0] = constant;
        BinaryPrimitives.WriteUInt32LittleEndian(block[McAddrOffset..], mcAddr);
        return AesBlock.Encrypt(mcKey, block);
    }
}
