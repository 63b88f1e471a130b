namespace LoRaFuota.ChirpStack.Events;

/// <summary>One gateway's reception of an uplink.</summary>
/// <param name="GatewayId">The gateway id (hex).</param>
/// <param name="Rssi">The RSSI in dBm.</param>
/// <param name="Snr">The SNR in dB.</param>
public readonly record struct ChirpStackReception(string GatewayId, int Rssi, float Snr);
