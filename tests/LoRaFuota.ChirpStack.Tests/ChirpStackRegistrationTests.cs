using LoRaFuota.ChirpStack.Mqtt;
using LoRaFuota.ChirpStack.Transport;
using LoRaFuota.Hosting;
using LoRaFuota.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LoRaFuota.ChirpStack.Tests;

/// <summary>AddLoRaFuotaChirpStack: bad settings stop the host at start with what to fix; good ones give a connected transport.</summary>
public sealed class ChirpStackRegistrationTests
{
    private const string Application = "17c82e96-be03-4f38-aef3-f83d48582d97";

    [Fact]
    public async Task BadSettings_StopTheHostAtStart_NamingEachOne()
    {
        using IHost host = Host(1883, token: "");

        OptionsValidationException ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ApiToken", ex.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task GoodSettings_ConnectOnStart_AndTheTransportIsTheRunnersNetworkServer()
    {
        using Mosquitto broker = Mosquitto.Start();
        using IHost host = Host(broker.Port, token: "secret-token");

        await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.IsType<ChirpStackTransport>(host.Services.GetRequiredService<IFuotaTransport>());
        Assert.True(host.Services.GetRequiredService<ChirpStackMqttClient>().IsConnected);
        await host.StopAsync();
    }

    private static IHost Host(int port, string token)
    {
        HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLoRaFuotaChirpStack(
            mqtt => { mqtt.Port = port; mqtt.ApplicationId = Application; },
            api => api.ApiToken = token,
            transport => { transport.ApplicationId = Application; transport.Region = Regions.Region.EU868; });
        return builder.Build();
    }
}
