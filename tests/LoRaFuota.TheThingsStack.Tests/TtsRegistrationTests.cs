using LoRaFuota.Hosting;
using LoRaFuota.TheThingsStack.Mqtt;
using LoRaFuota.TheThingsStack.Transport;
using LoRaFuota.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LoRaFuota.TheThingsStack.Tests;

/// <summary>AddLoRaFuotaTheThingsStack: bad settings stop the host at start with what to fix; good ones give a connected transport.</summary>
public sealed class TtsRegistrationTests
{
    [Fact]
    public async Task BadSettings_StopTheHostAtStart_NamingEachOne()
    {
        using IHost host = Host(1883, app: "Not An Id", gateway: null);

        OptionsValidationException ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ApplicationId", ex.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task GoodSettings_ConnectOnStart_AndTheTransportIsTheRunnersNetworkServer()
    {
        using Mosquitto broker = Mosquitto.Start();
        using IHost host = Host(broker.Port, app: "fuota-app", gateway: "gw-roof");

        await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.IsType<TtsTransport>(host.Services.GetRequiredService<IFuotaTransport>());
        Assert.True(host.Services.GetRequiredService<TtsMqttClient>().IsConnected);
        await host.StopAsync();
    }

    private static IHost Host(int port, string app, string? gateway)
    {
        HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLoRaFuotaTheThingsStack(
            mqtt => { mqtt.Port = port; mqtt.ApplicationId = app; mqtt.TenantId = "tenant1"; mqtt.ApiKey = "NNSXS.KEY"; },
            api => { api.BaseAddress = new Uri("http://tts.invalid/api/v3/"); api.ApiKey = "NNSXS.KEY"; api.ApplicationId = app; api.FrequencyPlanId = "EU_863_870_TTN"; },
            transport =>
            {
                if (gateway is not null)
                {
                    transport.Gateways.Add(gateway);
                }
            });
        return builder.Build();
    }
}
