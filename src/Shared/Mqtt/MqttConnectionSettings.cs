namespace LoRaFuota.Mqtt;

/// <summary>What an adapter tells its <see cref="MqttConnection"/>: where, how patiently to reconnect, and its own exception for a refusal.</summary>
/// <param name="Endpoint">host:port, for messages.</param>
/// <param name="ReconnectDelay">The first wait before a reconnect; it doubles.</param>
/// <param name="MaxReconnectDelay">The longest wait.</param>
/// <param name="Refused">Makes the adapter's exception from a message and the cause.</param>
/// <param name="CredentialsHint">What to check when the broker refuses the connection.</param>
internal sealed record MqttConnectionSettings(string Endpoint, TimeSpan ReconnectDelay, TimeSpan MaxReconnectDelay, Func<string, Exception?, Exception> Refused, string CredentialsHint = "Check the user name and password.");
