using System.Text.Json;
using LoRaFuota.Security;
using LoRaFuota.Tests.TestUtilities;

namespace LoRaFuota.Tests.Vectors;

/// <summary>The key-derivation and MIC entries of commands.json.</summary>
public class KeyVectorTests
{
    public static TheoryData<int> KeyEntries()
    {
        var data = new TheoryData<int>();
        int index = 0;
        foreach (JsonElement entry in SpecVectors.Commands.EnumerateArray())
        {
            if (entry.TryGetProperty("kind", out JsonElement kind) && kind.GetString() is "key_derivation" or "mic")
            {
                data.Add(index);
            }

            index++;
        }

        return data;
    }

    [Fact]
    public void VectorFile_HasTenDerivationsAndOneMic() => Assert.Equal(11, KeyEntries().Count);

    [Theory]
    [MemberData(nameof(KeyEntries))]
    public void Derivation_MatchesVector(int index)
    {
        JsonElement entry = SpecVectors.Commands[index];
        JsonElement f = entry.GetProperty("fields");
        string command = entry.GetProperty("command").GetString()!;
        string expected = entry.GetProperty("bytes_hex").GetString()!;

        string actual = command switch
        {
            "KeyDerivation:McRootKey_from_AppKey(LoRaWAN1.1)" => MulticastKeys.DeriveMcRootKeyFromAppKey(Key(f, "app_key")).ToHexString(),
            "KeyDerivation:McRootKey_from_GenAppKey(LoRaWAN1.0.x)" => MulticastKeys.DeriveMcRootKeyFromGenAppKey(Key(f, "gen_app_key")).ToHexString(),
            "KeyDerivation:McKEKey" => MulticastKeys.DeriveMcKEKey(Key(f, "mc_root_key")).ToHexString(),
            "KeyDerivation:McAppSKey" => MulticastKeys.DeriveMcAppSKey(Key(f, "mc_key"), Address(f)).ToHexString(),
            "KeyDerivation:McNwkSKey" => MulticastKeys.DeriveMcNwkSKey(Key(f, "mc_key"), Address(f)).ToHexString(),
            "KeyDerivation:McKey_encrypted(server: AES-DECRYPT)" => MulticastKeys.EncryptMcKey(Key(f, "mc_ke_key"), Key(f, "mc_key")).ToHexString(),
            "KeyDerivation:DataBlockIntKey" => DataBlockIntegrity.DeriveDataBlockIntKey(Key(f, "gen_app_key_or_app_key")).ToHexString(),
            "DataBlockMIC" => Mic(f),
            _ => throw new InvalidDataException(command),
        };

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(KeyEntries))]
    public void EncryptedMcKey_DecryptsBackOnTheDevice(int index)
    {
        JsonElement entry = SpecVectors.Commands[index];
        if (!entry.GetProperty("command").GetString()!.StartsWith("KeyDerivation:McKey_encrypted", StringComparison.Ordinal))
        {
            return;
        }

        JsonElement f = entry.GetProperty("fields");
        Key128 encrypted = Key128.Parse(entry.GetProperty("bytes_hex").GetString()!);
        Assert.Equal(Key(f, "mc_key"), MulticastKeys.DecryptMcKey(Key(f, "mc_ke_key"), encrypted));
    }

    [Fact]
    public void MicVector_B0_MatchesVector()
    {
        JsonElement f = SpecVectors.CommandEntries(e => e.GetProperty("command").GetString() == "DataBlockMIC").Single().GetProperty("fields");
        byte[] block = Hex.Bytes(f.GetProperty("data_block_hex").GetString()!);
        Span<byte> b0 = stackalloc byte[DataBlockIntegrity.B0Length];

        DataBlockIntegrity.WriteB0(b0, (ushort)f.GetProperty("session_cnt").GetInt32(), (byte)f.GetProperty("frag_index").GetInt32(), 0, block.Length);

        Assert.Equal(f.GetProperty("b0_hex").GetString(), Hex.Of(b0));
    }

    private static string Mic(JsonElement f)
    {
        byte[] block = Hex.Bytes(f.GetProperty("data_block_hex").GetString()!);
        byte[] descriptor = Hex.Bytes(f.GetProperty("descriptor_hex").GetString()!);
        uint mic = DataBlockIntegrity.ComputeMic(
            Key(f, "data_block_int_key"),
            (ushort)f.GetProperty("session_cnt").GetInt32(),
            (byte)f.GetProperty("frag_index").GetInt32(),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(descriptor),
            block);
        byte[] wire = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(wire, mic);
        return Hex.Of(wire);
    }

    private static Key128 Key(JsonElement fields, string name) => Key128.Parse(fields.GetProperty(name).GetString()!);

    private static uint Address(JsonElement fields) => Convert.ToUInt32(fields.GetProperty("mc_addr").GetString(), 16);
}
