using LoRaFuota.Multicast;

namespace LoRaFuota.Cli.Json.Fields;

/// <summary>The groups of a McGroupStatusAns: which are present (a bit per group id) and their addresses.</summary>
/// <param name="Mask">Bit i set when group i is listed.</param>
/// <param name="Addresses">The McAddr of each listed group.</param>
internal readonly record struct GroupList(int Mask, McGroupAddresses Addresses);
