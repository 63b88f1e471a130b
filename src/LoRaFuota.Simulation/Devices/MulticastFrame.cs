using LoRaFuota.Planning;

namespace LoRaFuota.Simulation.Devices;

/// <summary>A multicast downlink as it goes over the air: the group's address and session key, the radio settings, the frame.</summary>
/// <param name="McAddr">The multicast address in the frame header.</param>
/// <param name="McAppSKey">The key the server encrypted it with.</param>
/// <param name="Class">The class the server sends it in.</param>
/// <param name="DataRate">The data rate.</param>
/// <param name="FrequencyHz">The frequency.</param>
/// <param name="Periodicity">The class B periodicity of the group.</param>
/// <param name="FCnt">The frame counter.</param>
/// <param name="FPort">The FPort.</param>
/// <param name="Payload">The FRMPayload.</param>
internal readonly record struct MulticastFrame(uint McAddr, Key128 McAppSKey, MulticastClass Class, int DataRate, uint FrequencyHz, byte Periodicity, uint FCnt, byte FPort, ReadOnlyMemory<byte> Payload);
