namespace LoRaFuota.Cli.Json;

/// <summary>The fields of a DataFragment held in a plain record (<see cref="Fragmentation.DataFragment"/> is a ref struct).</summary>
/// <param name="FragIndex">The session, 0 to 3.</param>
/// <param name="N">The fragment number.</param>
/// <param name="Payload">The fragment payload.</param>
internal readonly record struct FragmentFields(byte FragIndex, ushort N, byte[] Payload);
